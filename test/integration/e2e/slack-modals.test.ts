import { beforeEach, describe, expect, it } from 'vitest';
import * as ids from '../../../src/slack/ids.js';
import { blockAction, blockSuggestion } from '../../fakes/payloads.js';
import type { FakeView } from '../../fakes/slack-api-server.js';
import { seedDevTeam } from '../../fixtures/groups.js';
import { docspaceIdOf, PEOPLE } from '../../fixtures/people.js';
import { COMMAND_CHANNEL, useHarness } from '../../helpers/harness.js';
import {
  createValues,
  docspaceWrites,
  inlineErrors,
  managerValues,
  membersValues,
  resetDoubles,
  submitView,
} from './slack-kit.js';

type Block = { type: string; block_id?: string; element?: { type: string; action_id: string } };

const OWNER = PEOPLE.owner.slack.id;

function elementsOf(view: FakeView): Record<string, string> {
  const blocks = view.view['blocks'] as Block[];
  return Object.fromEntries(blocks.flatMap((b) => (b.element ? [[b.element.action_id, b.element.type]] : [])));
}

describe('modals end to end', () => {
  const h = useHarness();
  beforeEach(() => {
    resetDoubles(h);
  });

  /** Runs the command and returns the one view it opened. */
  async function openedBy(who: 'owner' | 'alice', text: string): Promise<FakeView> {
    const sent = await h.command(who, text);
    expect(sent.ack.status).toBe(200);
    await h.slack.waitFor(() => h.slack.views().length > 0);
    const views = h.slack.views();
    expect(views).toHaveLength(1);
    return views[0] as FakeView;
  }

  const pickerOptions = async (typed: string) => {
    const res = await h.interact(
      blockSuggestion({ actionId: ids.ACTION_GROUP_PICKER, blockId: ids.BLOCK_GROUP, value: typed, userId: OWNER }),
    );
    expect(res.status).toBe(200);
    return (res.json as { options: { text: { text: string }; value: string }[] }).options;
  };

  describe('opening', () => {
    it('opens the menu modal for /docspace-group with no text, with one button per change', async () => {
      const view = await openedBy('owner', '');
      expect(view.view['callback_id']).toBe(ids.CALLBACK_MENU);
      expect(JSON.stringify(view.view['blocks'])).toContain(ids.ACTION_MENU_CREATE);
      expect(JSON.stringify(view.view['blocks'])).toContain(ids.ACTION_MENU_MANAGER);
      expect(JSON.stringify(view.view['blocks'])).toContain(ids.ACTION_MENU_MEMBERS);
      expect(view.triggerId).toMatch(/^trigger-/);
    });

    it('swaps the menu for the manager modal when its "Change manager" button is clicked', async () => {
      const menu = await openedBy('owner', '');
      const payload = blockAction({
        actionId: ids.ACTION_MENU_MANAGER,
        value: 'manager',
        userId: OWNER,
        viewId: menu.id,
      });
      const view = {
        ...(payload['view'] as object),
        hash: menu.view['hash'],
        private_metadata: menu.view['private_metadata'],
      };
      expect((await h.interact({ ...payload, view })).status).toBe(200);
      await h.slack.waitFor(() => h.slack.callsTo('views.update').length > 0);
      const updated = h.slack.views()[0];
      expect(updated?.view['callback_id']).toBe(ids.CALLBACK_MANAGER);
      expect(updated?.view['private_metadata']).toBe(JSON.stringify({ c: COMMAND_CHANNEL }));
    });

    it('opens the create modal for `create` without arguments: a 1..128 name, a manager and members pickers', async () => {
      const view = await openedBy('owner', 'create');
      expect(view.view['callback_id']).toBe(ids.CALLBACK_CREATE);
      expect(elementsOf(view)).toEqual({
        [ids.ACTION_NAME]: 'plain_text_input',
        [ids.ACTION_MANAGER]: 'users_select',
        [ids.ACTION_MEMBERS]: 'multi_users_select',
      });
      expect(JSON.stringify(view.view['blocks'])).toContain('"min_length":1,"max_length":128');
    });

    it('opens the manager modal for `manager` without arguments, with a group picker and a user picker', async () => {
      const view = await openedBy('owner', 'manager');
      expect(view.view['callback_id']).toBe(ids.CALLBACK_MANAGER);
      expect(elementsOf(view)).toEqual({
        [ids.ACTION_GROUP_PICKER]: 'external_select',
        [ids.ACTION_NEW_MANAGER]: 'users_select',
        [ids.ACTION_DURATION]: 'plain_text_input',
      });
    });

    it('shows a non-admin a "Send request" button and a reason field', async () => {
      const view = await openedBy('alice', 'create');
      expect(view.view['submit']).toMatchObject({ text: 'Send request' });
      expect(elementsOf(view)[ids.ACTION_REASON]).toBe('plain_text_input');
    });
  });

  describe('the example scenario through modals', () => {
    it('creates the group from the submitted create modal, closes the modal and posts the result', async () => {
      const view = await openedBy('owner', 'create');
      const values = createValues({ name: 'Development Team', manager: 'alice', members: ['alice', 'bob'] });
      const ack = await submitView(h, 'owner', ids.CALLBACK_CREATE, values, String(view.view['private_metadata']));
      expect(ack.status).toBe(200);
      expect(ack.body).toBe('');
      const group = h.docspace.listGroups()[0];
      expect(group?.name).toBe('Development Team');
      expect(group?.managerId).toBe(docspaceIdOf('alice'));
      expect(group?.memberIds).toHaveLength(2);
      await h.slack.waitFor(() => h.slack.ephemerals(OWNER).length > 0);
      const posted = h.slack.ephemerals(OWNER)[0];
      expect(posted?.channel).toBe(COMMAND_CHANNEL);
      expect(posted?.text).toContain('Created group *Development Team*');
    });

    it('offers the group in the manager modal picker and changes its manager on submit', async () => {
      const group = seedDevTeam(h.docspace);
      await openedBy('owner', 'manager');
      const options = await pickerOptions('Devel');
      expect(options).toEqual([{ text: expect.objectContaining({ text: 'Development Team' }), value: group.id }]);
      const ack = await submitView(h, 'owner', ids.CALLBACK_MANAGER, managerValues(options[0]?.value ?? '', 'bob'));
      expect(ack.body).toBe('');
      expect(h.docspace.getGroup(group.id)?.managerId).toBe(docspaceIdOf('bob'));
      await h.slack.waitFor(() => h.slack.ephemerals(OWNER).length > 0);
      expect(h.slack.ephemerals(OWNER)[0]?.text).toContain('Changed the manager of *Development Team*');
    });
  });

  it('files a request instead of changing DocSpace when a non-admin submits the create modal', async () => {
    const values = createValues({ name: 'Alice Team' });
    const ack = await submitView(h, 'alice', ids.CALLBACK_CREATE, values, JSON.stringify({ c: COMMAND_CHANNEL }));
    expect(ack.body).toBe('');
    await h.slack.waitFor(() => h.slack.ephemerals(PEOPLE.alice.slack.id).length > 0);
    expect(h.slack.ephemerals(PEOPLE.alice.slack.id)[0]?.text).toContain('waiting for approval');
    expect(docspaceWrites(h)).toEqual([]);
    expect(h.docspace.listGroups()).toEqual([]);
  });

  it('filters the group picker by what was typed', async () => {
    const dev = seedDevTeam(h.docspace);
    const ops = h.docspace.seedGroup({ name: 'DevOps' });
    h.docspace.seedGroup({ name: 'Sales' });
    const values = (await pickerOptions('dev')).map((o) => o.value).sort();
    expect(values).toEqual([dev.id, ops.id].sort());
  });

  it('adds and removes members from the edit members modal', async () => {
    const group = seedDevTeam(h.docspace);
    const ack = await submitView(h, 'owner', ids.CALLBACK_MEMBERS, membersValues(group.id, ['carol'], ['bob']));
    expect(ack.body).toBe('');
    expect([...(h.docspace.getGroup(group.id)?.memberIds ?? [])].sort()).toEqual(
      [docspaceIdOf('alice'), docspaceIdOf('carol')].sort(),
    );
    await h.slack.waitFor(() => h.slack.ephemerals(OWNER).length > 0);
    expect(h.slack.ephemerals(OWNER)[0]?.text).toContain('Updated the members of *Development Team*');
  });

  it('sends the result as a DM when the modal was not opened from a channel', async () => {
    const group = seedDevTeam(h.docspace);
    await submitView(h, 'owner', ids.CALLBACK_MEMBERS, membersValues(group.id, ['carol']), '{"c":null}');
    await h.slack.waitFor(() => h.slack.dms(OWNER).length > 0);
    expect(h.slack.dms(OWNER)[0]?.text).toContain('Updated the members of *Development Team*');
    expect(h.slack.ephemerals()).toEqual([]);
  });

  describe('inline errors (response_action: errors), with DocSpace left unchanged', () => {
    const cases = [
      {
        what: 'an empty group name',
        callback: ids.CALLBACK_CREATE,
        values: () => createValues({ name: '   ' }),
        block: ids.BLOCK_NAME,
        says: 'Enter a group name.',
      },
      {
        what: 'a group name over 128 characters',
        callback: ids.CALLBACK_CREATE,
        values: () => createValues({ name: 'x'.repeat(129) }),
        block: ids.BLOCK_NAME,
        says: 'Use at most 128 characters.',
      },
      {
        what: 'a manager with no DocSpace account',
        callback: ids.CALLBACK_CREATE,
        values: () => createValues({ name: 'New Team', manager: 'sam' }),
        block: ids.BLOCK_MANAGER,
        says: 'has no DocSpace account',
      },
      {
        what: 'a DocSpace guest among the members',
        callback: ids.CALLBACK_CREATE,
        values: () => createValues({ name: 'New Team', members: ['bob', 'gus'] }),
        block: ids.BLOCK_MEMBERS,
        says: 'is a DocSpace guest',
      },
      {
        what: 'a disabled DocSpace account to add',
        callback: ids.CALLBACK_MEMBERS,
        values: (groupId: string) => membersValues(groupId, ['dora']),
        block: ids.BLOCK_ADD,
        says: 'has a disabled DocSpace account',
      },
      {
        what: 'nobody to add or remove',
        callback: ids.CALLBACK_MEMBERS,
        values: (groupId: string) => membersValues(groupId, []),
        block: ids.BLOCK_ADD,
        says: 'Choose people to add or to remove.',
      },
      {
        what: 'only people who are already members',
        callback: ids.CALLBACK_MEMBERS,
        values: (groupId: string) => membersValues(groupId, ['bob']),
        block: ids.BLOCK_ADD,
        says: 'Nothing to change',
      },
      {
        what: 'only people who are not members to remove',
        callback: ids.CALLBACK_MEMBERS,
        values: (groupId: string) => membersValues(groupId, [], ['carol']),
        block: ids.BLOCK_REMOVE,
        says: 'Nothing to change',
      },
      {
        what: 'no new manager chosen',
        callback: ids.CALLBACK_MANAGER,
        values: (groupId: string) => managerValues(groupId, null),
        block: ids.BLOCK_NEW_MANAGER,
        says: 'Choose the new manager.',
      },
      {
        what: 'the name of an existing group',
        callback: ids.CALLBACK_CREATE,
        values: () => createValues({ name: 'Development Team' }),
        block: ids.BLOCK_NAME,
        says: 'already exists',
      },
    ];

    it.each(cases)('shows $what on its field and keeps the modal open', async ({ callback, values, block, says }) => {
      const group = seedDevTeam(h.docspace);
      const ack = await submitView(h, 'owner', callback, values(group.id));
      expect(ack.status).toBe(200);
      const errors = inlineErrors(ack);
      expect(Object.keys(errors ?? {})).toEqual([block]);
      expect(errors?.[block]).toContain(says);
      expect(docspaceWrites(h)).toEqual([]);
      expect(h.docspace.listGroups()).toHaveLength(1);
      expect(h.slack.ephemerals()).toEqual([]);
    });
  });
});
