import { randomUUID } from 'node:crypto';
import {
  ACTION_APPROVE,
  ACTION_DENY,
  ACTION_REASON,
  BLOCK_REASON,
  CALLBACK_DENY_REASON,
} from '../../../src/slack/ids.js';
import type { FakeDocSpace, FakeGroupState } from '../../fakes/docspace-server.js';
import { blockAction, viewSubmission } from '../../fakes/payloads.js';
import type { FakeMessage, FakeSlack } from '../../fakes/slack-api-server.js';
import { docspaceIdOf, type PersonHandle, slackIdOf, TEAM_ID } from '../../fixtures/people.js';
import { cardOf, findCard, requestIdIn } from '../../helpers/approval-cards.js';
import { APPROVAL_CHANNEL, type Harness } from '../../helpers/harness.js';

/** Shared steps of the approval end-to-end tests: ask, find the card, click as someone, read the answers. */

export { buttonsOf, cardOf, requestIdIn, storedRequest } from '../../helpers/approval-cards.js';

/** A group with a unique name (so tests sharing a harness never collide): manager alice, members alice and bob. */
export function seedTeam(docspace: FakeDocSpace, prefix = 'Platform'): FakeGroupState {
  return docspace.seedGroup({
    name: `${prefix} ${randomUUID().slice(0, 6)}`,
    managerId: docspaceIdOf('alice'),
    memberIds: [docspaceIdOf('alice'), docspaceIdOf('bob')],
  });
}

/** Runs a slash command and returns the text of its first (ephemeral) answer. */
export async function ask(h: Harness, who: PersonHandle, text: string): Promise<string> {
  const sent = await h.command(who, text);
  if (sent.ack.status !== 200) throw new Error(`command was not acked: ${sent.ack.status} ${sent.ack.body}`);
  return JSON.stringify(await h.reply(sent.responseId));
}

/** Asks for a change as someone who must file a request; returns the request id. */
export async function fileRequest(h: Harness, who: PersonHandle, text: string): Promise<string> {
  const answer = await ask(h, who, text);
  const id = requestIdIn(answer);
  await h.slack.waitFor(() => findCard(h.slack, id) !== undefined);
  return id;
}

export const cardJson = (slack: FakeSlack, requestId: string) => JSON.stringify(cardOf(slack, requestId).blocks);

/** chat.update calls on this request's card. */
export function cardUpdates(slack: FakeSlack, requestId: string) {
  const card = cardOf(slack, requestId);
  return slack.callsTo('chat.update').filter((c) => c.args['ts'] === card.ts && c.args['channel'] === card.channel);
}

/** Waits until the card's current text shows a status label, e.g. "(done)". */
export async function waitForCardStatus(slack: FakeSlack, requestId: string, label: string, timeoutMs = 8000) {
  await slack.waitFor(() => findCard(slack, requestId)?.text.endsWith(`(${label})`) === true, timeoutMs);
}

/** DMs to that person that mention the request id. */
export function dmsAbout(slack: FakeSlack, who: PersonHandle, requestId: string): FakeMessage[] {
  return slack
    .dms(slackIdOf(who))
    .filter((m) => m.text.includes(requestId) || JSON.stringify(m.blocks).includes(requestId));
}

/**
 * Clicks a card button as someone, like Slack does (signed block_actions from the card message), with a response_url
 * of its own; returns that response id so the ephemeral answer can be read with answerTo().
 */
export async function clickCard(
  h: Harness,
  who: PersonHandle | string,
  actionId: string,
  requestId: string,
  options: { teamId?: string } = {},
) {
  const card = findCard(h.slack, requestId);
  const responseId = `click-${randomUUID()}`;
  const sent = await h.interact(
    blockAction({
      actionId,
      value: requestId,
      blockId: 'dsg_decision',
      userId: slackIdOf(who),
      teamId: options.teamId ?? TEAM_ID,
      responseUrl: h.slack.responseUrl(responseId),
      channelId: card?.channel ?? APPROVAL_CHANNEL,
      ...(card ? { messageTs: card.ts } : {}),
    }),
  );
  if (sent.status !== 200) throw new Error(`click was not acked: ${sent.status} ${sent.body}`);
  return responseId;
}

/** The first response_url answer to a click, as JSON text. */
export async function answerTo(slack: FakeSlack, responseId: string, timeoutMs = 8000): Promise<string> {
  await slack.waitFor(() => slack.responsesTo(responseId).length > 0, timeoutMs);
  return JSON.stringify(slack.responsesTo(responseId)[0]?.body);
}

export const approve = (h: Harness, who: PersonHandle, id: string) => clickCard(h, who, ACTION_APPROVE, id);

/** Deny as Slack does it: the click opens the deny modal, then the modal is submitted with the note. */
export async function denyWithNote(h: Harness, who: PersonHandle, requestId: string, note: string) {
  const opened = h.slack.callsTo('views.open').length;
  await clickCard(h, who, ACTION_DENY, requestId);
  await h.slack.waitFor(() => h.slack.callsTo('views.open').length > opened);
  const view = h.slack.callsTo('views.open').at(-1)?.args['view'] as {
    private_metadata?: string;
    callback_id?: string;
  };
  return h.interact(
    viewSubmission({
      callbackId: view.callback_id ?? CALLBACK_DENY_REASON,
      userId: slackIdOf(who),
      privateMetadata: view.private_metadata ?? '',
      values: { [BLOCK_REASON]: { [ACTION_REASON]: { type: 'plain_text_input', value: note } } },
    }),
  );
}

/** DocSpace writes (anything but GET) on one group, as the DocSpace double received them. */
export function writesTo(docspace: FakeDocSpace, groupId: string) {
  return docspace.requests.filter((r) => r.method !== 'GET' && r.path.includes(groupId));
}

/** Structured audit log lines the app wrote (one per audit entry). */
export function auditLogLines(h: Harness): { action: string; requestId: string | null; outcome: string }[] {
  return h.logs
    .map(
      (line) =>
        JSON.parse(line) as { msg?: string; audit?: { action: string; requestId: string | null; outcome: string } },
    )
    .filter((l) => l.msg === 'audit' && l.audit)
    .map((l) => l.audit as { action: string; requestId: string | null; outcome: string });
}
