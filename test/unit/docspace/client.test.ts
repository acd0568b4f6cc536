import { describe, expect, it } from 'vitest';
import { createCaller, createDocSpaceClient, type DocSpaceClientOptions } from '../../../src/docspace/client.js';
import { DocSpaceUnexpectedResponseError } from '../../../src/docspace/errors.js';
import type { SuccessfulResponse } from '../../../src/docspace/response.js';
import { envelopes } from '../../../src/docspace/schemas.js';
import type { Http, HttpRequest } from '../../../src/docspace/transport.js';

const noop = () => undefined;
const valid: DocSpaceClientOptions = {
  baseUrl: 'https://acme.onlyoffice.com',
  apiKey: `sk-${'34'.repeat(32)}`,
  timeoutMs: 10_000,
  retry: { maxRetries: 2, baseDelayMs: 200, maxDelayMs: 5000 },
  logger: { info: noop, warn: noop, error: noop, debug: noop },
};

describe('createDocSpaceClient options', () => {
  it.each([
    ['a non-http base URL', { baseUrl: 'ftp://acme.onlyoffice.com' }, 'baseUrl'],
    ['an empty API key', { apiKey: '' }, 'apiKey'],
    ['a zero timeout', { timeoutMs: 0 }, 'timeoutMs'],
    ['negative retries', { retry: { maxRetries: -1, baseDelayMs: 1, maxDelayMs: 1 } }, 'retry.maxRetries'],
  ] as const)('refuses %s with a TypeError naming the option', (_label, override, field) => {
    expect(() => createDocSpaceClient({ ...valid, ...override })).toThrow(
      new RegExp(`^Invalid DocSpace client options: ${field.replace('.', '\\.')}: `),
    );
  });

  it('never echoes an API key with a line break into the refusal', () => {
    const apiKey = 'sk-secret\r\nX-Injected: yes';
    expect(() => createDocSpaceClient({ ...valid, apiKey })).toThrow(/^(?!.*secret).*apiKey: /s);
  });
});

const KEY = `sk-${'12'.repeat(32)}`;
const request: HttpRequest = { operation: 'deleteGroup', method: 'DELETE', path: '/api/2.0/group/x' };

function answering(text: string, status = 200): Http {
  const response: SuccessfulResponse = { status, text, json: text === '' ? undefined : JSON.parse(text) };
  return { send: async () => response };
}

describe('createCaller', () => {
  it('accepts a 204 without a body where an empty answer is allowed', async () => {
    await expect(createCaller(answering('', 204), KEY).callAllowingEmpty(request)).resolves.toBeUndefined();
  });

  it('accepts a 200 success envelope where an empty answer is allowed', async () => {
    const body = JSON.stringify({ response: null, count: 0, status: 0, statusCode: 200 });
    await expect(createCaller(answering(body), KEY).callAllowingEmpty(request)).resolves.toBeUndefined();
  });

  it('refuses a 200 body that is not an envelope even where an empty answer is allowed', async () => {
    const caller = createCaller(answering('{"ok":true}'), KEY);
    await expect(caller.callAllowingEmpty(request)).rejects.toBeInstanceOf(DocSpaceUnexpectedResponseError);
  });

  it('refuses an empty body where a payload is expected', async () => {
    const caller = createCaller(answering('', 204), KEY);
    await expect(caller.call(request, envelopes.group)).rejects.toThrow('204 response has no body');
  });

  it('describes schema drift with the path of the first bad field', async () => {
    const caller = createCaller(answering('{"response":{"name":"x"},"status":0}'), KEY);
    await expect(caller.call(request, envelopes.group)).rejects.toThrow(/schema drift: response\.id: /);
  });
});
