import { beforeEach, describe, expect, it } from 'vitest';
import { ACTION_CANCEL_DELETE, ACTION_CONFIRM_DELETE } from '../../../src/slack/ids.js';
import { seedDevTeam } from '../../fixtures/groups.js';
import { docspaceIdOf, mentionOf } from '../../fixtures/people.js';
import { useHarness } from '../../helpers/harness.js';
import { clickButton, commandReply, docspaceWrites, resetDoubles } from './slack-kit.js';

interface ButtonElement {
  action_id: string;
  value: string;
}

function buttonsOf(body: Record<string, unknown>): ButtonElement[] {
  const blocks = (body['blocks'] ?? []) as { type: string; elements?: ButtonElement[] }[];
  return blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
}

describe('slash commands end to end', () => {
  const h = useHarness();
  beforeEach(() => {
    resetDoubles(h);
  });

  describe('the example scenario', () => {
    it('creates "Development Team" with @alice as manager and @alice and @bob as members, and says so', async () => {
      const { ack, body, json } = await commandReply(
        h,
        'owner',
        `create "Development Team" manager <@U0ALICE001|alice> members ${mentionOf('alice')} ${mentionOf('bob')}`,
      );
      expect(ack.status).toBe(200);
      expect(body['response_type']).toBe('ephemeral');
      const groups = h.docspace.listGroups();
      expect(groups.map((g) => g.name)).toEqual(['Development Team']);
      expect(groups[0]?.managerId).toBe(docspaceIdOf('alice'));
      expect([...(groups[0]?.memberIds ?? [])].sort()).toEqual([docspaceIdOf('alice'), docspaceIdOf('bob')].sort());
      expect(json).toContain('Created group *Development Team*');
      expect(json).toContain('Now: manager Alice Archer, 2 members');
      expect(json).toContain(groups[0]?.id);
    });

    it('moves the manager of "Development Team" to @bob and keeps @alice as a member', async () => {
      const group = seedDevTeam(h.docspace);
      const { json } = await commandReply(h, 'owner', `manager "Development Team" ${mentionOf('bob')}`);
      const after = h.docspace.getGroup(group.id);
      expect(after?.managerId).toBe(docspaceIdOf('bob'));
      expect(after?.memberIds).toContain(docspaceIdOf('alice'));
      expect(json).toContain('Changed the manager of *Development Team*');
      expect(json).toContain('Alice Archer → Bob Baker');
      expect(json).toContain('Now: manager Bob Baker, 2 members');
    });
  });

  it('renames a group and replies with the old and the new name', async () => {
    const group = seedDevTeam(h.docspace);
    const { json } = await commandReply(h, 'owner', 'rename "Development Team" "Platform Team"');
    expect(h.docspace.getGroup(group.id)?.name).toBe('Platform Team');
    expect(json).toContain('Development Team → Platform Team');
  });

  it('asks for confirmation with a Delete button before deleting, and changes nothing until it is clicked', async () => {
    const group = seedDevTeam(h.docspace);
    const { body, json } = await commandReply(h, 'owner', 'delete "Development Team"');
    expect(json).toContain('Delete group *Development Team*');
    expect(json).toContain('2 members');
    expect(buttonsOf(body).map((b) => b.action_id)).toEqual([ACTION_CONFIRM_DELETE, ACTION_CANCEL_DELETE]);
    expect(docspaceWrites(h)).toEqual([]);
    expect(h.docspace.getGroup(group.id)?.removed).toBe(false);
  });

  it('deletes the group when the confirmation button is clicked and replaces the question with the result', async () => {
    const group = seedDevTeam(h.docspace);
    const { body } = await commandReply(h, 'owner', 'delete "Development Team"');
    const confirm = buttonsOf(body).find((b) => b.action_id === ACTION_CONFIRM_DELETE);
    const click = await clickButton(h, 'owner', ACTION_CONFIRM_DELETE, confirm?.value ?? '', 'confirm-delete');
    expect(click.status).toBe(200);
    const result = await h.reply('confirm-delete');
    expect(h.docspace.listGroups()).toEqual([]);
    expect(h.docspace.getGroup(group.id)?.removed).toBe(true);
    expect(result['replace_original']).toBe(true);
    expect(JSON.stringify(result)).toContain('Deleted group *Development Team*');
  });

  it('keeps the group when "Keep it" is clicked', async () => {
    const group = seedDevTeam(h.docspace);
    const { body } = await commandReply(h, 'owner', 'delete "Development Team"');
    const keep = buttonsOf(body).find((b) => b.action_id === ACTION_CANCEL_DELETE);
    await clickButton(h, 'owner', ACTION_CANCEL_DELETE, keep?.value ?? '', 'keep');
    expect(JSON.stringify(await h.reply('keep'))).toContain('nothing was deleted');
    expect(h.docspace.getGroup(group.id)?.removed).toBe(false);
    expect(docspaceWrites(h)).toEqual([]);
  });

  it('shows a group with its id, manager and members', async () => {
    const group = seedDevTeam(h.docspace);
    const { json } = await commandReply(h, 'owner', 'show "Development Team"');
    expect(json).toContain(group.id);
    expect(json).toContain('*Manager*\\nAlice Archer');
    expect(json).toContain('Alice Archer and Bob Baker');
  });

  it('lists only the groups whose name contains the filter, with their ids', async () => {
    const dev = seedDevTeam(h.docspace);
    const ops = h.docspace.seedGroup({ name: 'DevOps' });
    const sales = h.docspace.seedGroup({ name: 'Sales' });
    const { json } = await commandReply(h, 'owner', 'list dev');
    expect(json).toContain('2 groups matching “dev”');
    expect(json).toContain(dev.id);
    expect(json).toContain(ops.id);
    expect(json).not.toContain(sales.id);
  });

  it('lists every group with the same name and its id when a name is ambiguous, and changes nothing', async () => {
    const first = h.docspace.seedGroup({ name: 'Twins' });
    const second = h.docspace.seedGroup({ name: 'Twins' });
    const { json } = await commandReply(h, 'owner', `add "Twins" ${mentionOf('bob')}`);
    expect(json).toContain('2 groups are called “Twins”');
    expect(json).toContain(first.id);
    expect(json).toContain(second.id);
    expect(json).toContain('Use the group id instead of the name.');
    expect(docspaceWrites(h)).toEqual([]);
  });

  it('suggests close names when no group has the name given', async () => {
    seedDevTeam(h.docspace);
    const { json } = await commandReply(h, 'owner', `add "Developmnt Team" ${mentionOf('bob')}`);
    expect(json).toContain('No DocSpace group is called “Developmnt Team”');
    expect(json).toContain('Did you mean *Development Team*?');
    expect(docspaceWrites(h)).toEqual([]);
  });

  it('accepts an email address as a user reference and adds that DocSpace user', async () => {
    const group = seedDevTeam(h.docspace);
    const { json } = await commandReply(h, 'owner', 'add "Development Team" hal@example.com');
    expect(h.docspace.getGroup(group.id)?.memberIds).toContain(docspaceIdOf('hal'));
    expect(json).toContain('Updated the members of *Development Team*');
    expect(json).toContain('3 members');
  });

  it('removes members and reports the new member count', async () => {
    const group = seedDevTeam(h.docspace);
    const { json } = await commandReply(h, 'owner', `remove "Development Team" ${mentionOf('bob')}`);
    expect(h.docspace.getGroup(group.id)?.memberIds).toEqual([docspaceIdOf('alice')]);
    expect(json).toContain('Removed: Bob Baker');
    expect(json).toContain('1 member ');
  });

  it('answers help in the ack itself, without calling DocSpace', async () => {
    const sent = await h.command('alice', 'help');
    const ack = sent.ack.json as { response_type?: string; text?: string };
    expect(ack.response_type).toBe('ephemeral');
    for (const sub of ['create', 'manager', 'add', 'remove', 'rename', 'delete', 'show', 'list']) {
      expect(ack.text).toContain(`/docspace-group ${sub}`);
    }
    expect(h.docspace.requests).toEqual([]);
  });

  it('answers a command it cannot parse with the problem and the usage line, in the ack', async () => {
    const sent = await h.command('owner', 'manager "Development Team"');
    const text = (sent.ack.json as { text?: string }).text ?? '';
    expect(text).toContain('manager needs the new manager after the group');
    expect(text).toContain('Usage: /docspace-group manager "&lt;group&gt;" @user');
    expect(h.docspace.requests).toEqual([]);
  });

  it('does not change DocSpace when a non-admin asks to create a group (it becomes a request)', async () => {
    const { json } = await commandReply(h, 'alice', 'create "Alice Team"');
    expect(json).toContain('waiting for approval');
    expect(docspaceWrites(h)).toEqual([]);
    expect(h.docspace.listGroups()).toEqual([]);
  });

  it('lets anyone show and list groups, even a Slack user with no DocSpace account', async () => {
    const group = seedDevTeam(h.docspace);
    const shown = await commandReply(h, 'sam', 'show "Development Team"');
    expect(shown.json).toContain(group.id);
    const listed = await commandReply(h, 'sam', 'list');
    expect(listed.json).toContain('1 group');
    expect(listed.json).toContain(group.id);
  });
});
