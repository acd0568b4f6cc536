/**
 * Ack latency: signed `/docspace-group show "Development Team"` POSTs from `concurrency` workers, each on its own
 * keep-alive connection, timed from send to the full HTTP response (the ack).
 *
 * - traffic (the compared figure): against the real app each worker waits for its command's response_url reply
 *   before sending the next one, so the app's post-ack work (DocSpace find + read, respond()) overlaps the other
 *   workers' acks without piling up. The bare app, which has no post-ack work, then gets the same request rate.
 * - capacity: every worker goes on at the ack. The bare app shows its ack ceiling; the real app's post-ack work
 *   falls behind and queues, so the run waits for that backlog to drain (counted at the Slack double).
 *
 * Peak RSS covers warm-up, run and drain, sampled in the target's own process.
 */
import { randomUUID } from 'node:crypto';
import { commandBody, OWNER } from './bodies.js';
import { type LoadOptions, runLoad } from './load.js';
import { type LatencySummary, summarize } from './stats.js';
import type { RssReport } from './types.js';
import { SIGNING_SECRET, type World } from './world.js';

export const ACK_COMMAND = 'show "Development Team"';
export type AckMode = 'traffic' | 'capacity';
export type AckTarget = 'app' | 'bare';

export interface AckSettings {
  readonly warmup: number;
  readonly count: number;
  readonly maxMs: number;
}

export interface AckRun {
  readonly target: AckTarget;
  readonly mode: AckMode;
  readonly concurrency: number;
  readonly latency: LatencySummary;
  /** traffic + app: completed commands (ack and reply) per second; otherwise acks per second. */
  readonly rps: number;
  readonly errors: number;
  readonly firstError: string | null;
  /** capacity + app: ms from the last ack until every reply had reached the Slack double. */
  readonly drainMs: number | null;
  /** capacity + app: replies still missing when the drain wait gave up. */
  readonly undrained: number;
  /** Real app: warning lines it logged during the run (e.g. DocSpace retries); null for bare. */
  readonly appWarnings: number | null;
  /** Peak RSS of the target's process from the start of warm-up to the end of the run (and drain), bytes. */
  readonly peakRss: number;
  /** CPU time the target's process used per acked request over warm-up, run and drain, ms (all its threads). */
  readonly cpuPerRequestMs: number;
}

const DRAIN_LIMIT_MS = 30_000;
const REPLY_TIMEOUT_MS = 30_000;

/** Waits until the Slack double has received `expected` response_url replies (or DRAIN_LIMIT_MS passed). */
export async function drain(world: World, expected: number): Promise<{ ms: number; missing: number }> {
  const started = performance.now();
  for (;;) {
    const received = await world.doubles.call<number>('responseCount');
    if (received >= expected) return { ms: performance.now() - started, missing: 0 };
    if (performance.now() - started > DRAIN_LIMIT_MS) return { ms: DRAIN_LIMIT_MS, missing: expected - received };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

type Pacing = Pick<LoadOptions, 'body' | 'afterAck' | 'ratePerSec'>;

function pacing(world: World, target: AckTarget, mode: AckMode, ratePerSec: number | undefined): Pacing {
  if (target === 'app' && mode === 'traffic') {
    const run = randomUUID().slice(0, 8);
    const id = (seq: number) => `ack-${run}-${seq}`;
    return {
      body: (seq) => commandBody(OWNER, ACK_COMMAND, world.sink.url(id(seq))),
      afterAck: (seq) => world.sink.wait(id(seq), REPLY_TIMEOUT_MS),
    };
  }
  const body = commandBody(OWNER, ACK_COMMAND, `${world.doubles.ready.slackUrl}/response/bench-ack`);
  return { body: () => body, ...(mode === 'traffic' && ratePerSec ? { ratePerSec } : {}) };
}

/** `ratePerSec` (traffic mode, bare app): the request rate the real app sustained at the same concurrency. */
export async function measureAck(
  world: World,
  run: { target: AckTarget; mode: AckMode; concurrency: number; ratePerSec?: number },
  settings: AckSettings,
): Promise<AckRun> {
  const { target, mode, concurrency } = run;
  const child = target === 'app' ? world.app : world.bare;
  await world.doubles.call('clear');
  await child.call<RssReport>('rss', { reset: true });
  const cpuBefore = await child.call<number>('cpu');
  const warningsBefore = child.logs().warn;
  const result = await runLoad({
    eventsUrl: child.eventsUrl,
    signingSecret: SIGNING_SECRET,
    concurrency,
    ...settings,
    ...pacing(world, target, mode, run.ratePerSec),
  });
  const drained = target === 'app' && mode === 'capacity' ? await drain(world, result.acked) : null;
  const rss = await child.call<RssReport>('rss');
  const cpuUsed = (await child.call<number>('cpu')) - cpuBefore;
  const warnings = child.logs().warn - warningsBefore;
  return {
    target,
    mode,
    concurrency,
    latency: summarize(result.latenciesMs),
    rps: (result.latenciesMs.length / result.elapsedMs) * 1000,
    errors: result.errors,
    firstError: result.firstError,
    drainMs: drained?.ms ?? null,
    undrained: drained?.missing ?? 0,
    appWarnings: target === 'app' ? warnings : null,
    peakRss: rss.peak,
    cpuPerRequestMs: result.acked > 0 ? cpuUsed / result.acked : Number.NaN,
  };
}
