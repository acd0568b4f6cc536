import type { KnownBlock } from '@slack/types';
import type { ChangeRequest, GroupChange, RequestStatus } from '../../domain/index.js';
import { formatDuration, MAX_ATTEMPTS, mayRetry } from '../../domain/index.js';
import { ACTION_APPROVE, ACTION_DENY, ACTION_RETRY, BLOCK_DECISION } from '../ids.js';
import {
  button,
  channelLink,
  confirmDialog,
  context,
  esc,
  mention,
  mentionAll,
  message,
  NO_MANAGER,
  nameList,
  type SlackMessage,
  section,
  slackDate,
} from './blocks.js';
import { requestDryRunBlocks } from './dry-run.js';
import { undoBlock, undoesText } from './undo-parts.js';

export const STATUS_LABEL: Readonly<Record<RequestStatus, string>> = {
  pending: 'waiting for approval',
  approved: 'approved, applying',
  executed: 'done',
  failed: 'failed',
  denied: 'denied',
  expired: 'expired',
  cancelled: 'cancelled',
};

/** `<@U123>` of the decider, or a neutral word when none is recorded. */
function decider(request: Pick<ChangeRequest, 'decidedBy'>, fallback = 'an approver'): string {
  return request.decidedBy ? mention(request.decidedBy) : fallback;
}

/** ` at <date>` when the decision time is known. */
function decidedWhen(request: Pick<ChangeRequest, 'decidedAt'>): string {
  return request.decidedAt ? ` at ${slackDate(request.decidedAt)}` : '';
}

function reasonText(reason: string | null): string {
  const trimmed = reason?.trim();
  return trimmed ? esc(trimmed, 1000) : '_no reason given_';
}

function outcomeText(outcome: string | null, fallback: string): string {
  const trimmed = outcome?.trim();
  return trimmed ? esc(trimmed, 1500) : fallback;
}

type Described = Pick<ChangeRequest, 'change' | 'snapshot'> & { readonly createdAt?: Date };

function namer(request: Described): (id: string) => string {
  return (id) => request.snapshot.names[id] ?? id;
}

function describeCreate(change: Extract<GroupChange, { kind: 'create' }>, nameOf: (id: string) => string): string {
  const manager = change.managerId ? `manager ${esc(nameOf(change.managerId))}` : 'no manager';
  const members = change.memberIds.length
    ? `members ${nameList(change.memberIds.map(nameOf), 30, 1200)}`
    : 'no members';
  return `Create group *${esc(change.name)}* with ${manager} and ${members}`;
}

/** A time-bound change's duration and end, counted from when it was asked (the grant starts when it is applied). */
function timeBoundLine(request: Described): string {
  const { change } = request;
  const duration = change.kind === 'members' || change.kind === 'set_manager' ? change.duration : undefined;
  if (duration === undefined) return '';
  const more = change.kind === 'members' && change.renews !== undefined ? ' more' : '';
  const until = request.createdAt ? `, until ${slackDate(new Date(request.createdAt.getTime() + duration))}` : '';
  return `\nFor ${formatDuration(duration)}${more}${until} (counted from when it is applied)`;
}

/**
 * What a request would do, in plain words, from the snapshot taken when it was made (no DocSpace call).
 * Returns escaped mrkdwn, one line per part, e.g. "Change group *Sales*\nAdd: Carol, Dave".
 */
export function describeChange(request: Described): string {
  const { change } = request;
  const nameOf = namer(request);
  const group = `*${esc(request.snapshot.groupName)}*`;
  switch (change.kind) {
    case 'create':
      return describeCreate(change, nameOf);
    case 'set_manager': {
      const before = request.snapshot.managerBefore ? esc(nameOf(request.snapshot.managerBefore)) : NO_MANAGER;
      return `Change group ${group}\nManager: ${before} → ${esc(nameOf(change.managerId))}${timeBoundLine(request)}`;
    }
    case 'members': {
      if (change.renews !== undefined) {
        const who = nameList(change.add.map(nameOf), 30, 1200);
        return `Renew time-bound membership of ${who} in ${group}${timeBoundLine(request)}`;
      }
      const lines = [`Change group ${group}`];
      if (change.add.length) lines.push(`Add: ${nameList(change.add.map(nameOf), 30, 1200)}`);
      if (change.remove.length) lines.push(`Remove: ${nameList(change.remove.map(nameOf), 30, 1200)}`);
      return lines.join('\n') + timeBoundLine(request);
    }
    case 'rename':
      return `Rename: ${group} → *${esc(change.name)}*`;
    case 'delete':
      return `Delete group ${group}`;
  }
}

