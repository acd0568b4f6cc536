import { describe, expect, it } from 'vitest';
import { createDocSpaceClient, type DocSpaceClientOptions } from '../../../src/docspace/client.js';

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
