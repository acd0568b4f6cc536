import { beforeEach, describe, expect, it } from 'vitest';
import * as ids from '../../../src/slack/ids.js';
import { seedDevTeam } from '../../fixtures/groups.js';
import { docspaceIdOf, PEOPLE } from '../../fixtures/people.js';
import { useHarness } from '../../helpers/harness.js';
import { auditEntries, callsIn, DRY_RUN_ENV, DRY_RUN_LINE, mentionOf, nonGetRequests } from './dry-run-kit.js';
import {
  clickButton,
  commandReply,
  createValues,
  managerValues,
  membersValues,
  resetDoubles,
  submitView,
} from './slack-kit.js';

const OWNER = PEOPLE.owner.slack.id;
const BOB = mentionOf(PEOPLE.bob.slack.id);
const CAROL = mentionOf(PEOPLE.carol.slack.id);

type Button = { action_id: string; value: string };
const buttonsOf = (body: Record<string, unknown>): Button[] =>
  ((body['blocks'] ?? []) as { type: string; elements?: Button[] }[]).flatMap((b) =>
    b.type === 'actions' ? (b.elements ?? []) : [],
  );

/** The text of the admin's ephemeral result after a modal submit. */
async function modalResult(h: ReturnType<typeof useHarness>): Promise<string> {
  await h.slack.waitFor(() => h.slack.ephemerals(OWNER).length > 0);
  const posted = h.slack.ephemerals(OWNER)[0];
  return JSON.stringify({ text: posted?.text, blocks: posted?.blocks });
}

