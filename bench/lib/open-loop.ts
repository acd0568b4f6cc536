/**
 * An open-loop sender: request k of a run is due at start + k / rate, and is sent then whatever the earlier ones
 * got, on a keep-alive undici Pool wide enough that the sender never waits for a free connection. Each latency
 * counts from the request's scheduled time to its full response, so a server that falls behind (or a sender that
 * does) shows in the figures instead of quietly lowering the rate (no coordinated omission).
 *
 * The sender shares the machine with the app under test: it wakes on setTimeout (about 1 ms granularity, no busy
 * spinning that would steal a core), signs a body once per second (the signature covers the timestamp) and reads
 * each response body without parsing it. Its own lag (actual send - scheduled time) is recorded and reported, so a
 * late sender is visible rather than blamed on the app.
 */
import { Pool } from 'undici';
import { signSlackRequest } from '../../test/fakes/signing.js';

interface OpenLoopOptions {
  readonly eventsUrl: string;
  readonly signingSecret: string;
  readonly ratePerSec: number;
  readonly count: number;
  /** The same raw form body for every request. */
  readonly body: string;
}

export interface OpenLoopResult {
  /** Scheduled send -> full response, for each request answered 200. */
  readonly latenciesMs: number[];
  /** Actual send - scheduled send, for every request. */
  readonly senderLagMs: number[];
  readonly errors: number;
  readonly firstError: string | null;
  /** First scheduled send -> last response. */
  readonly elapsedMs: number;
}

/** Connections the sender may open: at 200/s, enough for a 0.5 s stall before any request waits for a socket. */
const MAX_CONNECTIONS = 100;

export interface OpenLoopSender {
  run(options: Omit<OpenLoopOptions, 'eventsUrl' | 'signingSecret'>): Promise<OpenLoopResult>;
  close(): Promise<void>;
}

/** One pool per target, reused across its runs so warm connections stay open. */
export function createOpenLoopSender(eventsUrl: string, signingSecret: string): OpenLoopSender {
  const url = new URL(eventsUrl);
  const pool = new Pool(url.origin, { connections: MAX_CONNECTIONS, pipelining: 1, keepAliveTimeout: 30_000 });
  let signed = { second: -1, body: '', headers: {} as Record<string, string> };
  const headersFor = (body: string) => {
    const second = Math.floor(Date.now() / 1000);
    if (signed.second !== second || signed.body !== body) {
      const headers = { ...signSlackRequest(signingSecret, body, second), 'content-length': String(body.length) };
      signed = { second, body, headers };
    }
    return signed.headers;
  };
  return {
    run: (options) => runOpenLoop(pool, url.pathname, headersFor, options),
    close: () => pool.close(),
  };
}

function runOpenLoop(
  pool: Pool,
  path: string,
  headersFor: (body: string) => Record<string, string>,
  options: Omit<OpenLoopOptions, 'eventsUrl' | 'signingSecret'>,
): Promise<OpenLoopResult> {
  const { ratePerSec, count, body } = options;
  const intervalMs = 1000 / ratePerSec;
  const latenciesMs: number[] = [];
  const senderLagMs: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let settled = 0;
  let lastResponse = 0;
  const start = performance.now() + 2;
  return new Promise((resolve) => {
    const finish = () => {
      settled += 1;
      if (settled === count) {
        resolve({ latenciesMs, senderLagMs, errors, firstError, elapsedMs: lastResponse - start });
      }
    };
    const fail = (error: unknown) => {
      errors += 1;
      firstError ??= error instanceof Error ? error.message : String(error);
    };
    const send = (scheduled: number, now: number) => {
      senderLagMs.push(now - scheduled);
      pool.request({ path, method: 'POST', headers: headersFor(body), body }).then(
        async (res) => {
          const text = await res.body.text();
          lastResponse = performance.now();
          if (res.statusCode === 200) latenciesMs.push(lastResponse - scheduled);
          else fail(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`));
          finish();
        },
        (error: unknown) => {
          lastResponse = performance.now();
          fail(error);
          finish();
        },
      );
    };
    let k = 0;
    const tick = () => {
      const now = performance.now();
      while (k < count && start + k * intervalMs <= now) {
        send(start + k * intervalMs, now);
        k += 1;
      }
      if (k < count) setTimeout(tick, Math.max(0, start + k * intervalMs - performance.now()));
    };
    if (count === 0) resolve({ latenciesMs, senderLagMs, errors, firstError, elapsedMs: 0 });
    else setTimeout(tick, 2);
  });
}
