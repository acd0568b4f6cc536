import { setTimeout as delay } from 'node:timers/promises';
import { Pool } from 'undici';
import type { Logger } from '../domain/index.js';
import {
  DocSpaceBusyError,
  type DocSpaceError,
  DocSpaceNetworkError,
  DocSpaceRateLimitedError,
  DocSpaceTimeoutError,
  isDocSpaceError,
} from './errors.js';
import { type HttpMethod, type Query, type RequestInfo, withQuery } from './requests.js';
import {
  interpretResponse,
  type RawResponse,
  redactSecret,
  type SuccessfulResponse,
  sanitizeCause,
} from './response.js';
import { createSlots, SlotWaitExpired } from './slots.js';

/**
 * Sending a request: one HTTP exchange over a keep-alive undici Pool (auth headers, per-request timeout, caller
 * abort), and around it a bounded retry loop whose every answer goes through interpretResponse. The wait for one of
 * the pool's connections is bounded apart from the time on the wire (slots.ts).
 */

interface TransportOptions {
  readonly baseUrl: string;
  readonly apiKey: string;
  /** Time on the wire, from the moment the request has a connection. */
  readonly timeoutMs: number;
  /** Connections in the pool: at most this many requests in flight at once. */
  readonly maxConnections: number;
  /** How long a request may wait for a free connection before it fails as `busy`, unsent. */
  readonly queueTimeoutMs: number;
  readonly observe?: DocSpaceObserver;
}

/** One HTTP exchange as metrics and readiness see it: no path, query or body, only the operation's name. */
export interface DocSpaceExchange {
  readonly operation: string;
  /** The HTTP status, or why there was none. */
  readonly status: number | 'timeout' | 'network' | 'aborted';
  readonly seconds: number;
}

/** Told about every HTTP exchange (each retry is one); must not throw. */
export type DocSpaceObserver = (exchange: DocSpaceExchange) => void;

