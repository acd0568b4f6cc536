/**
 * Spawn-to-ready: each round spawns the real app and the bare Bolt app, one at a time (app first in even rounds,
 * bare first in odd ones), times each from spawn() until GET /healthz answers 200, and stops it with SIGTERM.
 * The app's first start creates its SQLite file and runs the migrations; it is reported on its own. The measured
 * rounds are restarts on that file, what every deploy or restart of a running bot sees. Compared by the median.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MeasuredSpec, spawnMeasured } from './child-process.js';
import { type LatencySummary, summarize } from './stats.js';
import type { DoublesInfo } from './types.js';
import { measuredSpecs } from './world.js';

export interface StartupResult {
  /** Spawn until the first 200 from /healthz, ms. */
  readonly app: LatencySummary;
  readonly bare: LatencySummary;
  /** CPU time each process had used when it was ready, ms (less sensitive to other work on the machine). */
  readonly appCpu: LatencySummary;
  readonly bareCpu: LatencySummary;
  /** The app's first start on a new SQLite file (migrations included), ms. */
  readonly appFirstStartMs: number;
  /** Exit codes of the real app after each SIGTERM, first start included (0 = stopped cleanly). */
  readonly appExitCodes: (number | null)[];
}

async function once(spec: MeasuredSpec) {
  const child = await spawnMeasured(spec);
  return { ms: child.startupMs, cpuMs: child.startupCpuMs, exitCode: await child.stop() };
}

async function measureRounds(specs: { app: MeasuredSpec; bare: MeasuredSpec }, rounds: number) {
  const samples = { app: [] as number[], bare: [] as number[], appCpu: [] as number[], bareCpu: [] as number[] };
  const exitCodes: (number | null)[] = [];
  const runApp = async () => {
    const { ms, cpuMs, exitCode } = await once(specs.app);
    samples.app.push(ms);
    samples.appCpu.push(cpuMs);
    exitCodes.push(exitCode);
  };
  const runBare = async () => {
    const { ms, cpuMs } = await once(specs.bare);
    samples.bare.push(ms);
    samples.bareCpu.push(cpuMs);
  };
  for (let i = 0; i < rounds; i++) {
    const [first, second] = i % 2 === 0 ? [runApp, runBare] : [runBare, runApp];
    await first();
    await second();
  }
  return { samples, exitCodes };
}

export async function measureStartup(doubles: DoublesInfo, rounds: number): Promise<StartupResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dsg-bench-data-'));
  try {
    const specs = measuredSpecs(doubles, dataDir);
    const first = await once(specs.app);
    const { samples, exitCodes } = await measureRounds(specs, rounds);
    return {
      app: summarize(samples.app),
      bare: summarize(samples.bare),
      appCpu: summarize(samples.appCpu),
      bareCpu: summarize(samples.bareCpu),
      appFirstStartMs: first.ms,
      appExitCodes: [first.exitCode, ...exitCodes],
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
