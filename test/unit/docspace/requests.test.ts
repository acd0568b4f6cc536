import { describe, expect, it } from 'vitest';
import { DocSpaceInputError } from '../../../src/docspace/errors.js';
import {
  type RequestInfo,
  requireEmail,
  requireGroupId,
  requireGroupName,
  requireListQuery,
  requireUserIds,
} from '../../../src/docspace/requests.js';

const info: RequestInfo = { operation: 'listGroups', method: 'GET', path: '/api/2.0/group' };
const ALICE = 'dddd0002-0000-4000-8000-000000000002';

function refusal(run: () => unknown): DocSpaceInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof DocSpaceInputError) return error;
    throw error;
  }
  throw new Error('expected a DocSpaceInputError');
}

describe('input checks', () => {
  it('lower-case a valid group id', () => {
    expect(requireGroupId(info, '8F0B3C1E-2D4A-4C55-9A3E-1B2C3D4E5F60')).toBe('8f0b3c1e-2d4a-4c55-9a3e-1b2c3d4e5f60');
  });

  it('refuse a malformed group id with a message naming the value', () => {
    expect(refusal(() => requireGroupId(info, 'abc')).message).toContain('group id "abc" is not a GUID');
  });

  it('refuse the empty GUID as a user id and name its position', () => {
    const error = refusal(() => requireUserIds(info, [ALICE, '00000000-0000-0000-0000-000000000000'], 'add'));
    expect(error.message).toContain('add[1]');
  });

  it('de-duplicate user ids case-insensitively', () => {
    expect(requireUserIds(info, [ALICE, ALICE.toUpperCase()], 'add')).toEqual([ALICE]);
  });

  it('trim group names and refuse blank or over-long ones', () => {
    expect([
      requireGroupName(info, '  Dev  '),
      refusal(() => requireGroupName(info, '   ')).message.endsWith('group name is blank'),
      refusal(() => requireGroupName(info, 'x'.repeat(129))).message.endsWith('longer than 128 characters'),
    ]).toEqual(['Dev', true, true]);
  });

  it('trim and lower-case emails and refuse empty ones', () => {
    expect([requireEmail(info, ' Mia.Mixedcase@Example.com '), refusal(() => requireEmail(info, ' ')).code]).toEqual([
      'mia.mixedcase@example.com',
      'invalid_input',
    ]);
  });

  it.each([0, 101, 2.5])('refuse count %s outside 1..100', (count) => {
    expect(refusal(() => requireListQuery(info, { count })).code).toBe('invalid_input');
  });

  it('send sortOrder as 0 or 1 and drop a blank filter', () => {
    expect(requireListQuery(info, { sortOrder: 'descending', filterValue: '  ', count: 100 })).toEqual({
      count: 100,
      startIndex: undefined,
      filterValue: undefined,
      sortBy: undefined,
      sortOrder: 1,
    });
  });
});
