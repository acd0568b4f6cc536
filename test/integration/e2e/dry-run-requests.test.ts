import { describe, expect, it } from 'vitest';
import { ACTION_CANCEL_REQUEST, ACTION_CONFIRM_DELETE, ACTION_RETRY, CALLBACK_CREATE } from '../../../src/slack/ids.js';
import { docspaceIdOf, PEOPLE } from '../../fixtures/people.js';
import { findCard } from '../../helpers/approval-cards.js';
import { createFakeClock, HOUR } from '../../helpers/clock.js';
import { useHarness } from '../../helpers/harness.js';
import {
  answerTo,
  approve,
  ask,
  buttonsOf,
  cardJson,
  cardOf,
  clickCard,
  denyWithNote,
  dmsAbout,
  fileRequest,
  requestIdIn,
  seedTeam,
  storedRequest,
  waitForCardStatus,
} from './approvals-kit.js';
import { auditEntries, callsIn, DRY_RUN_ENV, DRY_RUN_LINE, nonGetRequests } from './dry-run-kit.js';
import { clickButton, commandReply, createValues, submitView } from './slack-kit.js';

describe('DRY_RUN=true: requests are filed, decided and rehearsed as usual, and nothing is written', () => {
  // No read retries, so one injected failure fails one execution.
  const h = useHarness({ env: { ...DRY_RUN_ENV, DOCSPACE_MAX_RETRIES: '0' } });

  it('marks a new request as a dry run in the requester’s reply and on its card, and files it as usual', async () => {
    const group = seedTeam(h.docspace);
    const answer = await ask(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    expect(answer).toContain('is waiting for approval');
    expect(answer).toContain('Dry run:* approving it changes nothing');
    const id = requestIdIn(answer);
    await h.slack.waitFor(() => findCard(h.slack, id) !== undefined);
    expect(cardJson(h.slack, id)).toContain('Dry run:* approving it changes nothing');
    expect((await storedRequest(h, id)).dryRun).toEqual({ calls: [] });
    expect(nonGetRequests(h)).toEqual([]);
  });

  it('approve: the card and the DM say nothing was changed and list the call; DocSpace receives no write', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    await approve(h, 'dave', id);
    await waitForCardStatus(h.slack, id, 'done');
    const card = cardJson(h.slack, id);
    expect(card).toContain(DRY_RUN_LINE);
    expect(card).toContain(`PUT /api/2.0/group/${group.id}/members`);
    expect(card).toContain(`Carol O'Neil = \`${docspaceIdOf('carol')}\``);
    expect(buttonsOf(cardOf(h.slack, id))).toEqual([]);
    await h.slack.waitFor(() => dmsAbout(h.slack, 'alice', id).some((m) => m.text.includes('nothing was changed')));
    expect(nonGetRequests(h)).toEqual([]);
    expect(h.docspace.getGroup(group.id)?.memberIds).not.toContain(docspaceIdOf('carol'));
    const stored = await storedRequest(h, id);
    expect(stored.status).toBe('executed');
    expect(stored.dryRun?.calls).toEqual([
      {
        operation: 'addMembers',
        method: 'PUT',
        path: `/api/2.0/group/${group.id}/members`,
        body: { members: [docspaceIdOf('carol')] },
      },
    ]);
  });

  it('approve: audits the request and the decision as usual, and the execution as dry_run with its calls', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `manager "${group.name}" <@U0BOB00001>`);
    await approve(h, 'dave', id);
    await waitForCardStatus(h.slack, id, 'done');
    const entries = (await auditEntries(h)).filter((e) => e.requestId === id);
    expect(entries.map((e) => e.action)).toEqual(['request', 'approve', 'dry_run']);
    expect(callsIn(entries[2])).toEqual([
      {
        operation: 'setManager',
        method: 'PUT',
        path: `/api/2.0/group/${group.id}/manager`,
        body: { userId: docspaceIdOf('bob') },
      },
    ]);
  });

  it('deny: the request is denied, stays marked as a dry run, and nothing is written', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `remove "${group.name}" <@U0BOB00001>`);
    await denyWithNote(h, 'dave', id, 'not now');
    await waitForCardStatus(h.slack, id, 'denied');
    const stored = await storedRequest(h, id);
    expect([stored.status, stored.dryRun]).toEqual(['denied', { calls: [] }]);
    expect(nonGetRequests(h)).toEqual([]);
  });

  it('cancel: the requester cancels, and nothing is written', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `rename "${group.name}" "${group.name} Renamed"`);
    await answerTo(h.slack, await clickCard(h, 'alice', ACTION_CANCEL_REQUEST, id));
    await waitForCardStatus(h.slack, id, 'cancelled');
    expect((await storedRequest(h, id)).status).toBe('cancelled');
    expect(nonGetRequests(h)).toEqual([]);
  });

  it('retry: an execution whose read failed is retried and rehearsed, and nothing is written either time', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    await ask(h, 'dave', 'whoami'); // dave's account is read now, so the failure below hits the execution's read
    h.docspace.failNext(1, 500, { method: 'GET' });
    await approve(h, 'dave', id);
    await waitForCardStatus(h.slack, id, 'failed');
    expect(buttonsOf(cardOf(h.slack, id))).toEqual([ACTION_RETRY]);
    await clickCard(h, 'owner', ACTION_RETRY, id);
    await waitForCardStatus(h.slack, id, 'done');
    expect(cardJson(h.slack, id)).toContain(`PUT /api/2.0/group/${group.id}/members`);
    expect(nonGetRequests(h)).toEqual([]);
    expect(h.docspace.getGroup(group.id)?.memberIds).not.toContain(docspaceIdOf('carol'));
  });

  it('delete by request: confirmed by the requester, approved, rehearsed; the group stays', async () => {
    const group = seedTeam(h.docspace);
    const { body } = await commandReply(h, 'alice', `delete "${group.name}"`);
    const blocks = (body['blocks'] ?? []) as { elements?: { action_id: string; value: string }[] }[];
    const confirm = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === ACTION_CONFIRM_DELETE);
    await clickButton(h, 'alice', ACTION_CONFIRM_DELETE, confirm?.value ?? '', 'dry-delete-request');
    const id = requestIdIn(JSON.stringify(await h.reply('dry-delete-request')));
    await h.slack.waitFor(() => findCard(h.slack, id) !== undefined);
    await approve(h, 'dave', id);
    await waitForCardStatus(h.slack, id, 'done');
    expect(cardJson(h.slack, id)).toContain(`DELETE /api/2.0/group/${group.id}`);
    expect(nonGetRequests(h)).toEqual([]);
    expect(h.docspace.getGroup(group.id)?.removed).toBe(false);
  });

  it('create by request: approving rehearses the create, and the name stays free', async () => {
    const id = await fileRequest(h, 'alice', 'create "Dry Requested Team"');
    await approve(h, 'dave', id);
    await waitForCardStatus(h.slack, id, 'done');
    expect(cardJson(h.slack, id)).toContain('POST /api/2.0/group');
    expect(nonGetRequests(h)).toEqual([]);
    expect(h.docspace.listGroups().some((g) => g.name === 'Dry Requested Team')).toBe(false);
    const again = await ask(h, 'owner', 'create "Dry Requested Team"');
    expect(again).toContain('It would have created group *Dry Requested Team*');
  });
});

