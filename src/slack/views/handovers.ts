import type { KnownBlock } from '@slack/types';
import type { Handover } from '../../domain/index.js';
import { ACTION_HANDOVER_ACCEPT, ACTION_HANDOVER_DECLINE, BLOCK_HANDOVER } from '../ids.js';
import {
  button,
  confirmDialog,
  context,
  esc,
  mention,
  message,
  NO_MANAGER,
  nameList,
  type SlackMessage,
  section,
  slackDate,
} from './blocks.js';

/** The group, its manager now and its members, as captured when the incoming manager was asked. */
function groupLines(handover: Handover): string[] {
  const { snapshot } = handover;
  const before = snapshot.managerBefore ? esc(snapshot.managerBefore.displayName) : NO_MANAGER;
  const names = snapshot.members.map((m) => m.displayName);
  const more = snapshot.membersCount - names.length;
  const members =
    snapshot.membersCount === 0
      ? '_no members_'
      : `${nameList(names)}${more > 0 ? ` and ${more} more` : ''} (${snapshot.membersCount})`;
  return [`*Group:* ${esc(snapshot.groupName)}`, `*Manager now:* ${before}`, `*Members:* ${members}`];
}

function answerBlocks(handover: Handover): KnownBlock[] {
  switch (handover.status) {
    case 'waiting':
      return [
        {
          type: 'actions',
          block_id: BLOCK_HANDOVER,
          elements: [
            button({
              actionId: ACTION_HANDOVER_ACCEPT,
              label: 'Accept',
              value: handover.id,
              style: 'primary',
              confirm: confirmDialog(
                'Become the manager?',
                `You will manage ${handover.snapshot.groupName} in DocSpace.`,
                'Accept',
              ),
            }),
            button({ actionId: ACTION_HANDOVER_DECLINE, label: 'Decline', value: handover.id }),
          ],
        },
        context(`Handover \`${handover.id}\` · answer by ${slackDate(handover.expiresAt)}`),
      ];
    case 'accepted':
      return [section(`✅ You accepted.${handover.outcome ? ` ${esc(handover.outcome, 600)}` : ''}`)];
    case 'declined':
      return [section('🚫 You declined; nothing was changed.')];
    case 'expired':
      return [section('⌛ This handover expired without an answer; nothing was changed.')];
  }
}

/** The DM to the incoming manager: who asks, which group, the members, then Accept / Decline (or how it ended). */
export function buildHandoverAsk(handover: Handover): SlackMessage {
  const approved = handover.approvedBy ? ` (approved by ${mention(handover.approvedBy)})` : '';
  const group = esc(handover.snapshot.groupName);
  const head = `${mention(handover.requestedBy)} asks you to become the manager of *${group}* in DocSpace${approved}.`;
  const why = handover.reason ? [section(`*Why:* ${esc(handover.reason, 600)}`)] : [];
  return message(`${esc(handover.snapshot.groupName)}: you are asked to become its manager (handover ${handover.id})`, [
    section(head),
    section(groupLines(handover).join('\n')),
    ...why,
    ...answerBlocks(handover),
  ]);
}

/** What the admin who asked sees right away: nothing is changed until the incoming manager accepts. */
export function buildHandoverStartedReply(handover: Handover): SlackMessage {
  const text =
    `⏳ The manager change of *${esc(handover.snapshot.groupName)}* waits for ${mention(handover.incomingSlackId)} to accept ` +
    `(until ${slackDate(handover.expiresAt)}). Nothing is changed until then; you will hear the answer here by DM.`;
  return message(`The manager change waits for the incoming manager to accept (handover ${handover.id})`, [
    section(text),
    context(`Handover \`${handover.id}\``),
  ]);
}

/** The DM to the admin who asked directly, once the handover is answered or expired. */
export function buildHandoverRequesterDm(handover: Handover): SlackMessage {
  const who = mention(handover.incomingSlackId);
  const group = esc(handover.snapshot.groupName);
  const outcome = handover.outcome ? esc(handover.outcome, 800) : '';
  let head: string;
  switch (handover.status) {
    case 'accepted':
      head = `✅ ${who} accepted becoming the manager of *${group}*. ${outcome}`;
      break;
    case 'declined':
      head = `🚫 ${who} declined becoming the manager of *${group}*; nothing was changed.`;
      break;
    case 'expired':
      head = `⌛ ${who} did not answer in time: the manager change of *${group}* expired; nothing was changed.`;
      break;
    case 'waiting':
      head = `⏳ The manager change of *${group}* still waits for ${who} to accept.`;
      break;
  }
  return message(head.replace(/\*/g, ''), [section(head.trim()), context(`Handover \`${handover.id}\``)]);
}
