import { describe, expect, it } from 'vitest';
import { ACTION_RETRY, ACTION_UNDO } from '../../../src/slack/ids.js';
import { docspaceIdOf } from '../../fixtures/people.js';
import { type Harness, useHarness } from '../../helpers/harness.js';
import {
  answerTo,
  approve,
  ask,
  auditLogLines,
  buttonsOf,
  cardJson,
  cardOf,
  clickCard,
  dmsAbout,
  fileRequest,
  seedTeam,
  storedRequest,
  waitForCardStatus,
  writesTo,
} from './approvals-kit.js';

describe('DocSpace failing while an approved request executes: failed card, one Retry', () => {
  const h = useHarness();

  /** Files alice's request to add carol, then approves it while the DocSpace write answers 500. */
  async function failedRequest() {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    h.docspace.failNext(1, 500, { method: 'PUT' });
    await approve(h, 'dave', id);
    await waitForCardStatus(h.slack, id, 'failed');
    return { group, id };
  }

  it('marks the request failed, keeps a Retry button on the card and tells the requester', async () => {
    const { group, id } = await failedRequest();
    expect(buttonsOf(cardOf(h.slack, id))).toEqual([ACTION_RETRY]);
    expect(cardJson(h.slack, id)).toContain('Approved by <@U0DAVE0001>');
    await h.slack.waitFor(() => dmsAbout(h.slack, 'alice', id).some((m) => m.text.includes('failed')));
    expect(h.docspace.getGroup(group.id)?.memberIds).not.toContain(docspaceIdOf('carol'));
    expect((await storedRequest(h, id)).status).toBe('failed');
  });

  it('records the failed execution in the audit log and as a structured log line', async () => {
    const { group, id } = await failedRequest();
    const entries = await h.container.storage.audit.list({ groupId: group.id as never, limit: 10 });
    const failed = entries.find((e) => e.requestId === id && e.action === 'members');
    expect(failed?.outcome).toBe('failed');
    expect(failed?.actorSlackId).toBe('U0DAVE0001');
    expect(failed?.onBehalfOf).toEqual(['U0ALICE001']);
    expect(auditLogLines(h)).toContainEqual(
      expect.objectContaining({ requestId: id, action: 'members', outcome: 'failed' }),
    );
  });

  it('executes once more when an approver clicks Retry, then the card shows done with only Undo left', async () => {
    const { group, id } = await failedRequest();
    await clickCard(h, 'owner', ACTION_RETRY, id);
    await waitForCardStatus(h.slack, id, 'done');
    expect(writesTo(h.docspace, group.id)).toHaveLength(2);
    expect(h.docspace.getGroup(group.id)?.memberIds).toContain(docspaceIdOf('carol'));
    expect(buttonsOf(cardOf(h.slack, id))).toEqual([ACTION_UNDO]);
    expect((await storedRequest(h, id)).attempts).toBe(2);
  });

  it('refuses a second Retry once the retry has run', async () => {
    const { group, id } = await failedRequest();
    await clickCard(h, 'dave', ACTION_RETRY, id);
    await waitForCardStatus(h.slack, id, 'done');
    const answer = await answerTo(h.slack, await clickCard(h, 'dave', ACTION_RETRY, id));
    expect(answer).toContain('already decided');
    expect(writesTo(h.docspace, group.id)).toHaveLength(2);
  });

  it('offers no further Retry when the retry fails too, and refuses a click on the old button', async () => {
    const { group, id } = await failedRequest();
    h.docspace.failNext(1, 500, { method: 'PUT' });
    await clickCard(h, 'dave', ACTION_RETRY, id);
    await h.slack.waitFor(() => cardJson(h.slack, id).includes('attempt 2 of 2'));
    expect(buttonsOf(cardOf(h.slack, id))).toEqual([]);
    const answer = await answerTo(h.slack, await clickCard(h, 'dave', ACTION_RETRY, id));
    expect(answer).toContain('already retried');
    expect(writesTo(h.docspace, group.id)).toHaveLength(2);
  });

  it('runs only one execution when two approvers click Retry at the same time', async () => {
    const { group, id } = await failedRequest();
    h.docspace.setLatency(60);
    await Promise.all([clickCard(h, 'dave', ACTION_RETRY, id), clickCard(h, 'owner', ACTION_RETRY, id)]);
    await waitForCardStatus(h.slack, id, 'done');
    await h.idle();
    h.docspace.setLatency(0);
    expect(writesTo(h.docspace, group.id)).toHaveLength(2);
  });

  it('refuses a Retry click by an approver on a request they asked for themselves', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'dave', `add "${group.name}" <@U0CAROL001>`);
    h.docspace.failNext(1, 500, { method: 'PUT' });
    await approve(h, 'owner', id);
    await waitForCardStatus(h.slack, id, 'failed');
    const answer = await answerTo(h.slack, await clickCard(h, 'dave', ACTION_RETRY, id));
    expect(answer).toContain('You cannot decide your own request');
    expect(writesTo(h.docspace, group.id)).toHaveLength(1);
  });

  it("refuses a non-approver's Retry click", async () => {
    const { group, id } = await failedRequest();
    const answer = await answerTo(h.slack, await clickCard(h, 'bob', ACTION_RETRY, id));
    expect(answer).toContain('Only approvers');
    expect(writesTo(h.docspace, group.id)).toHaveLength(1);
    expect((await storedRequest(h, id)).status).toBe('failed');
  });

  it('says on the card when the group was deleted before the approval, and writes nothing', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    await deleteBehindTheBotsBack(h, group.id);
    h.docspace.clearLog();
    await approve(h, 'dave', id);
    await waitForCardStatus(h.slack, id, 'failed');
    expect(cardJson(h.slack, id)).toContain('no longer exists');
    expect(buttonsOf(cardOf(h.slack, id))).toEqual([]);
    expect(writesTo(h.docspace, group.id)).toEqual([]);
  });

  it('says on the card when the change was already made before the approval, and writes nothing', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    expect(await ask(h, 'owner', `add "${group.name}" <@U0CAROL001>`)).toContain('Carol');
    h.docspace.clearLog();
    await approve(h, 'dave', id);
    await waitForCardStatus(h.slack, id, 'done');
    expect(cardJson(h.slack, id)).toContain('Nothing to change');
    expect(writesTo(h.docspace, group.id)).toEqual([]);
  });
});

/** Someone deletes the group in DocSpace directly (not through the bot). */
async function deleteBehindTheBotsBack(h: Harness, groupId: string) {
  const res = await fetch(`${h.docspace.url}/api/2.0/group/${groupId}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${h.docspace.apiKey}` },
  });
  expect(res.status).toBeLessThan(300);
}
