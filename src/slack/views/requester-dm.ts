import type { ChangeRequest } from '../../domain/index.js';
import { mayRetry } from '../../domain/index.js';
import { channelLink, context, message, type SlackMessage, section } from './blocks.js';
import { describeChange, describeChangeInline } from './describe-change.js';
import { decidedWhen, decider, outcomeText, reasonText } from './request-status.js';

function headline(request: ChangeRequest): string {
  const id = `\`${request.id}\``;
  const when = decidedWhen(request);
  const by = `${decider(request)}${when}`;
  switch (request.status) {
    case 'pending':
      return `Your request ${id} is waiting for approval.`;
    case 'approved':
      return `👍 ${decider(request)} approved your request ${id}${when}; it is being applied now.`;
    case 'executed':
      return `✅ Your request ${id} was approved by ${by} and applied.\n${outcomeText(request.outcome, '')}`.trim();
    case 'failed': {
      const next = mayRetry(request) ? 'An approver can retry it.' : 'It will not be retried.';
      return `⚠️ Your request ${id} was approved by ${by} but failed: ${outcomeText(request.outcome, 'DocSpace did not make the change.')}\n${next}`;
    }
    case 'denied': {
      const note = request.decisionNote?.trim() ? `\nNote: ${reasonText(request.decisionNote)}` : '';
      return `🚫 ${decider(request)} denied your request ${id}${when}.${note}`;
    }
    case 'expired':
      return `⌛ Your request ${id} expired before an approver decided. Ask again if it is still needed.`;
    case 'cancelled':
      return `↩️ Your request ${id} was cancelled by ${decider(request, 'a requester')}${decidedWhen(request)}.`;
  }
}

/** The DM sent to each requester when their request changes state (one message per state). */
export function buildRequesterDm(request: ChangeRequest): SlackMessage {
  const head = headline(request);
  const card = request.card ? [context(`The request card is in ${channelLink(request.card.channelId)}.`)] : [];
  return message(`${head.split('\n')[0]}\n${describeChangeInline(request)}`, [
    section(head),
    section(describeChange(request)),
    ...card,
  ]);
}
