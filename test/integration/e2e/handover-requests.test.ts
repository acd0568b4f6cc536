import { describe, expect, it } from 'vitest';
import { docspaceIdOf, slackIdOf } from '../../fixtures/people.js';
import { createFakeClock, HOUR, MINUTE } from '../../helpers/clock.js';
import { useHarness } from '../../helpers/harness.js';
import {
  answerTo,
  approve,
  buttonsOf,
  cardJson,
  cardOf,
  dmsAbout,
  fileRequest,
  seedTeam,
  storedRequest,
  waitForCardStatus,
  writesTo,
} from './approvals-kit.js';
import { answerHandover, HANDOVER_ON, handoverDm, storedHandover } from './handover-kit.js';

describe('HANDOVER_ACCEPTANCE=on: an approved manager change waits for the incoming manager to accept', () => {
  const clock = createFakeClock(new Date());
  const h = useHarness({ clock, env: HANDOVER_ON });

  async function approvedHandover() {
    const group = seedTeam(h.docspace);
    const requestId = await fileRequest(h, 'alice', `manager "${group.name}" <@U0BOB00001>`);
    await approve(h, 'dave', requestId);
    const { dm, id } = await handoverDm(h, 'bob', group.name);
    await h.slack.waitFor(() => cardJson(h.slack, requestId).includes('to accept becoming the manager'));
    return { group, requestId, dm, id };
  }

  it('shows on the card that the approved change waits for the incoming manager, and writes nothing yet', async () => {
    const { group, requestId } = await approvedHandover();
    expect(cardJson(h.slack, requestId)).toContain('Approved by <@U0DAVE0001>');
    expect(cardJson(h.slack, requestId)).toContain('waits for <@U0BOB00001> to accept');
    expect(buttonsOf(cardOf(h.slack, requestId))).toEqual([]);
    expect((await storedRequest(h, requestId)).status).toBe('approved');
    expect(writesTo(h.docspace, group.id)).toEqual([]);
  });

  it('tells the incoming manager who asks and who approved', async () => {
    const { dm } = await approvedHandover();
    expect(JSON.stringify(dm.blocks)).toContain('<@U0ALICE001> asks you to become the manager of');
    expect(JSON.stringify(dm.blocks)).toContain('(approved by <@U0DAVE0001>)');
  });

  it('executes the request once the incoming manager accepts: one write, the card done, the requester told', async () => {
    const { group, requestId, dm, id } = await approvedHandover();
    await answerHandover(h, 'bob', 'accept', id, dm);
    await waitForCardStatus(h.slack, requestId, 'done');
    expect(writesTo(h.docspace, group.id)).toHaveLength(1);
    expect(h.docspace.getGroup(group.id)?.managerId).toBe(docspaceIdOf('bob'));
    expect((await storedRequest(h, requestId)).status).toBe('executed');
    await h.slack.waitFor(() => dmsAbout(h.slack, 'alice', requestId).some((m) => m.text.includes('applied')));
  });

  it('fails the request when the incoming manager declines: the card and the requester say so, nothing written', async () => {
    const { group, requestId, dm, id } = await approvedHandover();
    await answerHandover(h, 'bob', 'decline', id, dm);
    await waitForCardStatus(h.slack, requestId, 'failed');
    expect(cardJson(h.slack, requestId)).toContain('declined to become the manager');
    expect(buttonsOf(cardOf(h.slack, requestId))).toEqual([]);
    await h.slack.waitFor(() => dmsAbout(h.slack, 'alice', requestId).some((m) => m.text.includes('failed')));
    expect(writesTo(h.docspace, group.id)).toEqual([]);
  });

  it('keeps the approved request waiting past the interrupted-execution window, then expires it with the handover', async () => {
    const { group, requestId, id } = await approvedHandover();
    clock.advance(HOUR);
    await h.container.services.maintain();
    expect((await storedRequest(h, requestId)).status).toBe('approved');
    clock.advance(71 * HOUR + MINUTE);
    await h.container.services.maintain();
    expect((await storedHandover(h, id)).status).toBe('expired');
    await waitForCardStatus(h.slack, requestId, 'failed');
    expect(cardJson(h.slack, requestId)).toContain('did not accept becoming the manager');
    expect(writesTo(h.docspace, group.id)).toEqual([]);
  });

  it('refuses the approval when the incoming manager cannot be asked (no Slack account linked): still pending', async () => {
    const group = seedTeam(h.docspace);
    const requestId = await fileRequest(h, 'alice', `manager "${group.name}" hal@example.com`);
    const responseId = await approve(h, 'dave', requestId);
    expect(await answerTo(h.slack, responseId)).toContain('has no Slack account linked');
    expect((await storedRequest(h, requestId)).status).toBe('pending');
  });

  it('applies at once a request in which the incoming manager asked for it themself', async () => {
    const group = seedTeam(h.docspace);
    const requestId = await fileRequest(h, 'bob', `manager "${group.name}" <@U0BOB00001>`);
    await approve(h, 'dave', requestId);
    await waitForCardStatus(h.slack, requestId, 'done');
    expect(h.docspace.getGroup(group.id)?.managerId).toBe(docspaceIdOf('bob'));
  });

  it('refuses Accept by the approver or the requester: only the incoming manager answers', async () => {
    const { group, dm, id } = await approvedHandover();
    for (const who of ['dave', 'alice'] as const) await answerHandover(h, who, 'accept', id, dm);
    expect((await storedHandover(h, id)).status).toBe('waiting');
    expect(writesTo(h.docspace, group.id)).toEqual([]);
    expect(slackIdOf('bob')).toBe((await storedHandover(h, id)).incomingSlackId);
  });
});
