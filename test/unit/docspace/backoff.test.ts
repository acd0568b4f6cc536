import { describe, expect, it } from 'vitest';
import { computeBackoffDelay, decideRetry, isRetryable, parseRetryAfter } from '../../../src/docspace/backoff.js';
import {
  DocSpaceNetworkError,
  DocSpaceNotFoundError,
  DocSpaceRateLimitedError,
  DocSpaceServerError,
  DocSpaceTimeoutError,
} from '../../../src/docspace/errors.js';

const policy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1000 };
const context = { operation: 'listGroups', method: 'GET', path: '/api/2.0/group' };
const serverError = () => new DocSpaceServerError('503', { ...context, status: 503 });
const rateLimited = (seconds: number | null) =>
  new DocSpaceRateLimitedError('429', { ...context, status: 429 }, seconds);

describe('computeBackoffDelay', () => {
  it('doubles the ceiling with each attempt', () => {
    const full = () => 1;
    expect([0, 1, 2].map((attempt) => computeBackoffDelay(attempt, policy, full))).toEqual([100, 200, 400]);
  });

  it('keeps at least half of the ceiling when the jitter is zero', () => {
    expect(computeBackoffDelay(2, policy, () => 0)).toBe(200);
  });

  it('never exceeds maxDelayMs however many attempts were made', () => {
    expect(computeBackoffDelay(30, policy, () => 1)).toBe(1000);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta seconds', () => {
    expect(parseRetryAfter(' 7 ')).toBe(7);
  });

  it('reads an HTTP date as seconds from now, rounded up', () => {
    const now = () => Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5);
  });

  it('returns null for a missing or unreadable header', () => {
    expect([parseRetryAfter(undefined), parseRetryAfter('soon')]).toEqual([null, null]);
  });
});

describe('isRetryable', () => {
  it('retries reads on network errors, timeouts, 5xx and 429', () => {
    const errors = [
      new DocSpaceNetworkError('x', context),
      new DocSpaceTimeoutError('x', context),
      serverError(),
      rateLimited(null),
    ];
    expect(errors.map((error) => isRetryable('GET', error))).toEqual([true, true, true, true]);
  });

  it('retries writes only on 429', () => {
    const errors = [new DocSpaceNetworkError('x', context), serverError(), rateLimited(null)];
    expect(errors.map((error) => isRetryable('POST', error))).toEqual([false, false, true]);
  });

  it('never retries a 404', () => {
    expect(isRetryable('GET', new DocSpaceNotFoundError('x', context))).toBe(false);
  });
});

describe('decideRetry', () => {
  it('waits exactly Retry-After seconds when the server gives them', () => {
    expect(decideRetry('PUT', rateLimited(1), 0, policy)).toEqual({ retry: true, delayMs: 1000 });
  });

  it('gives up at once when Retry-After is longer than maxDelayMs', () => {
    expect(decideRetry('GET', rateLimited(2), 0, policy)).toEqual({ retry: false });
  });

  it('falls back to exponential backoff for a 429 without Retry-After', () => {
    expect(decideRetry('GET', rateLimited(null), 1, policy, () => 0)).toEqual({ retry: true, delayMs: 100 });
  });

  it('stops once maxRetries retries were made', () => {
    expect(decideRetry('GET', serverError(), 3, policy)).toEqual({ retry: false });
  });

  it('does not retry a write that failed with a 5xx', () => {
    expect(decideRetry('DELETE', serverError(), 0, policy)).toEqual({ retry: false });
  });
});
