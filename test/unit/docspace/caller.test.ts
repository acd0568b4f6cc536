import { describe, expect, it } from 'vitest';
import { createCaller } from '../../../src/docspace/caller.js';
import { DocSpaceUnexpectedResponseError } from '../../../src/docspace/errors.js';
import type { Http, HttpRequest } from '../../../src/docspace/http.js';
import type { SuccessfulResponse } from '../../../src/docspace/response.js';
import { envelopes } from '../../../src/docspace/schemas.js';

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
