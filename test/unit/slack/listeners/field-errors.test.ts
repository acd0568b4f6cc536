import { describe, expect, it } from 'vitest';
import type { ChangeAsk } from '../../../../src/domain/groups/ask.js';
import type { DomainFailure, IdentityFailure, IdentityFailureCode } from '../../../../src/domain/model/failures.js';
import type { GroupId, SlackUserId, UserRef } from '../../../../src/domain/model/ids.js';
import { fieldErrorsFor } from '../../../../src/slack/listeners/forms.js';

const GROUP = { kind: 'id', id: '0a1b2c3d-0000-4000-8000-00000000abcd' as GroupId } as const;
const slack = (id: string): UserRef => ({ kind: 'slack', id: id as SlackUserId });
const ALICE = slack('U0ALICE001');
const BOB = slack('U0BOB00001');
const fails = (code: IdentityFailureCode, id: string): IdentityFailure => ({
  code,
  who: { kind: 'slack', id: id as SlackUserId },
});
const identity = (...failures: IdentityFailure[]): DomainFailure => ({ code: 'identity', failures });

const create: ChangeAsk = { kind: 'create', name: 'Team', manager: ALICE, members: [ALICE, BOB] };
const setManager: ChangeAsk = { kind: 'set_manager', group: GROUP, manager: BOB };
const members = (add: UserRef[], remove: UserRef[]): ChangeAsk => ({ kind: 'members', group: GROUP, add, remove });

describe('fieldErrorsFor: people who cannot be used', () => {
  it('puts a refused manager on the manager field of the create modal', () => {
    expect(fieldErrorsFor(create, identity(fails('docspace_user_guest', 'U0ALICE001')))).toEqual({
      manager: 'One person is a DocSpace guest; guests cannot be group members.',
    });
  });

  it('puts a refused member on the members field of the create modal', () => {
    expect(fieldErrorsFor(create, identity(fails('docspace_user_not_found', 'U0BOB00001')))).toEqual({
      members: 'One person has no DocSpace account with their Slack email.',
    });
  });

  it('joins several refusals on the same field', () => {
    const errors = fieldErrorsFor(
      members([ALICE, BOB], []),
      identity(fails('docspace_user_disabled', 'U0ALICE001'), fails('slack_user_is_bot', 'U0BOB00001')),
    );
    expect(errors).toEqual({
      add: 'One person has a disabled DocSpace account. One person is a bot and cannot be in a DocSpace group.',
    });
  });

  it('puts a refused person to remove on the remove field', () => {
    expect(fieldErrorsFor(members([ALICE], [BOB]), identity(fails('slack_user_deleted', 'U0BOB00001')))).toEqual({
      remove: 'One person has a deactivated Slack account.',
    });
  });

  it('puts a refused new manager on the new manager field', () => {
    expect(fieldErrorsFor(setManager, identity(fails('slack_no_email', 'U0BOB00001')))).toEqual({
      new_manager: 'One person has no email address in Slack, so no DocSpace account can be matched.',
    });
  });
});

describe('fieldErrorsFor: other field problems', () => {
  it('maps a blank or too long name to the name field', () => {
    expect(fieldErrorsFor(create, { code: 'invalid_name', reason: 'blank' })).toEqual({ name: 'Enter a group name.' });
    expect(fieldErrorsFor(create, { code: 'invalid_name', reason: 'too_long' })).toEqual({
      name: 'Use at most 128 characters.',
    });
  });

  it('maps a taken name to the name field, quoting at most 80 characters of it', () => {
    const errors = fieldErrorsFor(create, { code: 'group_name_taken', name: 'n'.repeat(200), existing: [] });
    expect(errors?.name).toBe(`A group named “${'n'.repeat(80)}” already exists.`);
  });

  it('maps a group that no longer exists to the group field', () => {
    expect(fieldErrorsFor(setManager, { code: 'group_gone', groupId: GROUP.id, groupName: 'Team' })).toEqual({
      group: 'That group no longer exists.',
    });
    expect(fieldErrorsFor(setManager, { code: 'group_not_found', query: GROUP.id, suggestions: [] })).toEqual({
      group: 'That group no longer exists.',
    });
  });

  it('maps a missing reason to the reason field', () => {
    expect(fieldErrorsFor(create, { code: 'reason_required' })).toEqual({
      reason: 'Please say why this change is needed.',
    });
  });

  it('puts "nothing to change" on the field the person filled in', () => {
    const none = { code: 'no_change', explanation: 'Bob is already the manager.' } as const;
    expect(fieldErrorsFor(setManager, none)).toEqual({ new_manager: 'Nothing to change: Bob is already the manager.' });
    expect(Object.keys(fieldErrorsFor(members([ALICE], []), none) ?? {})).toEqual(['add']);
    expect(Object.keys(fieldErrorsFor(members([], [BOB]), none) ?? {})).toEqual(['remove']);
  });

  it('leaves failures that belong to no field to a message', () => {
    const others: DomainFailure[] = [
      { code: 'not_authorized', action: 'request_changes' },
      { code: 'approvals_not_configured' },
      {
        code: 'docspace_failed',
        kind: 'timeout',
        phase: 'write',
        step: 'create',
        mayHaveApplied: true,
        retryAfterSeconds: null,
      },
    ];
    for (const failure of others) expect(fieldErrorsFor(create, failure)).toBeNull();
  });
});
