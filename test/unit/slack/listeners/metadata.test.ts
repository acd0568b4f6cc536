import { describe, expect, it } from 'vitest';
import { decodeModalMetadata, encodeModalMetadata } from '../../../../src/slack/listeners/forms.js';

describe('modal private_metadata', () => {
  it('carries a channel id from open to submit', () => {
    expect(decodeModalMetadata(encodeModalMetadata('C0GENERAL01'))).toEqual({ channelId: 'C0GENERAL01' });
  });

  it('carries DM and private channel ids too', () => {
    expect(decodeModalMetadata(encodeModalMetadata('D0DM000001')).channelId).toBe('D0DM000001');
    expect(decodeModalMetadata(encodeModalMetadata('G0PRIVATE1')).channelId).toBe('G0PRIVATE1');
  });

  it('stores null for a missing or malformed channel id', () => {
    expect(encodeModalMetadata(undefined)).toBe('{"c":null}');
    expect(encodeModalMetadata(null)).toBe('{"c":null}');
    expect(encodeModalMetadata('U0ALICE001')).toBe('{"c":null}');
    expect(encodeModalMetadata('<!channel>')).toBe('{"c":null}');
  });

  it('reads anything it did not write as no channel', () => {
    for (const raw of [undefined, '', 'not json', '[]', '{"c":"#general"}', '{"c":42}', '{"x":"C0GENERAL01"}']) {
      expect(decodeModalMetadata(raw)).toEqual({ channelId: null });
    }
  });
});
