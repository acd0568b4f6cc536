import { describe, expect, it } from 'vitest';
import type { ChangeAsk } from '../../../../src/domain/groups/ask.js';
import type { DomainFailure, IdentityFailure, IdentityFailureCode } from '../../../../src/domain/model/failures.js';
import type { GroupId, SlackUserId, UserRef } from '../../../../src/domain/model/ids.js';
import * as ids from '../../../../src/slack/ids.js';
import {
  decodeModalMetadata,
  encodeModalMetadata,
  fieldErrorsFor,
  readModalForm,
} from '../../../../src/slack/listeners/forms.js';
import type { ViewValues } from '../../../../src/slack/parse/view-state.js';

const GROUP = '0a1b2c3d-0000-4000-8000-00000000abcd';

const text = (block: string, action: string, value: string | null) => ({
  [block]: { [action]: { type: 'plain_text_input', value } },
});
const user = (block: string, action: string, id: string | null) => ({
  [block]: { [action]: { type: 'users_select', selected_user: id } },
});
const users = (block: string, action: string, list: string[]) => ({
  [block]: { [action]: { type: 'multi_users_select', selected_users: list } },
});
const group = (id: string) => ({
  [ids.BLOCK_GROUP]: { [ids.ACTION_GROUP_PICKER]: { type: 'external_select', selected_option: { value: id } } },
});
const reason = (value: string | null) => text(ids.BLOCK_REASON, ids.ACTION_REASON, value);
const name = (value: string | null) => text(ids.BLOCK_NAME, ids.ACTION_NAME, value);

const GROUP_REF = { kind: 'id', id: '0a1b2c3d-0000-4000-8000-00000000abcd' as GroupId } as const;
const slack = (id: string): UserRef => ({ kind: 'slack', id: id as SlackUserId });
const ALICE = slack('U0ALICE001');
const BOB = slack('U0BOB00001');
const fails = (code: IdentityFailureCode, id: string): IdentityFailure => ({
  code,
  who: { kind: 'slack', id: id as SlackUserId },
});
const identity = (...failures: IdentityFailure[]): DomainFailure => ({ code: 'identity', failures });

const create: ChangeAsk = { kind: 'create', name: 'Team', manager: ALICE, members: [ALICE, BOB] };
const setManager: ChangeAsk = { kind: 'set_manager', group: GROUP_REF, manager: BOB };
const members = (add: UserRef[], remove: UserRef[]): ChangeAsk => ({ kind: 'members', group: GROUP_REF, add, remove });

describe('readModalForm for the create modal', () => {
  it('reads a trimmed name, the manager and the members as Slack user refs, without duplicates', () => {
    const values: ViewValues = {
      ...name('  Development Team '),
      ...user(ids.BLOCK_MANAGER, ids.ACTION_MANAGER, 'U0ALICE001'),
      ...users(ids.BLOCK_MEMBERS, ids.ACTION_MEMBERS, ['U0ALICE001', 'U0BOB00001', 'U0ALICE001']),
    };
    expect(readModalForm('create', values, false)).toEqual({
      ok: true,
      value: {
        ask: {
          kind: 'create',
          name: 'Development Team',
          manager: { kind: 'slack', id: 'U0ALICE001' },
          members: [
            { kind: 'slack', id: 'U0ALICE001' },
            { kind: 'slack', id: 'U0BOB00001' },
          ],
        },
        reason: null,
      },
    });
  });

  it('accepts a group with no manager and no members', () => {
    const form = readModalForm('create', name('Solo'), false);
    expect(form.ok && form.value.ask).toEqual({ kind: 'create', name: 'Solo', manager: null, members: [] });
  });

  it('asks for a name when it is empty or only spaces', () => {
    expect(readModalForm('create', name('   '), false)).toEqual({ ok: false, error: { name: 'Enter a group name.' } });
    expect(readModalForm('create', {}, false)).toEqual({ ok: false, error: { name: 'Enter a group name.' } });
  });

  it('accepts 128 characters and refuses 129', () => {
    expect(readModalForm('create', name('x'.repeat(128)), false).ok).toBe(true);
    expect(readModalForm('create', name('x'.repeat(129)), false)).toEqual({
      ok: false,
      error: { name: 'Use at most 128 characters.' },
    });
  });

  it('drops selections that are not Slack user ids', () => {
    const values = { ...name('Team'), ...users(ids.BLOCK_MEMBERS, ids.ACTION_MEMBERS, ['not-a-user', 'U0BOB00001']) };
    const form = readModalForm('create', values, false);
    expect(form.ok && form.value.ask).toMatchObject({ members: [{ kind: 'slack', id: 'U0BOB00001' }] });
  });
});