export interface TransportRequest extends RequestInfo {
  /** Path (already prefixed with /api/2.0) plus query string. */
  readonly target: string;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

export interface Transport {
  send(request: TransportRequest): Promise<RawResponse>;
  close(): Promise<void>;
}

const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function errorCode(error: unknown): string | undefined {
  const code: unknown = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

function toTransportError(error: unknown, timedOut: boolean, request: TransportRequest, options: TransportOptions) {
  const context = { operation: request.operation, method: request.method, path: request.path };
  const cause = sanitizeCause(error, options.apiKey);
  const code = errorCode(error);
  if (timedOut || (code !== undefined && TIMEOUT_CODES.has(code))) {
    return new DocSpaceTimeoutError(`no complete response within ${options.timeoutMs} ms`, { ...context, cause });
  }
  const reason = redactSecret(error instanceof Error ? error.message : String(error), options.apiKey);
  return new DocSpaceNetworkError(`network error${code === undefined ? '' : ` ${code}`}: ${reason}`, {
    ...context,
    cause,
  });
}

function buildHeaders(apiKey: string, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${apiKey}` };
  if (hasBody) headers['content-type'] = 'application/json';
  return headers;
}

export function createTransport(options: TransportOptions): Transport {
  const url = new URL(options.baseUrl);
  const basePath = url.pathname.replace(/\/+$/, '');
  const pool = new Pool(url.origin, { connections: options.maxConnections, connect: { timeout: options.timeoutMs } });
  const slots = createSlots(options.maxConnections, options.queueTimeoutMs);
  let closing: Promise<void> | undefined;

  const observe = options.observe;

  /** A slot, or a busy error (nothing was sent); the caller's abort passes through as its own reason. */
  async function connectionSlot(request: TransportRequest) {
    try {
      return await slots.acquire(request.signal);
    } catch (error) {
      if (!(error instanceof SlotWaitExpired)) throw error;
      const context = { operation: request.operation, method: request.method, path: request.path };
      const detail = `all ${options.maxConnections} connections stayed busy for ${options.queueTimeoutMs} ms; not sent`;
      throw new DocSpaceBusyError(detail, context);
    }
  }

  async function send(request: TransportRequest): Promise<RawResponse> {
    request.signal?.throwIfAborted();
    const release = await connectionSlot(request);
    try {
      return await exchange(request);
    } finally {
      release();
    }
  }

  /** One exchange on a connection slot already held: the timeout counts from here, not from the wait before it. */
  async function exchange(request: TransportRequest): Promise<RawResponse> {
    // A plain timer cleared as soon as the exchange ends, rather than AbortSignal.timeout(): that one keeps a timer,
    // a weak reference and a finalizer alive for the whole timeoutMs after every request, which under load piles up
    // as garbage that survives young collections and grows the old generation.
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), options.timeoutMs).unref();
    const signal = request.signal === undefined ? timeout.signal : AbortSignal.any([request.signal, timeout.signal]);
    const hasBody = request.body !== undefined;
    const started = performance.now();
    const seen = (status: DocSpaceExchange['status']) =>
      observe?.({ operation: request.operation, status, seconds: (performance.now() - started) / 1000 });
    try {
      const response = await pool.request({
        method: request.method,
        path: `${basePath}${request.target}`,
        headers: buildHeaders(options.apiKey, hasBody),
        ...(hasBody ? { body: JSON.stringify(request.body) } : {}),
        signal,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
      const text = await response.body.text();
      seen(response.statusCode);
      return { status: response.statusCode, headers: response.headers, text };
    } catch (error) {
      if (request.signal?.aborted === true) {
        seen('aborted');
        throw request.signal.reason;
      }
      const failure = toTransportError(error, timeout.signal.aborted, request, options) satisfies DocSpaceError;
      seen(failure.code === 'timeout' ? 'timeout' : 'network');
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  function close(): Promise<void> {
    closing ??= pool.close();
    return closing;
  }

  return { send, close };
}

// Backoff policy: which failures are worth another attempt, and how long to wait first.

interface RetryPolicy {
  /** Retries after the first attempt; 0 means one attempt only. */
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

const READ_RETRYABLE: ReadonlySet<string> = new Set(['network', 'timeout', 'server_error', 'rate_limited']);

/**
 * Reads retry on network errors, timeouts, 5xx and 429; writes only on 429 (they may have been applied). `busy` is not
 * retried: the queue timeout already bounds the whole wait, and another turn in the queue would only lengthen the
 * burst that caused it.
 */
export function isRetryable(method: HttpMethod, error: DocSpaceError): boolean {
  if (method === 'GET') return READ_RETRYABLE.has(error.code);
  return error.code === 'rate_limited';
}

/**
 * Exponential backoff with "equal jitter": half of min(max, base * 2^attempt) is fixed, the other half random.
 * `attempt` is 0 for the wait before the first retry; `random` returns a number in [0, 1).
 */
export function computeBackoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const half = ceiling / 2;
  return Math.round(half + half * Math.min(Math.max(random(), 0), 1));
}

type RetryDecision = { readonly retry: true; readonly delayMs: number } | { readonly retry: false };

/**
 * Whether to try again after `error` on attempt `attempt` (0-based) and how long to wait first.
 * A Retry-After longer than maxDelayMs is not waited for: the rate-limit error goes to the caller instead.
 */
export function decideRetry(
  method: HttpMethod,
  error: DocSpaceError,
  attempt: number,
  policy: RetryPolicy,
  random?: () => number,
): RetryDecision {
  if (attempt >= policy.maxRetries || !isRetryable(method, error)) return { retry: false };
  if (error instanceof DocSpaceRateLimitedError && error.retryAfterSeconds !== null) {
    const delayMs = error.retryAfterSeconds * 1000;
    return delayMs > policy.maxDelayMs ? { retry: false } : { retry: true, delayMs };
  }
  return { retry: true, delayMs: computeBackoffDelay(attempt, policy, random) };
}

// The retry loop.

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

interface HttpOptions {
  readonly transport: Transport;
  /** Only used to redact it from anything an error carries. */
  readonly apiKey: string;
  readonly retry: RetryPolicy;
  readonly logger: Logger;
  readonly sleep: Sleep;
  readonly random?: () => number;
}

export interface HttpRequest extends RequestInfo {
  readonly query?: Query;
  readonly body?: unknown;
  readonly signal?: AbortSignal | undefined;
}

export interface Http {
  send(request: HttpRequest): Promise<SuccessfulResponse>;
}

/** A real timer; an abort rejects with the caller's own reason, as a request abort does. */
export const defaultSleep: Sleep = async (ms, signal) => {
  try {
    await delay(ms, undefined, signal === undefined ? {} : { signal });
  } catch (error) {
    if (signal?.aborted === true) throw signal.reason;
    throw error;
  }
};

export function createHttp(options: HttpOptions): Http {
  const { transport, apiKey, retry, logger, sleep } = options;

  async function send(request: HttpRequest): Promise<SuccessfulResponse> {
    const info: RequestInfo = { operation: request.operation, method: request.method, path: request.path };
    const target = withQuery(request.path, request.query);
    const extra = {
      ...(request.body === undefined ? {} : { body: request.body }),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    };
    for (let attempt = 0; ; attempt += 1) {
      try {
        const raw = await transport.send({ ...info, target, ...extra });
        return interpretResponse(info, raw, apiKey);
      } catch (error) {
        if (!isDocSpaceError(error)) throw error;
        const decision = decideRetry(request.method, error, attempt, retry, options.random);
        if (!decision.retry) throw error;
        const context = { ...info, attempt: attempt + 1, maxRetries: retry.maxRetries, delayMs: decision.delayMs };
        logger.warn({ ...context, code: error.code, status: error.status }, 'DocSpace request failed; retrying');
        await sleep(decision.delayMs, request.signal);
      }
    }
  }

  return { send };
}
