import type { KnownBlock } from '@slack/types';
import type { ChangeRequest } from '../../domain/index.js';
import { MAX_ATTEMPTS, mayRetry } from '../../domain/index.js';
import { ACTION_APPROVE, ACTION_DENY, ACTION_RETRY, BLOCK_DECISION } from '../ids.js';
import {
  button,
  confirmDialog,
  context,
  mention,
  mentionAll,
  message,
  type SlackMessage,
  section,
  slackDate,
} from './blocks.js';
import { describeChange, describeChangeInline } from './describe-change.js';
import { decidedWhen, decider, outcomeText, reasonText, STATUS_LABEL } from './request-status.js';

export interface ApprovalCardOptions {
  readonly now: Date;
}

function askers(request: ChangeRequest): string {
  const [first, ...others] = request.requesterIds;
  const main = first ? `${mention(first)} asks` : 'Someone asks';
  return others.length ? `${main} (also asked by ${mentionAll(others)})` : main;
}

function decisionButtons(request: ChangeRequest): KnownBlock {
  return {
    type: 'actions',
    block_id: BLOCK_DECISION,
    elements: [
      button({
        actionId: ACTION_APPROVE,
        label: 'Approve',
        value: request.id,
        style: 'primary',
        confirm: confirmDialog('Approve this change?', 'The bot changes DocSpace right away.', 'Approve'),
      }),
      button({
        actionId: ACTION_DENY,
        label: 'Deny',
        value: request.id,
        style: 'danger',
        confirm: confirmDialog('Deny this request?', 'The requester is told it was denied.', 'Deny', 'danger'),
      }),
    ],
  };
}

function retryBlocks(request: ChangeRequest): KnownBlock[] {
  if (!mayRetry(request)) return [context('It will not be retried; ask again if it is still needed.')];
  const confirm = confirmDialog('Retry this change?', 'The bot asks DocSpace to make it once more.', 'Retry');
  return [
    {
      type: 'actions',
      block_id: BLOCK_DECISION,
      elements: [button({ actionId: ACTION_RETRY, label: 'Retry', value: request.id, confirm })],
    },
  ];
}

function attemptText(request: ChangeRequest): string {
  return request.retryable ? `attempt ${request.attempts} of ${MAX_ATTEMPTS}` : `attempt ${request.attempts}`;
}

function statusBlocks(request: ChangeRequest, options: ApprovalCardOptions): KnownBlock[] {
  const by = `${decider(request)}${decidedWhen(request)}`;
  switch (request.status) {
    case 'pending':
      if (request.expiresAt.getTime() <= options.now.getTime()) {
        return [section('⌛ This request has expired and can no longer be approved.')];
      }
      return [decisionButtons(request)];
    case 'approved':
      return [section(`⏳ Approved by ${by} — applying…`)];
    case 'executed':
      return [section(`✅ Done, approved by ${by}`), section(outcomeText(request.outcome, 'The change was made.'))];
    case 'failed':
      return [
        section(`⚠️ Failed: ${outcomeText(request.outcome, 'DocSpace did not make the change.')}`),
        context(`Approved by ${by} · ${attemptText(request)}`),
        ...retryBlocks(request),
      ];
    case 'denied':
      return [
        section(
          `🚫 Denied by ${by}${request.decisionNote?.trim() ? `\nNote: ${reasonText(request.decisionNote)}` : ''}`,
        ),
      ];
    case 'expired':
      return [section(`⌛ Expired ${slackDate(request.decidedAt ?? request.expiresAt)} without a decision.`)];
    case 'cancelled':
      return [section(`↩️ Cancelled by ${decider(request, 'the requester')}${decidedWhen(request)}.`)];
  }
}

/**
 * The card in the approvals channel, for every status: who asks, what, why, the request id and expiry, then the
 * buttons (pending: Approve/Deny; failed: Retry while attempts remain) or who decided and when.
 */
export function buildApprovalCard(request: ChangeRequest, options: ApprovalCardOptions): SlackMessage {
  const first = request.requesterIds[0];
  const from = first ? ` from ${mention(first)}` : '';
  const expiry = request.status === 'pending' ? ` · expires ${slackDate(request.expiresAt)}` : '';
  return message(
    `Group change request ${request.id}${from}: ${describeChangeInline(request)} (${STATUS_LABEL[request.status]})`,
    [
      section(`${askers(request)} to change DocSpace groups:`),
      section(describeChange(request)),
      section(`*Why:* ${reasonText(request.reason)}`),
      context(`Request \`${request.id}\` · asked ${slackDate(request.createdAt)}${expiry}`),
      ...statusBlocks(request, options),
    ],
  );
}
