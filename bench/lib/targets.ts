/**
 * The targets, judged PASS or MISS. A MISS is reported, never turned into a failing exit code. Ratios
 * compare this app with the bare Bolt app measured in the same run, so they hold up better than absolute figures
 * on a busy machine.
 */
import type { AckMode, AckRun } from './ack-phase.js';
import type { CallsResult } from './calls-phase.js';
import type { OpenCommand, OpenRun } from './open-phase.js';
import type { StartupResult } from './startup-phase.js';
import type { LatencySummary } from './stats.js';

export interface Target {
  readonly name: string;
  readonly goal: string;
  readonly value: string;
  readonly verdict: 'PASS' | 'MISS';
}

export const MB = 1024 * 1024;
const MAX_RATIO = 1.5;
const MAX_PEAK_RSS = 150 * MB;

export function findRun(
  runs: readonly AckRun[],
  target: 'app' | 'bare',
  concurrency: number,
  mode: AckMode = 'traffic',
): AckRun | undefined {
  return runs.find((r) => r.target === target && r.concurrency === concurrency && r.mode === mode);
}

export function findOpen(runs: readonly OpenRun[], target: 'app' | 'bare', command: OpenCommand, rate: number) {
  return runs.find((r) => r.target === target && r.command === command && r.ratePerSec === rate);
}

function ratio(name: string, app: number, bare: number, unit: string): Target {
  const r = app / bare;
  return {
    name,
    goal: `<= ${MAX_RATIO}x bare Bolt`,
    value: `${r.toFixed(2)}x (${app.toFixed(2)} / ${bare.toFixed(2)} ${unit})`,
    verdict: r <= MAX_RATIO ? 'PASS' : 'MISS',
  };
}

const p99 = (l: LatencySummary) => l.p99;

export interface TargetInputs {
  readonly runs: readonly AckRun[];
  readonly open: readonly OpenRun[];
  readonly startup: StartupResult;
  readonly calls: CallsResult;
}

export function evaluateTargets({ runs, open, startup, calls }: TargetInputs): Target[] {
  const targets: Target[] = [];
  const peak = findRun(runs, 'app', 50)?.peakRss;
  if (peak !== undefined) {
    targets.push({
      name: 'app peak RSS, concurrency 50 (equal traffic)',
      goal: `<= ${MAX_PEAK_RSS / MB} MiB`,
      value: `${(peak / MB).toFixed(1)} MiB`,
      verdict: peak <= MAX_PEAK_RSS ? 'PASS' : 'MISS',
    });
  }
  targets.push(ratio('spawn to ready (median)', startup.app.p50, startup.bare.p50, 'ms'));
  const [app1, bare1] = [findRun(runs, 'app', 1), findRun(runs, 'bare', 1)];
  if (app1 && bare1) targets.push(ratio('show ack p99, concurrency 1', p99(app1.latency), p99(bare1.latency), 'ms'));
  for (const rate of [...new Set(open.map((r) => r.ratePerSec))]) {
    for (const command of ['help', 'show'] as const) {
      const [a, b] = [findOpen(open, 'app', command, rate), findOpen(open, 'bare', command, rate)];
      if (a && b) targets.push(ratio(`${command} ack p99, open loop ${rate}/s`, p99(a.latency), p99(b.latency), 'ms'));
    }
  }
  const drifted = calls.operations.filter((o) => o.unplanned.length > 0 || o.notMade.length > 0);
  const unstable = calls.unstable.map((u) => u.op);
  targets.push({
    name: 'calls per operation (warm), no regression',
    goal: '= the design (bench/lib/call-budget.ts)',
    value:
      drifted.length === 0 && unstable.length === 0
        ? `${calls.operations.length}/${calls.operations.length} operations as designed`
        : `differ: ${[...drifted.map((o) => o.op), ...unstable].join(', ')}`,
    verdict: drifted.length === 0 && unstable.length === 0 ? 'PASS' : 'MISS',
  });
  return targets;
}
