/** Runs every bench phase in order and gathers the figures; printing and writing are left to the caller. */
import { cpus, loadavg } from 'node:os';
import { ACK_COMMAND, type AckRun } from './ack-phase.js';
import { type AckCounts, runAckSeries } from './ack-runs.js';
import { ALICE, BOB, CAROL, DAVE, OWNER } from './bodies.js';
import { type CallsResult, measureCalls } from './calls-phase.js';
import { type E2eResult, measureE2e } from './e2e-phase.js';
import { evaluateTargets, type Target } from './targets.js';
import type { LogCounts, MemoryReport } from './types.js';
import { startWorld, type World } from './world.js';

export interface BenchCounts extends AckCounts {
  readonly e2eRuns: number;
  readonly e2eWarmup: number;
  readonly callRounds: number;
}

export const FULL_COUNTS: BenchCounts = {
  warmup: 300,
  traffic: { c1: 3000, c50: 4000 },
  capacity: { c1: 1500, c50: 2000 },
  maxMs: 14_000,
  e2eRuns: 40,
  e2eWarmup: 5,
  callRounds: 2,
};

interface MemoryFigures {
  /** After warm-up, before any load. */
  readonly idle: MemoryReport;
  /** After every ack run and a full GC: what the process retains. */
  readonly afterLoad: MemoryReport;
}

export interface BenchResults {
  readonly meta: Record<string, unknown>;
  readonly ack: { readonly command: string; readonly runs: AckRun[] };
  readonly e2e: E2eResult;
  readonly calls: CallsResult;
  readonly memory: { readonly app: MemoryFigures; readonly bare: MemoryFigures; readonly emptyTsxRss: number };
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
    processes: { bench: process.pid, app: world.app.pid, bare: world.bare.pid, doubles: world.doubles.pid },
    units: { latency: 'ms', rps: 'per second', memory: 'bytes' },
    counts,
    loadAverage: { before: loadBefore, after: loadavg()[0] ?? 0 },
  };
}

export async function runBench(counts: BenchCounts, progress: (line: string) => void): Promise<BenchResults> {
  const started = performance.now();
  const loadBefore = loadavg()[0] ?? 0;
  progress('starting the doubles, the app and the bare Bolt app (one process each)');
  const world = await startWorld();
  try {
    await warmUp(world);
    const idle = {
      app: await world.app.call<MemoryReport>('memory'),
      bare: await world.bare.call<MemoryReport>('memory'),
    };
    const runs = await runAckSeries(world, counts, progress);
    const afterLoad = {
      app: await world.app.call<MemoryReport>('memory'),
      bare: await world.bare.call<MemoryReport>('memory'),
    };
    progress(`end to end: ${counts.e2eRuns} x (create + manager)`);
    const e2e = await measureE2e(world, counts.e2eRuns, counts.e2eWarmup);
    progress(`calls per operation: ${counts.callRounds} rounds after a warm-up round`);
    const calls = await measureCalls(world, counts.callRounds);
    return {
      meta: meta(counts, world, loadBefore),
      ack: { command: ACK_COMMAND, runs },
      e2e,
      calls,
      memory: {
        app: { idle: idle.app, afterLoad: afterLoad.app },
        bare: { idle: idle.bare, afterLoad: afterLoad.bare },
        emptyTsxRss: world.emptyTsxRss,
      },
      appLogs: await world.app.call<LogCounts>('logs'),
      targets: evaluateTargets(runs, calls),
      durationMs: performance.now() - started,
    };
  } finally {
    await world.close();
  }
}
