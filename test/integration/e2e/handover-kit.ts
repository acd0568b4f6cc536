import { randomUUID } from 'node:crypto';
import type { Handover, HandoverId } from '../../../src/domain/index.js';
import { ACTION_HANDOVER_ACCEPT, ACTION_HANDOVER_DECLINE } from '../../../src/slack/ids.js';
import { blockAction } from '../../fakes/payloads.js';
import type { FakeMessage } from '../../fakes/slack-api-server.js';
import { type PersonHandle, slackIdOf, TEAM_ID } from '../../fixtures/people.js';
import type { Harness } from '../../helpers/harness.js';
import { buttonsOf } from './approvals-kit.js';

/** Shared steps of the handover end-to-end tests: find the incoming manager's DM, click Accept or Decline on it. */

export const HANDOVER_ON = { HANDOVER_ACCEPTANCE: 'on' } as const;

/** The handover id a message's buttons (or text) carry. */
function handoverIdIn(message: FakeMessage): string | null {
  return /\b(H[0-9A-Z]{10})\b/.exec(`${message.text} ${JSON.stringify(message.blocks ?? [])}`)?.[1] ?? null;
}

/** The incoming manager's handover DM about this group (with updates applied), if any. */
export function findHandoverDm(h: Harness, who: PersonHandle, groupName: string): FakeMessage | undefined {
  return h.slack
    .dms(slackIdOf(who))
    .filter((m) => handoverIdIn(m) !== null && JSON.stringify(m.blocks ?? []).includes(groupName))
    .at(-1);
}

/** Waits for the handover DM to the incoming manager; returns it with its handover id. */
export async function handoverDm(h: Harness, who: PersonHandle, groupName: string) {
  await h.slack.waitFor(() => findHandoverDm(h, who, groupName) !== undefined);
  const dm = findHandoverDm(h, who, groupName) as FakeMessage;
  return { dm, id: handoverIdIn(dm) as string };
}

/** The handover as stored (through the app's own storage). */
export async function storedHandover(h: Harness, id: string): Promise<Handover> {
  const found = await h.container.storage.handovers.get(id as HandoverId);
  if (!found) throw new Error(`handover ${id} is not stored`);
  return found;
}

/** The signed block_actions payload of an Accept or Decline click on the handover DM, as that person. */
export function handoverClick(
  h: Harness,
  who: PersonHandle,
  answer: 'accept' | 'decline',
  id: string,
  dm: FakeMessage,
  responseId: string,
) {
  return blockAction({
    actionId: answer === 'accept' ? ACTION_HANDOVER_ACCEPT : ACTION_HANDOVER_DECLINE,
    value: id,
    blockId: 'dsg_handover',
    userId: slackIdOf(who),
    teamId: TEAM_ID,
    responseUrl: h.slack.responseUrl(responseId),
    channelId: dm.channel,
    messageTs: dm.ts,
  });
}

/** Clicks Accept or Decline as someone; resolves once the app has handled it, with the response id of the answer. */
export async function answerHandover(
  h: Harness,
  who: PersonHandle,
  answer: 'accept' | 'decline',
  id: string,
  dm: FakeMessage,
) {
  const responseId = `handover-${randomUUID()}`;
  const sent = await h.interact(handoverClick(h, who, answer, id, dm, responseId));
  if (sent.status !== 200) throw new Error(`click was not acked: ${sent.status} ${sent.body}`);
  await h.idle();
  return responseId;
}

/** The ephemeral answers to a click, as JSON text ('' when none came). */
export function answersTo(h: Harness, responseId: string): string {
  return h.slack
    .responsesTo(responseId)
    .map((r) => JSON.stringify(r.body))
    .join('\n');
}

/** Whether a message still offers Accept and Decline. */
export const offersAnswer = (message: FakeMessage) =>
  buttonsOf(message).includes(ACTION_HANDOVER_ACCEPT) && buttonsOf(message).includes(ACTION_HANDOVER_DECLINE);
