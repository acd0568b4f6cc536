import { describe, expect, it } from 'vitest';
import { redactSecret, sanitizeCause, toBodySnippet } from '../../../src/docspace/redact.js';

const KEY = `sk-${'cd'.repeat(32)}`;

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
