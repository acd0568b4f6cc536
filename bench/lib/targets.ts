/** The targets, judged PASS or MISS. A MISS is reported, never turned into a failing exit code. */
import type { AckMode, AckRun } from './ack-phase.js';
import type { CallsResult } from './calls-phase.js';

export interface Target {
  readonly name: string;
  readonly goal: string;
  readonly value: string;
  readonly verdict: 'PASS' | 'MISS';
}

const MAX_P99_RATIO = 1.2;
const MAX_RSS_BYTES = 150 * 1024 * 1024;
export const MB = 1024 * 1024;

export function findRun(
  runs: readonly AckRun[],
  target: 'app' | 'bare',
  concurrency: number,
  mode: AckMode = 'traffic',
): AckRun | undefined {
  return runs.find((r) => r.target === target && r.concurrency === concurrency && r.mode === mode);
}

function ratioTarget(runs: readonly AckRun[], concurrency: number): Target | null {
  const app = findRun(runs, 'app', concurrency);
  const bare = findRun(runs, 'bare', concurrency);
  if (!app || !bare) return null;
  const ratio = app.latency.p99 / bare.latency.p99;
  return {
    name: `ack p99, concurrency ${concurrency}, equal traffic`,
    goal: `<= ${MAX_P99_RATIO}x bare Bolt`,
    value: `${ratio.toFixed(2)}x (${app.latency.p99.toFixed(2)} / ${bare.latency.p99.toFixed(2)} ms)`,
    verdict: ratio <= MAX_P99_RATIO ? 'PASS' : 'MISS',
  };
}

export function evaluateTargets(runs: readonly AckRun[], calls: CallsResult): Target[] {
  const targets: Target[] = [];
  for (const c of [1, 50]) {
    const t = ratioTarget(runs, c);
    if (t) targets.push(t);
  }
  const atMinimum = calls.operations.filter((o) => o.verdict === 'PASS');
  targets.push({
    name: 'calls per operation (warm)',
    goal: '= API minimum',
    value: `${atMinimum.length}/${calls.operations.length} operations at the minimum`,
    verdict: atMinimum.length === calls.operations.length ? 'PASS' : 'MISS',
  });
  const peak = findRun(runs, 'app', 50)?.peakRss;
  if (peak !== undefined) {
    targets.push({
      name: 'app peak RSS, concurrency 50',
      goal: `< ${MAX_RSS_BYTES / MB} MB`,
      value: `${(peak / MB).toFixed(1)} MB`,
      verdict: peak < MAX_RSS_BYTES ? 'PASS' : 'MISS',
    });
  }
  return targets;
}