describe('DRY_RUN=true: a request from a modal', () => {
  const h = useHarness({ env: DRY_RUN_ENV });

  it('files the create modal of a non-admin as a dry-run request, rehearsed on approval, and creates nothing', async () => {
    await submitView(h, 'alice', CALLBACK_CREATE, createValues({ name: 'Modal Request Team', members: ['bob'] }));
    await h.slack.waitFor(() => h.slack.ephemerals(PEOPLE.alice.slack.id).length > 0);
    const reply = JSON.stringify(h.slack.ephemerals(PEOPLE.alice.slack.id)[0]);
    expect(reply).toContain('Dry run:* approving it changes nothing');
    const id = requestIdIn(reply);
    await h.slack.waitFor(() => findCard(h.slack, id) !== undefined);
    await approve(h, 'dave', id);
    await waitForCardStatus(h.slack, id, 'done');
    expect(cardJson(h.slack, id)).toContain('POST /api/2.0/group');
    expect(nonGetRequests(h)).toEqual([]);
    expect(h.docspace.listGroups()).toEqual([]);
  });
});

describe('DRY_RUN=true: expiry', () => {
  const clock = createFakeClock(new Date());
  const h = useHarness({ clock, env: DRY_RUN_ENV });

  it('expires an overdue dry-run request on maintenance, and nothing is written', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    clock.advance(73 * HOUR);
    const maintained = await h.container.services.maintain();
    expect(maintained.ok && maintained.value.expired).toBeGreaterThanOrEqual(1);
    await waitForCardStatus(h.slack, id, 'expired');
    expect((await storedRequest(h, id)).status).toBe('expired');
    expect(nonGetRequests(h)).toEqual([]);
  });
});
