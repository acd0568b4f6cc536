import { describe, expect, it } from 'vitest';
import * as ids from '../../../../src/slack/ids.js';
import { readModalForm } from '../../../../src/slack/listeners/forms.js';
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
