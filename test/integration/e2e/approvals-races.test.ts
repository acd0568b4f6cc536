import { beforeEach, describe, expect, it } from 'vitest';
import { ACTION_APPROVE } from '../../../src/slack/ids.js';
import { blockAction, formEncodeInteractive } from '../../fakes/payloads.js';
import { sendSigned } from '../../fakes/send-to-app.js';
import { docspaceIdOf, slackIdOf, TEAM_ID } from '../../fixtures/people.js';
import { type Harness, SIGNING_SECRET, useHarness } from '../../helpers/harness.js';
import {
  answerTo,
  approve,
  cardOf,
  dmsAbout,
  fileRequest,
  seedTeam,
  storedRequest,
  waitForCardStatus,
  writesTo,
} from './approvals-kit.js';

/** The same signed block_actions body, so it can be delivered twice exactly as Slack retries it. */
function approveBody(h: Harness, requestId: string, responseId: string): string {
  const card = cardOf(h.slack, requestId);
  return formEncodeInteractive(
    blockAction({
      actionId: ACTION_APPROVE,
      value: requestId,
      userId: slackIdOf('dave'),
      teamId: TEAM_ID,
      responseUrl: h.slack.responseUrl(responseId),
      channelId: card.channel,
      messageTs: card.ts,
    }),
  );
}

describe('concurrent decisions on one app instance: exactly one wins, exactly one DocSpace write', () => {
  const h = useHarness();
  beforeEach(() => {
    // Slow DocSpace answers widen the window in which the two clicks overlap.
    h.docspace.setLatency(60);
  });

  it('lets exactly one of two approvers clicking Approve at the same time win, and tells the other who decided', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    const [byOwner, byDave] = await Promise.all([approve(h, 'owner', id), approve(h, 'dave', id)]);
    await waitForCardStatus(h.slack, id, 'done');
    await h.slack.waitFor(() => h.slack.responsesTo(byOwner).length + h.slack.responsesTo(byDave).length > 0);
    await h.idle();
    expect(writesTo(h.docspace, group.id)).toHaveLength(1);
    const answers = [...h.slack.responsesTo(byOwner), ...h.slack.responsesTo(byDave)].map((r) =>
      JSON.stringify(r.body),
    );
    expect(answers).toHaveLength(1);
    const winner = (await storedRequest(h, id)).decidedBy;
    expect(answers[0]).toContain(`already decided`);
    expect(answers[0]).toContain(`<@${winner}>`);
    expect(h.docspace.getGroup(group.id)?.memberIds).toContain(docspaceIdOf('carol'));
  });

  it('makes one change when the same approver double-clicks Approve', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    const clicks = await Promise.all([approve(h, 'dave', id), approve(h, 'dave', id)]);
    await waitForCardStatus(h.slack, id, 'done');
    await h.slack.waitFor(() => clicks.some((c) => h.slack.responsesTo(c).length > 0));
    await h.idle();
    expect(writesTo(h.docspace, group.id)).toHaveLength(1);
    expect((await storedRequest(h, id)).attempts).toBe(1);
  });

  it('makes one change when Slack delivers the same Approve click twice (a retry)', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    const body = approveBody(h, id, 'slack-retry');
    const first = sendSigned(h.eventsUrl, body, { signingSecret: SIGNING_SECRET });
    const retry = sendSigned(h.eventsUrl, body, {
      signingSecret: SIGNING_SECRET,
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect((await Promise.all([first, retry])).map((r) => r.status)).toEqual([200, 200]);
    await waitForCardStatus(h.slack, id, 'done');
    await h.idle();
    expect(writesTo(h.docspace, group.id)).toHaveLength(1);
  });

  it('sends the requester one DM about the outcome even when several approvals raced', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    await Promise.all([approve(h, 'owner', id), approve(h, 'dave', id), approve(h, 'erin', id)]);
    await waitForCardStatus(h.slack, id, 'done');
    await h.slack.waitFor(() => dmsAbout(h.slack, 'alice', id).length > 0);
    await h.idle();
    expect(dmsAbout(h.slack, 'alice', id)).toHaveLength(1);
    expect(writesTo(h.docspace, group.id)).toHaveLength(1);
  });

  it('refuses an Approve click that arrives after the request was executed, with who decided and when', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    await approve(h, 'dave', id);
    await waitForCardStatus(h.slack, id, 'done');
    const late = await answerTo(h.slack, await approve(h, 'owner', id));
    expect(late).toContain('already decided: done by <@U0DAVE0001>');
    expect(late).toContain('<!date^');
    expect(writesTo(h.docspace, group.id)).toHaveLength(1);
  });
});
