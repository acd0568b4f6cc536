/** Runs every bench phase in order and gathers the figures; printing and writing are left to the caller. */
import { cpus, loadavg } from 'node:os';
import { ACK_COMMAND, type AckRun } from './ack-phase.js';
import { type AckCounts, runAckSeries } from './ack-runs.js';
import { ALICE, BOB, CAROL, DAVE, OWNER } from './bodies.js';
import { type CallsResult, measureCalls } from './calls-phase.js';
import { type E2eResult, measureE2e } from './e2e-phase.js';
import { type OpenCounts, type OpenRun, runOpenLoop } from './open-phase.js';
import { appMain } from './paths.js';
import { measureStartup, type StartupResult } from './startup-phase.js';
import { evaluateTargets, type Target } from './targets.js';
import type { LogCounts, MemoryReport } from './types.js';
import { startDoubles, startWorld, type World } from './world.js';

export interface BenchCounts extends AckCounts {
  readonly e2eRuns: number;
  readonly e2eWarmup: number;
  readonly callRounds: number;
  /** Spawns of each app for the spawn-to-ready figure. */
  readonly startupRounds: number;
  readonly open: OpenCounts;
}

export const FULL_COUNTS: BenchCounts = {
  warmup: 300,
  traffic: { c1: 3000, c50: 4000 },
  capacity: { c1: 1500, c50: 2000 },
  maxMs: 14_000,
  e2eRuns: 40,
  e2eWarmup: 5,
  callRounds: 2,
  startupRounds: 5,
  open: { perRate: { 50: 600, 200: 2000 }, warmupSeconds: 1 },
};

/** BENCH_QUICK=1: about a quarter of the requests, for a first look (p99 over fewer samples is noisier). */
export const QUICK_COUNTS: BenchCounts = {
  warmup: 100,
  traffic: { c1: 800, c50: 1000 },
  capacity: { c1: 400, c50: 500 },
  maxMs: 5000,
  e2eRuns: 10,
  e2eWarmup: 2,
  callRounds: 1,
  startupRounds: 3,
  open: { perRate: { 50: 200, 200: 600 }, warmupSeconds: 0.5 },
};

interface MemoryFigures {
  /** After warm-up, before any load. */
  readonly idle: MemoryReport;
  /** After every ack run and a full GC: what the process retains. */
  readonly afterLoad: MemoryReport;
}

export interface BenchResults {
  readonly meta: Record<string, unknown>;
  readonly startup: StartupResult;
  readonly ack: { readonly command: string; readonly runs: AckRun[] };
  readonly open: OpenRun[];
  readonly e2e: E2eResult;
  readonly calls: CallsResult;
  readonly memory: { readonly app: MemoryFigures; readonly bare: MemoryFigures; readonly emptyRss: number };
  readonly appLogs: LogCounts;
  readonly targets: Target[];
  readonly durationMs: number;
}

/** Maps every fixture user (warm mapping store) and creates the group the ack runs `show`. */
async function warmUp(world: World): Promise<void> {
  const text = `create "Development Team" manager <@${ALICE}> members <@${ALICE}> <@${BOB}> <@${CAROL}> <@${DAVE}>`;
  const { reply } = await world.command(OWNER, text);
  if (!String(reply['text']).startsWith('✅')) throw new Error(`warm-up "${text}" replied ${JSON.stringify(reply)}`);
}

function meta(counts: BenchCounts, world: World, loadBefore: number): Record<string, unknown> {
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: `${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}`,
    app: appMain(),
    nodeFlags: process.env['BENCH_NODE_FLAGS'] ?? '',
    processes: { bench: process.pid, app: world.app.pid, bare: world.bare.pid, doubles: world.doubles.pid },
    units: { latency: 'ms', rps: 'per second', memory: 'bytes' },
    counts,
    loadAverage: { before: loadBefore, after: loadavg()[0] ?? 0 },
  };
}

async function measureLoaded(world: World, counts: BenchCounts, progress: (line: string) => void) {
  await warmUp(world);
  const idle = {
    app: await world.app.call<MemoryReport>('memory'),
    bare: await world.bare.call<MemoryReport>('memory'),
  };
  const runs = await runAckSeries(world, counts, progress);
  const open = await runOpenLoop(world, counts.open, progress);
  const afterLoad = {
    app: await world.app.call<MemoryReport>('memory'),
    bare: await world.bare.call<MemoryReport>('memory'),
  };
  progress(`end to end: ${counts.e2eRuns} x (create + manager)`);
  const e2e = await measureE2e(world, counts.e2eRuns, counts.e2eWarmup);
  progress(`calls per operation: ${counts.callRounds} rounds after a warm-up round`);
  const calls = await measureCalls(world, counts.callRounds);
  return { idle, runs, open, afterLoad, e2e, calls };
}

export async function runBench(counts: BenchCounts, progress: (line: string) => void): Promise<BenchResults> {
  const started = performance.now();
  const loadBefore = loadavg()[0] ?? 0;
  progress(`app under test: node ${appMain()}`);
  progress('starting the DocSpace and Slack doubles');
  const doubles = await startDoubles();
  try {
    progress(
      `spawn to ready: this app's first start, then ${counts.startupRounds} x (this app, bare Bolt), one at a time`,
    );
    const startup = await measureStartup(doubles.ready, counts.startupRounds);
    progress('starting this app and the bare Bolt app (one process each) for the load phases');
    const world = await startWorld(doubles);
    try {
      const m = await measureLoaded(world, counts, progress);
      return {
        meta: meta(counts, world, loadBefore),
        startup,
        ack: { command: ACK_COMMAND, runs: m.runs },
        open: m.open,
        e2e: m.e2e,
        calls: m.calls,
        memory: {
          app: { idle: m.idle.app, afterLoad: m.afterLoad.app },
          bare: { idle: m.idle.bare, afterLoad: m.afterLoad.bare },
          emptyRss: world.emptyRss,
        },
        appLogs: world.app.logs(),
        targets: evaluateTargets({ runs: m.runs, open: m.open, startup, calls: m.calls }),
        durationMs: performance.now() - started,
      };
    } finally {
      await world.close();
    }
  } finally {
    await doubles.stop();
  }
}
