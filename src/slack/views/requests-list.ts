import type { KnownBlock, SectionBlock } from '@slack/types';
import type { ChangeRequest, SlackUserId } from '../../domain/index.js';
import { ACTION_CANCEL_REQUEST } from '../ids.js';
import {
  button,
  channelLink,
  clipMrkdwn,
  confirmDialog,
  context,
  mentionAll,
  message,
  type SlackMessage,
  section,
  slackDate,
} from './blocks.js';
import { describeChange, describeChangeInline } from './describe-change.js';
import { STATUS_LABEL } from './request-status.js';

const MAX_SHOWN = 40;

function requestBlock(request: ChangeRequest, viewer: SlackUserId): SectionBlock {
  const card = request.card ? ` · card in ${channelLink(request.card.channelId)}` : '';
  const head = `\`${request.id}\` · ${STATUS_LABEL[request.status]} · asked by ${mentionAll(request.requesterIds)} ${slackDate(request.createdAt, '{ago}')}${card}`;
  const block = section(`${head}\n${clipMrkdwn(describeChange(request), 2000)}`);
  if (request.status !== 'pending' || !request.requesterIds.includes(viewer)) return block;
  const confirm = confirmDialog(
    'Cancel this request?',
    'Approvers will no longer see it as pending.',
    'Cancel request',
    'danger',
    'Keep it',
  );
  return {
    ...block,
    accessory: button({ actionId: ACTION_CANCEL_REQUEST, label: 'Cancel', value: request.id, confirm }),
  };
}

/** `/docspace-group requests`: pending requests with status and age; a Cancel button on the viewer's own. */
export function buildRequestsList(
  requests: readonly ChangeRequest[],
  viewer: SlackUserId,
  viewerIsApprover: boolean,
): SlackMessage {
  const title = viewerIsApprover ? 'Pending requests' : 'Your pending requests';
  if (requests.length === 0) {
    const none = viewerIsApprover ? 'No requests are waiting for approval.' : 'You have no pending requests.';
    return message(none, [section(none)]);
  }
  const shown = requests.slice(0, MAX_SHOWN);
  const more = requests.length - shown.length;
  const hint = viewerIsApprover ? 'Approve or deny each one on its card.' : 'Cancel withdraws one of your requests.';
  const blocks: KnownBlock[] = [
    section(`*${title}* (${requests.length})`),
    ...shown.map((r) => requestBlock(r, viewer)),
    context(more > 0 ? `Showing the first ${shown.length} of ${requests.length}. ${hint}` : hint),
  ];
  const lines = shown.slice(0, 5).map((r) => `${r.id}: ${describeChangeInline(r)}`);
  return message(`${title} (${requests.length}): ${lines.join(' | ')}`, blocks);
}

/** Reply to the requester after a change was queued for approval (new, or joined an identical pending one). */
export function buildRequestQueuedReply(request: ChangeRequest, created: boolean, channelId: string): SlackMessage {
  const where = channelLink(channelId);
  const head = created
    ? `Your request \`${request.id}\` is waiting for approval in ${where}.`
    : `An identical request (\`${request.id}\`) was already pending; you were added to it. Approvers decide in ${where}.`;
  return message(`${head} ${describeChangeInline(request)}`, [
    section(head),
    section(describeChange(request)),
    context(`It expires ${slackDate(request.expiresAt)}. You will get a DM when it is decided.`),
  ]);
}
