import { describe, expect, it } from 'vitest';
import type { GroupId } from '../../../../src/domain/model/ids.js';
import { decodeDeleteValue, encodeDeleteValue } from '../../../../src/slack/listeners/buttons.js';

const GROUP = '0a1b2c3d-0000-4000-8000-00000000abcd' as GroupId;

describe('the delete confirmation button value', () => {
  it('carries the group id and the reason', () => {
    expect(decodeDeleteValue(encodeDeleteValue(GROUP, 'reorg'))).toEqual({ groupId: GROUP, reason: 'reorg' });
    expect(decodeDeleteValue(encodeDeleteValue(GROUP, null))).toEqual({ groupId: GROUP, reason: null });
  });

  it('accepts a bare group id, lower-casing it', () => {
    expect(decodeDeleteValue(GROUP.toUpperCase())).toEqual({ groupId: GROUP, reason: null });
  });

  it('refuses a value that names no group', () => {
    for (const value of [undefined, '', 'Development Team', '{"g":"nope","r":null}', '{"r":null}', '[1]']) {
      expect(decodeDeleteValue(value)).toBeNull();
    }
  });

  it('refuses a reason longer than 500 characters', () => {
    expect(decodeDeleteValue(JSON.stringify({ g: GROUP, r: 'r'.repeat(501) }))).toBeNull();
  });
});
