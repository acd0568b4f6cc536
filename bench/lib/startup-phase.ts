/**
 * Spawn-to-ready: each round spawns the real app and the bare Bolt app, one at a time (app first in even rounds,
 * bare first in odd ones), times each from spawn() until GET /healthz answers 200, and stops it with SIGTERM. The app starts on a fresh SQLite file every
 * time (migrations included: the first start of a deployment, the slowest). Compared by the median.
 */
import { type MeasuredSpec, spawnMeasured } from './child-process.js';
import { type LatencySummary, summarize } from './stats.js';
import type { World } from './world.js';

export interface StartupResult {
  readonly app: LatencySummary;
  readonly bare: LatencySummary;
  /** Exit codes of the real app after each SIGTERM (0 = stopped cleanly). */
  readonly appExitCodes: (number | null)[];
}

async function once(spec: MeasuredSpec): Promise<{ ms: number; exitCode: number | null }> {
  const child = await spawnMeasured(spec);
  return { ms: child.startupMs, exitCode: await child.stop() };
}

export async function measureStartup(specs: World['specs'], rounds: number): Promise<StartupResult> {
  const app: number[] = [];
  const bare: number[] = [];
  const appExitCodes: (number | null)[] = [];
  const runApp = async () => {
    const { ms, exitCode } = await once(specs.app);
    app.push(ms);
    appExitCodes.push(exitCode);
  };
  const runBare = async () => {
    bare.push((await once(specs.bare)).ms);
  };
  for (let i = 0; i < rounds; i++) {
    const [first, second] = i % 2 === 0 ? [runApp, runBare] : [runBare, runApp];
    await first();
    await second();
  }
  return { app: summarize(app), bare: summarize(bare), appExitCodes };
}
