import { describe, expect, it } from 'vitest';
import {
  DocSpaceBusyError,
  DocSpaceNetworkError,
  DocSpaceNotFoundError,
  DocSpaceRateLimitedError,
  DocSpaceServerError,
  DocSpaceTimeoutError,
} from '../../../src/docspace/errors.js';
import type { RawResponse } from '../../../src/docspace/response.js';
import {
  computeBackoffDelay,
  createHttp,
  decideRetry,
  defaultSleep,
  type HttpRequest,
  isRetryable,
  type Transport,
  type TransportRequest,
} from '../../../src/docspace/transport.js';

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

  it('never retries busy: the queue timeout already bounded the whole wait', () => {
    const busy = new DocSpaceBusyError('x', context);
    expect([isRetryable('GET', busy), isRetryable('PUT', busy)]).toEqual([false, false]);
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

const KEY = `sk-${'ef'.repeat(32)}`;
const OK: RawResponse = { status: 200, headers: {}, text: '{"response":[],"count":0,"status":0,"statusCode":200}' };
const status = (code: number, headers: RawResponse['headers'] = {}): RawResponse => ({
  status: code,
  headers,
  text: '',
});
type Step = RawResponse | Error;

/** An in-memory transport answering from a script, one step per attempt. */
function scriptedTransport(steps: Step[]) {
  const sent: TransportRequest[] = [];
  const transport: Transport = {
    async send(request) {
      sent.push(request);
      const step = steps.shift() ?? OK;
      if (step instanceof Error) throw step;
      return step;
    },
    close: async () => undefined,
  };
  return { transport, sent };
}

function setup(steps: Step[], maxRetries = 2) {
  const { transport, sent } = scriptedTransport(steps);
  const sleeps: number[] = [];
  const warnings: object[] = [];
  const logger = {
    info: () => undefined,
    debug: () => undefined,
    error: () => undefined,
    warn: (obj: object) => warnings.push(obj),
  };
  const http = createHttp({
    transport,
    apiKey: KEY,
    retry: { maxRetries, baseDelayMs: 100, maxDelayMs: 5000 },
    logger,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
  });
  return { http, sent, sleeps, warnings };
}

const read: HttpRequest = { operation: 'listGroups', method: 'GET', path: '/api/2.0/group', query: { count: 5 } };
const write: HttpRequest = {
  operation: 'createGroup',
  method: 'POST',
  path: '/api/2.0/group',
  body: { groupName: 'x' },
};
const networkError = () => new DocSpaceNetworkError('reset', { operation: 'listGroups', method: 'GET', path: '/x' });

describe('createHttp', () => {
  it('sends the query string with the path', async () => {
    const { http, sent } = setup([]);
    await http.send(read);
    expect(sent[0]?.target).toBe('/api/2.0/group?count=5');
  });

  it('retries a read after a 503 with exponential backoff and returns the later success', async () => {
    const { http, sent, sleeps } = setup([status(503), status(503)]);
    const response = await http.send(read);
    expect([response.status, sent.length, sleeps]).toEqual([200, 3, [50, 100]]);
  });

  it('retries a read after a network error', async () => {
    const { http, sent } = setup([networkError()]);
    await http.send(read);
    expect(sent).toHaveLength(2);
  });

  it('gives up after maxRetries retries and throws the last error', async () => {
    const { http, sent } = setup([status(500), status(502), status(503)], 2);
    await expect(http.send(read)).rejects.toMatchObject({ name: 'DocSpaceServerError', status: 503 });
    expect(sent).toHaveLength(3);
  });

  it('does not retry a write that got a 5xx', async () => {
    const { http, sent } = setup([status(500)]);
    await expect(http.send(write)).rejects.toBeInstanceOf(DocSpaceServerError);
    expect(sent).toHaveLength(1);
  });

  it('retries a write that got a 429, waiting the Retry-After seconds', async () => {
    const { http, sent, sleeps } = setup([status(429, { 'retry-after': '2' })]);
    await http.send(write);
    expect([sent.length, sleeps]).toEqual([2, [2000]]);
  });

  it('does not wait for a Retry-After longer than maxDelayMs and throws the rate-limit error', async () => {
    const { http, sent } = setup([status(429, { 'retry-after': '60' })]);
    const failure = http.send(read);
    await expect(failure).rejects.toBeInstanceOf(DocSpaceRateLimitedError);
    await expect(failure).rejects.toMatchObject({ retryAfterSeconds: 60 });
    expect(sent).toHaveLength(1);
  });

  it('logs each retry at warn with the operation and delay but never the key', async () => {
    const { http, warnings } = setup([status(503)]);
    await http.send(read);
    expect(warnings).toEqual([
      expect.objectContaining({ operation: 'listGroups', attempt: 1, delayMs: 50, code: 'server_error', status: 503 }),
    ]);
    expect(JSON.stringify(warnings)).not.toContain(KEY);
  });

  it('passes errors that are not DocSpace errors (a caller abort) through without retrying', async () => {
    const abort = new DOMException('stop', 'AbortError');
    const { http, sent } = setup([abort]);
    await expect(http.send(read)).rejects.toBe(abort);
    expect(sent).toHaveLength(1);
  });
});

describe('defaultSleep', () => {
  it("rejects with the caller's abort reason when the signal fires during the wait", async () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    const waiting = defaultSleep(60_000, controller.signal);
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
  });
});