describe('readModalForm for the manager modal', () => {
  it('reads the picked group by id and the new manager', () => {
    const values = { ...group(GROUP), ...user(ids.BLOCK_NEW_MANAGER, ids.ACTION_NEW_MANAGER, 'U0BOB00001') };
    const form = readModalForm('manager', values, false);
    expect(form.ok && form.value.ask).toEqual({
      kind: 'set_manager',
      group: { kind: 'id', id: GROUP },
      manager: { kind: 'slack', id: 'U0BOB00001' },
    });
  });

  it('asks for both the group and the new manager when neither is chosen', () => {
    expect(readModalForm('manager', {}, false)).toEqual({
      ok: false,
      error: { group: 'Choose a group.', new_manager: 'Choose the new manager.' },
    });
  });

  it('refuses a picked option whose value is not a group id', () => {
    const values = {
      ...group('Development Team'),
      ...user(ids.BLOCK_NEW_MANAGER, ids.ACTION_NEW_MANAGER, 'U0BOB00001'),
    };
    expect(readModalForm('manager', values, false)).toEqual({ ok: false, error: { group: 'Choose a group.' } });
  });
});

describe('readModalForm for the members modal', () => {
  it('reads people to add and to remove', () => {
    const values = {
      ...group(GROUP),
      ...users(ids.BLOCK_ADD, ids.ACTION_ADD, ['U0CAROL001']),
      ...users(ids.BLOCK_REMOVE, ids.ACTION_REMOVE, ['U0BOB00001']),
    };
    const form = readModalForm('members', values, false);
    expect(form.ok && form.value.ask).toEqual({
      kind: 'members',
      group: { kind: 'id', id: GROUP },
      add: [{ kind: 'slack', id: 'U0CAROL001' }],
      remove: [{ kind: 'slack', id: 'U0BOB00001' }],
    });
  });

  it('refuses an empty change on the add field', () => {
    expect(readModalForm('members', group(GROUP), false)).toEqual({
      ok: false,
      error: { add: 'Choose people to add or to remove.' },
    });
  });
});

describe('readModalForm and the reason', () => {
  const valid = name('Team');

  it('returns the trimmed reason, or null when it is blank and optional', () => {
    const withReason = readModalForm('create', { ...valid, ...reason('  new project ') }, false);
    expect(withReason.ok && withReason.value.reason).toBe('new project');
    const blank = readModalForm('create', { ...valid, ...reason('   ') }, false);
    expect(blank.ok && blank.value.reason).toBeNull();
  });

  it('asks for a reason when one is required and missing', () => {
    expect(readModalForm('create', valid, true)).toEqual({
      ok: false,
      error: { reason: 'Please say why this change is needed.' },
    });
  });

  it('refuses a reason over 500 characters', () => {
    expect(readModalForm('create', { ...valid, ...reason('r'.repeat(501)) }, false)).toEqual({
      ok: false,
      error: { reason: 'Keep the reason under 500 characters.' },
    });
  });
});

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
    expect(fieldErrorsFor(setManager, { code: 'group_gone', groupId: GROUP_REF.id, groupName: 'Team' })).toEqual({
      group: 'That group no longer exists.',
    });
    expect(fieldErrorsFor(setManager, { code: 'group_not_found', query: GROUP_REF.id, suggestions: [] })).toEqual({
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
        scope: 'accounts:write',
        retryAfterSeconds: null,
      },
    ];
    for (const failure of others) expect(fieldErrorsFor(create, failure)).toBeNull();
  });
});

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
