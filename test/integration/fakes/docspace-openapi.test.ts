import { describe, expect, it } from 'vitest';
import { validateAgainstSchema } from '../../helpers/openapi.js';

const ID = '1a2b3c4d-0000-4000-8000-000000000001';

describe('validateAgainstSchema (official DocSpace OpenAPI schemas)', () => {
  it('accepts a GroupRequestDto and rejects one with an empty name or an unknown property', () => {
    expect(validateAgainstSchema('GroupRequestDto', { groupName: 'Ops', groupManager: ID, members: [ID] }).valid).toBe(
      true,
    );
    expect(validateAgainstSchema('GroupRequestDto', { groupName: '' }).valid).toBe(false);
    expect(validateAgainstSchema('GroupRequestDto', { groupName: 'Ops', extra: 1 }).errors).toEqual([
      '/ must NOT have additional properties (extra)',
    ]);
  });

  it('rejects a GroupRequestDto without groupName', () => {
    expect(validateAgainstSchema('GroupRequestDto', { members: [ID] }).valid).toBe(false);
  });

  it('accepts an UpdateGroupRequest and rejects a non-GUID member id', () => {
    expect(validateAgainstSchema('UpdateGroupRequest', { membersToAdd: [ID], membersToRemove: null }).valid).toBe(true);
    expect(validateAgainstSchema('UpdateGroupRequest', { membersToAdd: ['bob'] }).valid).toBe(false);
  });

  it('requires userId in a SetManagerRequest', () => {
    expect(validateAgainstSchema('SetManagerRequest', { userId: ID }).valid).toBe(true);
    expect(validateAgainstSchema('SetManagerRequest', {}).valid).toBe(false);
  });

  it('accepts a MembersRequest with null members', () => {
    expect(validateAgainstSchema('MembersRequest', { members: null }).valid).toBe(true);
  });

  it('accepts a non-empty EmployeeFullDto, which the unflattened spec would reject', () => {
    const user = { id: ID, displayName: 'Ann Lee', firstName: 'Ann', isOwner: false, status: 1 };
    expect(validateAgainstSchema('EmployeeFullDto', user)).toEqual({ valid: true, errors: [] });
  });

  it('accepts registrationDate as the date string the server sends', () => {
    const user = { id: ID, registrationDate: '2025-06-01T10:20:30.0000000+03:00' };
    expect(validateAgainstSchema('EmployeeFullDto', user).valid).toBe(true);
    expect(validateAgainstSchema('EmployeeFullDto', { id: ID, registrationDate: 'yesterday' }).valid).toBe(false);
  });

  it('reports an unknown schema name as invalid', () => {
    expect(validateAgainstSchema('NoSuchSchema', {})).toEqual({
      valid: false,
      errors: ['unknown schema NoSuchSchema'],
    });
  });
});
