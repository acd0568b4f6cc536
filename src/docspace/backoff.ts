import { type DocSpaceError, DocSpaceRateLimitedError } from './errors.js';

export interface RetryPolicy {
  /** Retries after the first attempt; 0 means one attempt only. */
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

const READ_RETRYABLE: ReadonlySet<string> = new Set(['network', 'timeout', 'server_error', 'rate_limited']);

/** Reads retry on network errors, timeouts, 5xx and 429; writes only on 429 (they may have been applied). */
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

/** Retry-After as seconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: () => number = Date.now): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number.parseInt(text, 10);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now()) / 1000));
}

export type RetryDecision = { readonly retry: true; readonly delayMs: number } | { readonly retry: false };

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
