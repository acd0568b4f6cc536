/** The order of the ack runs: in equal traffic, the real app first so the bare app can get its request rate. */
import { type AckRun, measureAck } from './ack-phase.js';
import type { World } from './world.js';

export interface AckCounts {
  /** Unmeasured requests before each run. */
  readonly warmup: number;
  /** Measured requests per equal-traffic run. */
  readonly traffic: { readonly c1: number; readonly c50: number };
  /** Measured requests per capacity run (kept smaller: the real app's backlog must drain afterwards). */
  readonly capacity: { readonly c1: number; readonly c50: number };
  /** Upper bound of each run's measured part. */
  readonly maxMs: number;
}

const NAME = { app: 'this app', bare: 'bare Bolt' } as const;

export async function runAckSeries(world: World, counts: AckCounts, progress: (line: string) => void) {
  const runs: AckRun[] = [];
  const settings = (count: number) => ({ warmup: counts.warmup, count, maxMs: counts.maxMs });
  const measure = async (run: Parameters<typeof measureAck>[1], count: number) => {
    progress(`ack ${run.mode}: ${NAME[run.target]}, concurrency ${run.concurrency}, ${count} requests`);
    const result = await measureAck(world, run, settings(count));
    if (result.latency.n === 0) throw new Error(`no request to ${NAME[run.target]} succeeded: ${result.firstError}`);
    runs.push(result);
    return result;
  };
  // Equal traffic at both concurrencies first: a capacity run leaves this app with a backlog whose memory the
  // process keeps for a while, which would otherwise count in the next run's peak RSS.
  for (const concurrency of [1, 50] as const) {
    const key = concurrency === 1 ? 'c1' : 'c50';
    const app = await measure({ target: 'app', mode: 'traffic', concurrency }, counts.traffic[key]);
    await measure({ target: 'bare', mode: 'traffic', concurrency, ratePerSec: app.rps }, counts.traffic[key]);
  }
  for (const concurrency of [1, 50] as const) {
    const key = concurrency === 1 ? 'c1' : 'c50';
    await measure({ target: 'bare', mode: 'capacity', concurrency }, counts.capacity[key]);
    await measure({ target: 'app', mode: 'capacity', concurrency }, counts.capacity[key]);
  }
  return runs;
}