/** How many characters of a group id name it when no other group has its name. */
const SHORT_ID = 8;

/**
 * The group's DocSpace id for a context line: shortened when no other group had its name when the request was made,
 * in full when one did (two "Ops" groups) or when that is not known. Null for a create (there is no group yet).
 */
function groupIdText(request: Described): string | null {
  const { change, snapshot } = request;
  if (change.kind === 'create') return null;
  if (snapshot.nameShared === false) return `group id \`${change.groupId.slice(0, SHORT_ID)}\``;
  const shared = snapshot.nameShared === true ? ' (another group has the same name)' : '';
  return `group id \`${change.groupId}\`${shared}`;
}

/** The context line of a card or DM: the request id, the group id, then whatever else the message adds. */
function idLine(request: ChangeRequest, ...more: string[]): string {
  return [`Request \`${request.id}\``, groupIdText(request), ...more].filter(Boolean).join(' · ');
}

/** One line for notification fallbacks and lists. */
export function describeChangeInline(request: Described): string {
  return describeChange(request).replace(/\n/g, '; ');
}

export interface ApprovalCardOptions {
  readonly now: Date;
  /** An approved manager change waiting for its incoming manager to accept (HANDOVER_ACCEPTANCE=on). */
  readonly handover?: { readonly incomingSlackId: string; readonly expiresAt: Date };
}

function askers(request: ChangeRequest): string {
  const [first, ...others] = request.requesterIds;
  const main = first ? `${mention(first)} asks` : 'Someone asks';
  return others.length ? `${main} (also asked by ${mentionAll(others)})` : main;
}

/** Approve and Deny with their confirmations: on the card, and (with another block id) in the `requests` list. */
export function decisionButtons(request: ChangeRequest, blockId: string = BLOCK_DECISION): KnownBlock {
  return {
    type: 'actions',
    block_id: blockId,
    elements: [
      button({
        actionId: ACTION_APPROVE,
        label: 'Approve',
        value: request.id,
        style: 'primary',
        confirm: confirmDialog(
          'Approve this change?',
          request.dryRun
            ? 'Dry run: the bot only lists the calls it would send.'
            : 'The bot changes DocSpace right away.',
          'Approve',
        ),
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
      if (options.handover) {
        const { incomingSlackId, expiresAt } = options.handover;
        return [
          section(
            `⏳ Approved by ${by} — waits for ${mention(incomingSlackId)} to accept becoming the manager (until ${slackDate(expiresAt)}).`,
          ),
        ];
      }
      return [section(`⏳ Approved by ${by} — applying…`)];
    case 'executed':
      if (request.dryRun)
        return [
          section(`🧪 Rehearsed, approved by ${by}`),
          section(outcomeText(request.outcome, 'Nothing was changed.')),
        ];
      return [
        section(`✅ Done, approved by ${by}`),
        section(outcomeText(request.outcome, 'The change was made.')),
        ...undoBlock({ kind: 'request', requestId: request.id }, request.change, null),
      ];
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
      ...(request.snapshot.undoes ? [section(undoesText(request.snapshot.undoes))] : []),
      section(`*Why:* ${reasonText(request.reason)}`),
      context(idLine(request, `asked ${slackDate(request.createdAt)}${expiry}`)),
      ...requestDryRunBlocks(request),
      ...statusBlocks(request, options),
    ],
  );
}

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
      if (request.dryRun) {
        return `🧪 Your request ${id} was approved by ${by}; the bot runs as a dry run, so nothing was changed.\n${outcomeText(request.outcome, '')}`.trim();
      }
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
  const card = request.card ? `the request card is in ${channelLink(request.card.channelId)}` : '';
  return message(`${head.split('\n')[0]}\n${describeChangeInline(request)}`, [
    section(head),
    section(describeChange(request)),
    ...requestDryRunBlocks(request),
    context(idLine(request, card)),
  ]);
}
