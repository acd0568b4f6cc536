import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DocSpaceForbiddenError,
  DocSpaceNotFoundError,
  DocSpaceRateLimitedError,
  DocSpaceServerError,
  DocSpaceUnauthorizedError,
  DocSpaceUnexpectedResponseError,
  DocSpaceValidationError,
} from '../../../src/docspace/errors.js';
import type { RequestInfo } from '../../../src/docspace/requests.js';
import {
  interpretResponse,
  parseRetryAfter,
  type RawResponse,
  redactSecret,
  sanitizeCause,
  toBodySnippet,
} from '../../../src/docspace/response.js';

const KEY = `sk-${'ab'.repeat(32)}`;
const info: RequestInfo = { operation: 'createGroup', method: 'POST', path: '/api/2.0/group' };
const fixtureText = (name: string) => readFileSync(new URL(`../../fixtures/docspace/${name}`, import.meta.url), 'utf8');
const raw = (status: number, text = '', headers: RawResponse['headers'] = {}): RawResponse => ({
  status,
  headers,
  text,
});

function failureOf(response: RawResponse): unknown {
  try {
    interpretResponse(info, response, KEY);
  } catch (error) {
    return error;
  }
  throw new Error('expected interpretResponse to throw');
}

describe('interpretResponse', () => {
  it('returns the parsed JSON of a successful envelope', () => {
    const result = interpretResponse(info, raw(200, fixtureText('group-list.json')), KEY);
    expect(result.json).toMatchObject({ status: 0, total: 7 });
  });

  it('accepts a 204 without a body', () => {
    expect(interpretResponse(info, raw(204), KEY).json).toBeUndefined();
  });

  it('maps a 404 error envelope to DocSpaceNotFoundError naming the operation, path and server message', () => {
    const error = failureOf(raw(404, fixtureText('error-group-not-found.json')));
    expect(error).toBeInstanceOf(DocSpaceNotFoundError);
    expect((error as Error).message).toBe(
      'DocSpace createGroup (POST /api/2.0/group) failed: 404 The group could not be found',
    );
  });

  it('maps a 400 validation problem to DocSpaceValidationError with its field errors', () => {
    const error = failureOf(raw(400, fixtureText('validation-group-name.json')));
    expect(error).toBeInstanceOf(DocSpaceValidationError);
    expect((error as DocSpaceValidationError).fieldErrors['GroupName']?.[0]).toMatch(/maximum length of 128/);
  });

  it('uses the first validation message as the error detail', () => {
    const error = failureOf(raw(400, fixtureText('validation-group-name.json'))) as Error;
    expect(error.message).toMatch(/failed: 400 The field GroupName must be a string/);
  });

  it('maps an empty 401 to DocSpaceUnauthorizedError with the standard reason phrase', () => {
    const error = failureOf(raw(401));
    expect([error instanceof DocSpaceUnauthorizedError, (error as Error).message.endsWith('401 Unauthorized')]).toEqual(
      [true, true],
    );
  });

  it('maps a 403 "Access denied" envelope to DocSpaceForbiddenError', () => {
    const body = JSON.stringify({ error: { message: 'Access denied' }, status: 1, statusCode: 403 });
    const error = failureOf(raw(403, body)) as Error;
    expect([error instanceof DocSpaceForbiddenError, error.message.endsWith('failed: 403 Access denied')]).toEqual([
      true,
      true,
    ]);
  });

  it('maps a 429 to DocSpaceRateLimitedError carrying Retry-After seconds', () => {
    const error = failureOf(raw(429, '', { 'retry-after': '3' })) as DocSpaceRateLimitedError;
    expect([error instanceof DocSpaceRateLimitedError, error.retryAfterSeconds]).toEqual([true, 3]);
  });

  it('gives a 429 without Retry-After a null retryAfterSeconds', () => {
    expect((failureOf(raw(429)) as DocSpaceRateLimitedError).retryAfterSeconds).toBeNull();
  });

  it('maps a 502 with an HTML proxy page to DocSpaceServerError keeping a body snippet', () => {
    const error = failureOf(raw(502, '<html><body>Bad gateway</body></html>')) as DocSpaceServerError;
    expect([error instanceof DocSpaceServerError, error.status, error.bodySnippet]).toEqual([
      true,
      502,
      '<html><body>Bad gateway</body></html>',
    ]);
  });

  it('treats a 200 whose body says status 1 as the failure its statusCode names', () => {
    const body = JSON.stringify({ response: { title: 'x', errors: { Members: ['bad'] } }, status: 1, statusCode: 400 });
    expect(failureOf(raw(200, body))).toBeInstanceOf(DocSpaceValidationError);
  });

  it('maps a 200 with a truncated JSON body to DocSpaceUnexpectedResponseError', () => {
    const error = failureOf(raw(200, '{"response":[{"id":"')) as Error;
    expect([error instanceof DocSpaceUnexpectedResponseError, error.message]).toEqual([
      true,
      'DocSpace createGroup (POST /api/2.0/group) failed: 200 response body is not valid JSON',
    ]);
  });

  it('maps an unlisted status such as 402 to DocSpaceUnexpectedResponseError with that status', () => {
    expect((failureOf(raw(402)) as DocSpaceUnexpectedResponseError).status).toBe(402);
  });

  it('truncates the body snippet to about 500 characters', () => {
    const error = failureOf(raw(500, 'x'.repeat(5000))) as DocSpaceServerError;
    expect(error.bodySnippet?.length).toBeLessThanOrEqual(501);
  });

  it('removes the API key from the message and the body snippet when the server echoes it', () => {
    const body = JSON.stringify({ error: { message: `bad key ${KEY}` }, status: 1, statusCode: 401 });
    const error = failureOf(raw(401, body)) as DocSpaceUnauthorizedError;
    expect(`${error.message} ${error.bodySnippet}`).not.toContain(KEY);
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

describe('redaction', () => {
  it('replaces every occurrence of the key', () => {
    expect(redactSecret(`a ${KEY} b ${KEY}`, KEY)).toBe('a [redacted] b [redacted]');
  });

  it('replaces any bearer credential even when it is not the configured key', () => {
    expect(redactSecret('authorization: Bearer sk-other', KEY)).toBe('authorization: Bearer [redacted]');
  });

  it('returns no snippet for an empty body', () => {
    expect(toBodySnippet('', KEY)).toBeUndefined();
  });

  it('copies a library error as a plain error without its extra properties', () => {
    const original = Object.assign(new Error(`connect failed for ${KEY}`), {
      code: 'UND_ERR_SOCKET',
      headers: { authorization: `Bearer ${KEY}` },
    });
    const copy = sanitizeCause(original, KEY);
    expect([copy.message, (copy as Error & { code?: string }).code, 'headers' in copy]).toEqual([
      'connect failed for [redacted]',
      'UND_ERR_SOCKET',
      false,
    ]);
  });

  it('sanitizes nested causes too', () => {
    const copy = sanitizeCause(new Error('outer', { cause: new Error(`inner ${KEY}`) }), KEY);
    expect((copy.cause as Error).message).toBe('inner [redacted]');
  });
});