describe('DRY_RUN=true: an admin’s commands and modals answer as usual and send no DocSpace write', () => {
  const h = useHarness({ env: DRY_RUN_ENV });
  beforeEach(() => {
    resetDoubles(h);
  });

  it('create: says nothing was changed, lists the POST it would send with the name and ids, and creates nothing', async () => {
    const { json } = await commandReply(h, 'owner', `create "Dry Team" manager <@U0ALICE001> members ${BOB}`);
    expect(json).toContain(DRY_RUN_LINE);
    expect(json).toContain('It would have created group *Dry Team*');
    expect(json).toContain('POST /api/2.0/group');
    expect(json).toContain('\\"groupName\\":\\"Dry Team\\"');
    expect(json).toContain(docspaceIdOf('alice'));
    expect(json).toContain(`Bob Baker = \`${docspaceIdOf('bob')}\``);
    expect(nonGetRequests(h)).toEqual([]);
    expect(h.docspace.listGroups()).toEqual([]);
  });

  it('create: releases the name it held, so the same dry-run create can be asked again at once', async () => {
    await commandReply(h, 'owner', 'create "Dry Twice"');
    const { json } = await commandReply(h, 'owner', 'create "Dry Twice"');
    expect(json).toContain('It would have created group *Dry Twice*');
    expect(nonGetRequests(h)).toEqual([]);
  });

  it('manager: lists PUT /group/{id}/manager with the new manager’s id and leaves the manager as it was', async () => {
    const group = seedDevTeam(h.docspace);
    const { json } = await commandReply(h, 'owner', `manager "Development Team" ${BOB}`);
    expect(json).toContain(DRY_RUN_LINE);
    expect(json).toContain(`PUT /api/2.0/group/${group.id}/manager`);
    expect(json).toContain(`\\"userId\\":\\"${docspaceIdOf('bob')}\\"`);
    expect(json).toContain('Manager: Alice Archer → Bob Baker');
    expect(json).toContain('It would leave: manager Bob Baker, 2 members');
    expect(nonGetRequests(h)).toEqual([]);
    expect(h.docspace.getGroup(group.id)?.managerId).toBe(docspaceIdOf('alice'));
  });

  it('add: lists PUT /group/{id}/members with the member ids and adds nobody', async () => {
    const group = seedDevTeam(h.docspace);
    const { json } = await commandReply(h, 'owner', `add "Development Team" ${CAROL}`);
    expect(json).toContain(DRY_RUN_LINE);
    expect(json).toContain(`PUT /api/2.0/group/${group.id}/members`);
    expect(json).toContain(`\\"members\\":[\\"${docspaceIdOf('carol')}\\"]`);
    expect(json).toContain(`Development Team = \`${group.id}\``);
    expect(nonGetRequests(h)).toEqual([]);
    expect(h.docspace.getGroup(group.id)?.memberIds).toHaveLength(2);
  });

  it('remove: lists DELETE /group/{id}/members and removes nobody', async () => {
    const group = seedDevTeam(h.docspace);
    const { json } = await commandReply(h, 'owner', `remove "Development Team" ${BOB}`);
    expect(json).toContain(DRY_RUN_LINE);
    expect(json).toContain(`DELETE /api/2.0/group/${group.id}/members`);
    expect(json).toContain('It would leave: manager Alice Archer, 1 member');
    expect(nonGetRequests(h)).toEqual([]);
    expect(h.docspace.getGroup(group.id)?.memberIds).toContain(docspaceIdOf('bob'));
  });

  it('rename: lists PUT /group/{id} with the new name and keeps the old one', async () => {
    const group = seedDevTeam(h.docspace);
    const { json } = await commandReply(h, 'owner', 'rename "Development Team" "Platform Team"');
    expect(json).toContain('It would have renamed group *Platform Team*');
    expect(json).toContain(`PUT /api/2.0/group/${group.id}`);
    expect(json).toContain('\\"groupName\\":\\"Platform Team\\"');
    expect(nonGetRequests(h)).toEqual([]);
    expect(h.docspace.getGroup(group.id)?.name).toBe('Development Team');
  });

  it('delete: after the confirmation click, lists DELETE /group/{id} and the group stays', async () => {
    const group = seedDevTeam(h.docspace);
    const { body } = await commandReply(h, 'owner', 'delete "Development Team"');
    const confirm = buttonsOf(body).find((b) => b.action_id === ids.ACTION_CONFIRM_DELETE);
    await clickButton(h, 'owner', ids.ACTION_CONFIRM_DELETE, confirm?.value ?? '', 'dry-delete');
    const json = JSON.stringify(await h.reply('dry-delete'));
    expect(json).toContain('It would have deleted group *Development Team*');
    expect(json).toContain(`DELETE /api/2.0/group/${group.id}`);
    expect(json).toContain('_no body_');
    expect(nonGetRequests(h)).toEqual([]);
    expect(h.docspace.getGroup(group.id)?.removed).toBe(false);
  });

  it('the create modal: the result says nothing was changed and lists the POST; no group exists', async () => {
    const values = createValues({ name: 'Modal Team', manager: 'alice', members: ['bob'] });
    expect((await submitView(h, 'owner', ids.CALLBACK_CREATE, values)).status).toBe(200);
    const posted = await modalResult(h);
    expect(posted).toContain(DRY_RUN_LINE);
    expect(posted).toContain('POST /api/2.0/group');
    expect(nonGetRequests(h)).toEqual([]);
    expect(h.docspace.listGroups()).toEqual([]);
  });

  it('the manager modal: lists the manager call and changes nothing', async () => {
    const group = seedDevTeam(h.docspace);
    await submitView(h, 'owner', ids.CALLBACK_MANAGER, managerValues(group.id, 'bob'));
    const posted = await modalResult(h);
    expect(posted).toContain(DRY_RUN_LINE);
    expect(posted).toContain(`PUT /api/2.0/group/${group.id}/manager`);
    expect(nonGetRequests(h)).toEqual([]);
    expect(h.docspace.getGroup(group.id)?.managerId).toBe(docspaceIdOf('alice'));
  });

  it('the members modal: adding and removing at once lists the one PUT /group/{id} it would send', async () => {
    const group = seedDevTeam(h.docspace);
    await submitView(h, 'owner', ids.CALLBACK_MEMBERS, membersValues(group.id, ['carol'], ['bob']));
    const posted = await modalResult(h);
    expect(posted).toContain(DRY_RUN_LINE);
    expect(posted).toContain(`PUT /api/2.0/group/${group.id}`);
    expect(posted).toContain('membersToAdd');
    expect(posted).toContain('membersToRemove');
    expect(nonGetRequests(h)).toEqual([]);
    expect([...(h.docspace.getGroup(group.id)?.memberIds ?? [])].sort()).toEqual(
      [docspaceIdOf('alice'), docspaceIdOf('bob')].sort(),
    );
  });

  it('audits each rehearsed change as dry_run with the change and the exact calls, and no change-kind entry', async () => {
    const group = seedDevTeam(h.docspace);
    const before = (await auditEntries(h)).length;
    await commandReply(h, 'owner', `add "Development Team" ${CAROL} reason: roll-out test`);
    const entries = (await auditEntries(h)).slice(before);
    expect(entries.map((e) => [e.action, e.outcome])).toEqual([['dry_run', 'recorded']]);
    expect(entries[0]?.detail).toBe('dry run: nothing was changed');
    expect(entries[0]?.groupId).toBe(group.id);
    expect(callsIn(entries[0])).toEqual([
      {
        operation: 'addMembers',
        method: 'PUT',
        path: `/api/2.0/group/${group.id}/members`,
        body: { members: [docspaceIdOf('carol')] },
      },
    ]);
  });

  it('still answers bad input with the usual refusal and writes nothing', async () => {
    seedDevTeam(h.docspace);
    const { json } = await commandReply(h, 'owner', `add "Development Team" ${BOB}`);
    expect(json).toContain('Nothing to change');
    expect(nonGetRequests(h)).toEqual([]);
  });

  it('says it is a dry run on /healthz and in the start-up log', async () => {
    const health = await fetch(`${h.baseUrl}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', dryRun: true });
  });
});

describe('DRY_RUN=true at start-up', () => {
  const h = useHarness({ env: DRY_RUN_ENV });

  it('logs that the bot sends no DocSpace write', () => {
    const lines = h.logs.map((line) => JSON.parse(line) as { msg?: string; dryRun?: boolean });
    expect(lines.some((l) => l.dryRun === true && l.msg?.includes('sends no write'))).toBe(true);
  });
});

describe('DRY_RUN unset', () => {
  const h = useHarness();

  it('reports dryRun false on /healthz', async () => {
    const health = await fetch(`${h.baseUrl}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', dryRun: false });
  });
});
