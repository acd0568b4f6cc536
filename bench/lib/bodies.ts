/** Raw Slack request bodies for the bench, built with the same payload builders the tests use. */
import { ACTION_APPROVE, BLOCK_DECISION } from '../../src/slack/ids.js';
import { blockAction, formEncodeCommand, formEncodeInteractive, slashCommand } from '../../test/fakes/payloads.js';
import { PEOPLE, TEAM_ID } from '../../test/fixtures/people.js';

const COMMAND_CHANNEL = 'C0GENERAL01';
export const APPROVAL_CHANNEL = 'C0APPROVAL1';

export const OWNER = PEOPLE.owner.slack.id;
export const ALICE = PEOPLE.alice.slack.id;
export const BOB = PEOPLE.bob.slack.id;
export const CAROL = PEOPLE.carol.slack.id;
export const DAVE = PEOPLE.dave.slack.id;

/** A signed-ready `/docspace-group <text>` body from `userId` whose reply goes to `responseUrl`. */
export function commandBody(userId: string, text: string, responseUrl: string): string {
  return formEncodeCommand(
    slashCommand({ text, userId, teamId: TEAM_ID, channelId: COMMAND_CHANNEL, responseUrl, triggerId: 'bench' }),
  );
}

/** The Approve click on an approval card (button value = request id). */
export function approveClickBody(
  userId: string,
  card: { channel: string; ts: string },
  requestId: string,
  responseUrl: string,
) {
  return formEncodeInteractive(
    blockAction({
      actionId: ACTION_APPROVE,
      blockId: BLOCK_DECISION,
      value: requestId,
      userId,
      teamId: TEAM_ID,
      channelId: card.channel,
      messageTs: card.ts,
      responseUrl,
    }),
  );
}

/** The request id carried by the Approve button of a card's blocks, or null. */
export function requestIdOnCard(blocks: unknown): string | null {
  if (!Array.isArray(blocks)) return null;
  for (const block of blocks as Array<{
    block_id?: string;
    elements?: Array<{ action_id?: string; value?: string }>;
  }>) {
    if (block.block_id !== BLOCK_DECISION) continue;
    const approve = block.elements?.find((e) => e.action_id === ACTION_APPROVE);
    if (approve?.value) return approve.value;
  }
  return null;
}
