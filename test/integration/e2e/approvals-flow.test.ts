import { describe, expect, it } from 'vitest';
import {
  ACTION_APPROVE,
  ACTION_DENY,
  ACTION_REASON,
  ACTION_UNDO,
  BLOCK_REASON,
  CALLBACK_DENY_REASON,
} from '../../../src/slack/ids.js';
import { viewSubmission } from '../../fakes/payloads.js';
import { docspaceIdOf, slackIdOf } from '../../fixtures/people.js';
import { APPROVAL_CHANNEL, useHarness } from '../../helpers/harness.js';
import {
  answerTo,
  approve,
  ask,
  buttonsOf,
  cardJson,
  cardOf,
  cardUpdates,
  clickCard,
  denyWithNote,
  dmsAbout,
  fileRequest,
  seedTeam,
  storedRequest,
  waitForCardStatus,
  writesTo,
} from './approvals-kit.js';

describe('approval requests end to end: request, approve or deny, card and DM', () => {
  const h = useHarness();

  it('tells a requester ephemerally that their change waits for approval and where', async () => {
    const group = seedTeam(h.docspace);
    const answer = await ask(h, 'alice', `manager "${group.name}" <@U0BOB00001> reason: Bob leads it now`);
    expect(answer).toContain('is waiting for approval');
    expect(answer).toContain(`<#${APPROVAL_CHANNEL}>`);
    expect(writesTo(h.docspace, group.id)).toEqual([]);
  });

  it('posts a card that says who asks for what and why, current vs wanted state, with confirmed Approve and Deny', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `manager "${group.name}" <@U0BOB00001> reason: Bob leads it now`);
    const card = cardOf(h.slack, id);
    const json = cardJson(h.slack, id);
    expect(json).toContain('<@U0ALICE001> asks');
    expect(json).toContain('Manager: Alice Archer → Bob Baker');
    expect(json).toContain('Bob leads it now');
    expect(buttonsOf(card)).toEqual([ACTION_APPROVE, ACTION_DENY]);
    const blocks = card.blocks as { type: string; elements?: { value?: string; confirm?: unknown }[] }[];
    const buttons = blocks.find((b) => b.type === 'actions')?.elements ?? [];
    expect(buttons.every((b) => b.value === id && b.confirm !== undefined)).toBe(true);
  });

  it('shows the people to add by name on the card ("Add: Carol, Dave")', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001> <@U0DAVE0001>`);
    expect(cardJson(h.slack, id)).toMatch(/Add: Carol O'Neil(,| and) Dave Dunn/);
  });

  it('executes an approved request once, updates the card in place with only Undo left, names the approver and DMs the requester', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `manager "${group.name}" <@U0BOB00001>`);
    await approve(h, 'dave', id);
    await waitForCardStatus(h.slack, id, 'done');
    await h.slack.waitFor(() => dmsAbout(h.slack, 'alice', id).some((m) => m.text.includes('applied')));
    expect(h.docspace.getGroup(group.id)?.managerId).toBe(docspaceIdOf('bob'));
    expect(writesTo(h.docspace, group.id)).toHaveLength(1);
    expect(cardUpdates(h.slack, id).length).toBeGreaterThanOrEqual(1);
    expect(buttonsOf(cardOf(h.slack, id))).toEqual([ACTION_UNDO]);
    expect(cardJson(h.slack, id)).toContain('approved by <@U0DAVE0001>');
    expect((await storedRequest(h, id)).status).toBe('executed');
  });

  it('opens the deny modal for the request when an approver clicks Deny', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    await clickCard(h, 'dave', ACTION_DENY, id);
    await h.slack.waitFor(() => h.slack.callsTo('views.open').length === 1);
    const view = h.slack.callsTo('views.open')[0]?.args['view'] as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe(CALLBACK_DENY_REASON);
    expect(view.private_metadata).toBe(id);
    expect((await storedRequest(h, id)).status).toBe('pending');
  });

  it('denies with a reason: the card shows who denied and the note, loses its buttons, and the requester is DMed', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    const submitted = await denyWithNote(h, 'dave', id, 'Carol moves to another team');
    expect(submitted.status).toBe(200);
    await waitForCardStatus(h.slack, id, 'denied');
    await h.slack.waitFor(() => dmsAbout(h.slack, 'alice', id).length > 0);
    const json = cardJson(h.slack, id);
    expect(json).toContain('Denied by <@U0DAVE0001>');
    expect(json).toContain('Carol moves to another team');
    expect(buttonsOf(cardOf(h.slack, id))).toEqual([]);
    expect(JSON.stringify(dmsAbout(h.slack, 'alice', id))).toContain('Carol moves to another team');
    expect(writesTo(h.docspace, group.id)).toEqual([]);
  });

  it('refuses an approver who approves their own request, and nothing changes', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'dave', `add "${group.name}" <@U0CAROL001>`);
    const answer = await answerTo(h.slack, await approve(h, 'dave', id));
    expect(answer).toContain('You cannot decide your own request');
    await h.idle();
    expect((await storedRequest(h, id)).status).toBe('pending');
    expect(writesTo(h.docspace, group.id)).toEqual([]);
    expect(buttonsOf(cardOf(h.slack, id))).toEqual([ACTION_APPROVE, ACTION_DENY]);
  });

  it('refuses an approver who tries to deny their own request without opening the modal', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'dave', `add "${group.name}" <@U0CAROL001>`);
    const answer = await answerTo(h.slack, await clickCard(h, 'dave', ACTION_DENY, id));
    expect(answer).toContain('You cannot decide your own request');
    expect(h.slack.callsTo('views.open')).toEqual([]);
  });

  it("refuses a non-approver's Approve click on someone else's request, and nothing changes", async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    const answer = await answerTo(h.slack, await approve(h, 'bob', id));
    expect(answer).toContain('Only approvers can approve');
    await h.idle();
    expect((await storedRequest(h, id)).status).toBe('pending');
    expect(writesTo(h.docspace, group.id)).toEqual([]);
    expect(cardUpdates(h.slack, id)).toEqual([]);
  });

  it('refuses a second decision on a decided request and says who decided', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    await denyWithNote(h, 'dave', id, '');
    await waitForCardStatus(h.slack, id, 'denied');
    const answer = await answerTo(h.slack, await approve(h, 'owner', id));
    expect(answer).toContain('already decided');
    expect(answer).toContain('<@U0DAVE0001>');
    expect(writesTo(h.docspace, group.id)).toEqual([]);
  });
  it('tells an approver who clicks Deny on a decided request who decided, without opening the deny modal', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    await approve(h, 'dave', id);
    await waitForCardStatus(h.slack, id, 'done');
    const answer = await answerTo(h.slack, await clickCard(h, 'owner', ACTION_DENY, id));
    expect(answer).toContain('already decided: done by <@U0DAVE0001>');
    expect(h.slack.callsTo('views.open')).toEqual([]);
  });

  it('refuses an approver who joined an identical request: they asked for it too', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    await ask(h, 'dave', `add "${group.name}" <@U0CAROL001>`);
    const answer = await answerTo(h.slack, await approve(h, 'dave', id));
    expect(answer).toContain('You cannot decide your own request');
    expect((await storedRequest(h, id)).status).toBe('pending');
  });

  it('answers a click that names no known request without changing anything', async () => {
    const answer = await answerTo(h.slack, await clickCard(h, 'dave', ACTION_APPROVE, 'R0000000000'));
    expect(answer).toContain('There is no request');
    expect(h.docspace.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it("refuses a click from another Slack workspace on this workspace's request", async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    const answer = await answerTo(h.slack, await clickCard(h, 'dave', ACTION_APPROVE, id, { teamId: 'T0OTHER001' }));
    expect(answer).toContain('There is no request');
    await h.idle();
    expect((await storedRequest(h, id)).status).toBe('pending');
    expect(writesTo(h.docspace, group.id)).toEqual([]);
  });
  it("refuses a non-approver's Deny click without opening the deny modal", async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    const answer = await answerTo(h.slack, await clickCard(h, 'bob', ACTION_DENY, id));
    expect(answer).toContain('Only approvers');
    expect(h.slack.callsTo('views.open')).toEqual([]);
  });

  it('checks the decider again when the deny modal is submitted: a forged submission by a non-approver changes nothing', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    const sent = await h.interact(
      viewSubmission({
        callbackId: CALLBACK_DENY_REASON,
        userId: slackIdOf('bob'),
        privateMetadata: id,
        values: { [BLOCK_REASON]: { [ACTION_REASON]: { type: 'plain_text_input', value: 'mine now' } } },
      }),
    );
    expect(sent.status).toBe(200);
    await h.slack.waitFor(() => h.slack.dms(slackIdOf('bob')).some((m) => m.text.includes('Only approvers')));
    expect((await storedRequest(h, id)).status).toBe('pending');
    expect(cardUpdates(h.slack, id)).toEqual([]);
  });
});
