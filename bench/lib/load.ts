/**
 * A closed-loop load generator: `concurrency` workers, each on its own keep-alive connection (undici Pool), send
 * signed Slack requests one after another and time each until its full HTTP response (the ack) has arrived.
 * With `afterAck`, a worker also waits for that (e.g. the command's response_url reply) before its next request,
 * so at most `concurrency` commands are in flight end to end.
 */
import { Pool } from 'undici';
import { signSlackRequest } from '../../test/fakes/signing.js';

export interface SignedPoster {
  /** POSTs the raw body, signed now; resolves with the status and milliseconds to the full response. */
  post(rawBody: string): Promise<{ status: number; ms: number; body: string }>;
  close(): Promise<void>;
}

export function createSignedPoster(eventsUrl: string, signingSecret: string, connections: number): SignedPoster {
  const url = new URL(eventsUrl);
  const pool = new Pool(url.origin, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
  return {
    async post(rawBody) {
      const headers = { ...signSlackRequest(signingSecret, rawBody), 'content-length': String(rawBody.length) };
      const started = performance.now();
      const res = await pool.request({ path: url.pathname, method: 'POST', headers, body: rawBody });
      const body = await res.body.text();
      return { status: res.statusCode, ms: performance.now() - started, body };
    },
    close: () => pool.close(),
  };
}

export interface LoadOptions {
  readonly eventsUrl: string;
  readonly signingSecret: string;
  readonly concurrency: number;
  /** Requests sent first and not measured (connections opened, code warm). */
  readonly warmup: number;
  /** Measured requests; the run also stops at maxMs. */
  readonly count: number;
  readonly maxMs: number;
  /** The raw form body of request `seq` (ASCII only; seq is unique across warm-up and run). */
  readonly body: (seq: number) => string;
  /** Awaited after each successful ack, outside the timed part (pacing on the command's reply). */
  readonly afterAck?: (seq: number) => Promise<unknown>;
  /** Caps the send rate: request k of a phase is not sent before phaseStart + k / ratePerSec. */
  readonly ratePerSec?: number;
}

export interface LoadResult {
  readonly latenciesMs: number[];
  /** Requests acked with 200, warm-up included. */
  readonly acked: number;
  readonly elapsedMs: number;
  readonly errors: number;
  readonly firstError: string | null;
}

async function drive(poster: SignedPoster, options: LoadOptions, count: number, next: () => number) {
  const latenciesMs: number[] = [];
  let issued = 0;
  let errors = 0;
  let firstError: string | null = null;
  const started = performance.now();
  const deadline = started + options.maxMs;
  const spacingMs = options.ratePerSec ? 1000 / options.ratePerSec : 0;
  const worker = async () => {
    while (issued < count && performance.now() < deadline) {
      const due = started + issued * spacingMs;
      issued += 1;
      const seq = next();
      const wait = due - performance.now();
      if (wait >= 1) await new Promise((resolve) => setTimeout(resolve, wait));
      try {
        const r = await poster.post(options.body(seq));
        if (r.status !== 200) throw new Error(`HTTP ${r.status}: ${r.body.slice(0, 200)}`);
        latenciesMs.push(r.ms);
        await options.afterAck?.(seq);
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { latenciesMs, acked: latenciesMs.length, elapsedMs: performance.now() - started, errors, firstError };
}

/** Warm-up, then the measured run, on the same connections. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const poster = createSignedPoster(options.eventsUrl, options.signingSecret, options.concurrency);
  let seq = 0;
  const next = () => seq++;
  try {
    const warm = options.warmup > 0 ? await drive(poster, options, options.warmup, next) : null;
    const run = await drive(poster, options, options.count, next);
    if (!warm) return run;
    return {
      ...run,
      acked: run.acked + warm.acked,
      errors: run.errors + warm.errors,
      firstError: warm.firstError ?? run.firstError,
    };
  } finally {
    await poster.close();
  }
}
