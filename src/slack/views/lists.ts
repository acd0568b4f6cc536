import type { KnownBlock } from '@slack/types';
import type {
  AuditEntry,
  AuditOutcome,
  ChangeRequest,
  DocSpaceUserType,
  GroupSummary,
  IdentityFailure,
  Result,
  SlackUserId,
  UserMapping,
} from '../../domain/index.js';
import { ACTION_CANCEL_REQUEST, BLOCK_LIST_DECISION, COMMAND } from '../ids.js';
import { identityFailureText } from '../messages.js';
import {
  button,
  channelLink,
  clipMrkdwn,
  confirmDialog,
  context,
  esc,
  LIMITS,
  mention,
  mentionAll,
  message,
  NO_MANAGER,
  packLines,
  type SlackMessage,
  section,
  slackDate,
} from './blocks.js';
import { decisionButtons, describeChange, describeChangeInline, STATUS_LABEL } from './cards.js';

/** One page of the `requests` list, as the domain's RequestsView gives it. */
export interface RequestsListInput {
  /** Oldest first. */
  readonly requests: readonly ChangeRequest[];
  readonly approver: boolean;
  /** Pending requests on every page. */
  readonly total: number;
  /** 1-based. */
  readonly page: number;
  readonly pageSize: number;
}

export function cancelButton(request: ChangeRequest) {
  const shared = request.requesterIds.length > 1;
  const confirm = shared
    ? confirmDialog(
        'Withdraw from this request?',
        'Only you are removed: it stays pending for the others who asked for the same change.',
        'Withdraw',
        'danger',
        'Keep it',
      )
    : confirmDialog(
        'Cancel this request?',
        'Approvers will no longer see it as pending.',
        'Cancel request',
        'danger',
        'Keep it',
      );
  return button({ actionId: ACTION_CANCEL_REQUEST, label: shared ? 'Withdraw' : 'Cancel', value: request.id, confirm });
}

/**
 * A request's row: a section, plus its Approve/Deny buttons for an approver (the card's own buttons, so the same
 * confirmation and compare-and-set), or a Cancel button on the viewer's own request. `prefix` goes above the text.
 */
function requestRow(request: ChangeRequest, viewer: SlackUserId, approver: boolean, prefix = ''): KnownBlock[] {
  const card = request.card ? ` · card in ${channelLink(request.card.channelId)}` : ' · _its card is not posted yet_';
  const dry = request.dryRun ? ' · 🧪 dry run' : '';
  const head = `\`${request.id}\` · ${STATUS_LABEL[request.status]}${dry} · asked by ${mentionAll(request.requesterIds)} ${slackDate(request.createdAt, '{ago}')}${card}`;
  const block = section(`${prefix}${head}\n${clipMrkdwn(describeChange(request), 2000)}`);
  if (request.status !== 'pending') return [block];
  if (request.requesterIds.includes(viewer)) return [{ ...block, accessory: cancelButton(request) }];
  return approver ? [block, decisionButtons(request, `${BLOCK_LIST_DECISION}:${request.id}`)] : [block];
}

/**
 * `/docspace-group requests [page <n>]`: pending requests oldest first with the total, 25 a page. Approvers get
 * Approve and Deny on every request but their own, so a request whose card could not be posted can still be decided.
 * When a full page of approver rows (two blocks each) leaves no room under Slack's 50 blocks, the heading and the
 * next-page hint share the first section.
 */
export function buildRequestsList(input: RequestsListInput, viewer: SlackUserId): SlackMessage {
  const { requests, approver, total, page, pageSize } = input;
  const title = approver ? 'Pending requests' : 'Your pending requests';
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (requests.length === 0) {
    const none =
      total === 0
        ? approver
          ? 'No requests are waiting for approval.'
          : 'You have no pending requests.'
        : `Page ${page} is past the end: ${total} pending request${total === 1 ? '' : 's'} fit on ${pages} page${pages === 1 ? '' : 's'}.`;
    return message(none, [section(none)]);
  }
  const where = pages > 1 ? ` · page ${page} of ${pages}` : '';
  const heading = `*${title}: ${total}*, oldest first${where}`;
  const hint = approver
    ? 'Approve or deny each one here or on its card.'
    : 'Cancel withdraws you from a request (it stays pending for anyone else who asked for it).';
  const left = total - page * pageSize;
  const next =
    left > 0 ? ` Type \`${COMMAND} requests page ${page + 1}\` for the next ${Math.min(left, pageSize)}.` : '';
  const rows = requests.flatMap((r) => requestRow(r, viewer, approver));
  const blocks: KnownBlock[] =
    rows.length + 2 <= LIMITS.messageBlocks
      ? [section(heading), ...rows, context(`${hint}${next}`)]
      : [
          ...requestRow(requests[0] as ChangeRequest, viewer, approver, `${heading}. ${hint}${next}\n\n`),
          ...requests.slice(1).flatMap((r) => requestRow(r, viewer, approver)),
        ];
  const lines = requests.slice(0, 5).map((r) => `${r.id}: ${describeChangeInline(r)}`);
  return message(`${title} (${total}${where}): ${lines.join(' | ')}`, blocks);
}

/** The answer to a Cancel click: cancelled, or (others still want it) only the clicker withdrawn. */
export function buildCancelReply(request: ChangeRequest): SlackMessage {
  const id = `\`${request.id}\``;
  const text =
    request.status === 'cancelled'
      ? `Request ${id} is cancelled.`
      : `You withdrew from request ${id}. It stays pending for ${mentionAll(request.requesterIds)}, who asked for the same change.`;
  return message(text, [section(text)]);
}

/** The answer to an Approve click in the `requests` list, where the approver does not see the card change. */
export function buildListDecisionReply(request: ChangeRequest): SlackMessage {
  const outcome = request.outcome?.trim() ? `\n${esc(request.outcome.trim(), 1500)}` : '';
  const text = `Request \`${request.id}\`: ${STATUS_LABEL[request.status]}.${outcome}`;
  const card = request.card ? [context(`Its card in ${channelLink(request.card.channelId)} says the same.`)] : [];
  return message(text, [section(text), ...card]);
}

export interface GroupListInput {
  readonly groups: readonly GroupSummary[];
  /** How many groups DocSpace has for this filter (may exceed groups.length). */
  readonly total: number;
  readonly filter?: string | null;
}

function groupLine(group: GroupSummary): string {
  const manager = group.manager ? esc(group.manager.displayName, 80) : NO_MANAGER;
  const members = `${group.membersCount} member${group.membersCount === 1 ? '' : 's'}`;
  return `• *${esc(group.name, 128)}* — ${manager} — ${members} — \`${group.id}\``;
}

/** `/docspace-group list [filter]`: one line per group, with total, filter echo and "showing first N of total". */
export function buildGroupList(input: GroupListInput): SlackMessage {
  const filter = input.filter?.trim();
  const matching = filter ? ` matching “${esc(filter, 100)}”` : '';
  if (input.groups.length === 0) {
    const none = `No DocSpace groups${matching}.`;
    return message(none, [section(none)]);
  }
  const total = Math.max(input.total, input.groups.length);
  const head = `*${total} group${total === 1 ? '' : 's'}${matching}*`;
  const blocks: KnownBlock[] = [section(head), ...packLines(input.groups.map(groupLine), 45)];
  if (input.groups.length < total) {
    blocks.push(
      context(`Showing the first ${input.groups.length} of ${total}. Narrow it with \`${COMMAND} list &lt;text&gt;\`.`),
    );
  }
  return message(`${total} DocSpace group${total === 1 ? '' : 's'}${matching}`, blocks);
}

const OUTCOME_MARK: Readonly<Record<AuditOutcome, string>> = {
  succeeded: '✅',
  partial: '⚠️',
  failed: '❌',
  no_op: '➖',
  recorded: '📝',
};

export function entryLine(e: AuditEntry): string {
  const actor = e.actorSlackId ? mention(e.actorSlackId) : '_the bot_';
  const forWhom = e.onBehalfOf.length ? ` for ${mentionAll(e.onBehalfOf)}` : '';
  const group = e.groupName ? ` *${esc(e.groupName, 80)}*` : e.groupId ? ` \`${e.groupId}\`` : '';
  const request = e.requestId ? ` · \`${e.requestId}\`` : '';
  const detail = e.detail ? ` — ${esc(e.detail, 200)}` : '';
  const when = slackDate(e.at, '{date_short} {time}');
  const mark = e.action === 'refused' ? '🚫' : OUTCOME_MARK[e.outcome];
  return `${mark} \`#${e.id}\` ${when} ${actor}${forWhom} *${esc(e.action, 40)}*${group}${request}${detail}`;
}

/** `/docspace-group audit`: newest first, one compact line per entry. */
export function buildAuditList(entries: readonly AuditEntry[]): SlackMessage {
  if (entries.length === 0) {
    const none = 'The audit log has no entries yet.';
    return message(none, [section(none)]);
  }
  const sorted = [...entries].sort((a, b) => b.at.getTime() - a.at.getTime() || b.id - a.id);
  const head = `*Audit log*, newest first (${entries.length})`;
  return message(`Audit log: ${entries.length} entries`, [section(head), ...packLines(sorted.map(entryLine), 45)]);
}

const TYPE_LABEL: Readonly<Record<DocSpaceUserType, string>> = {
  owner: 'DocSpace owner',
  admin: 'DocSpace admin',
  room_admin: 'room admin',
  user: 'user',
  guest: 'guest',
};

function account(mapping: UserMapping): string {
  const email = mapping.docspaceEmail ? ` (${esc(mapping.docspaceEmail, 120)})` : '';
  return `*${esc(mapping.docspaceDisplayName, 120)}*${email}`;
}

function howLinked(mapping: UserMapping): string {
  if (mapping.source === 'email')
    return `matched by Slack email ${slackDate(mapping.createdAt, '{date_short_pretty}')}`;
  const by = mapping.createdBy ? ` by ${mention(mapping.createdBy)}` : ' by an admin';
  return `linked by hand${by} ${slackDate(mapping.createdAt, '{date_short_pretty}')}`;
}

export interface WhoamiRoles {
  readonly admin: boolean;
  readonly approver: boolean;
}

function rolesLine(roles: WhoamiRoles): string {
  const names = [...(roles.admin ? ['admin'] : []), ...(roles.approver ? ['approver'] : [])];
  return names.length ? `In this bot you are: ${names.join(', ')}.` : 'Your group changes go to an approver first.';
}

/** `/docspace-group whoami`: the DocSpace account the viewer acts as, how it was linked and when verified, or why none. */
export function buildWhoami(
  viewer: SlackUserId,
  result: Result<UserMapping, IdentityFailure>,
  roles?: WhoamiRoles,
): SlackMessage {
  const extra = roles ? [context(rolesLine(roles))] : [];
  if (!result.ok) {
    const why = identityFailureText(result.error);
    return message(`You are not linked to a DocSpace account: ${why}`, [
      section(`${mention(viewer)}, you are not linked to a DocSpace account.\n${why}`),
      ...extra,
    ]);
  }
  const m = result.value;
  const head = `${mention(viewer)}, you act in DocSpace as ${account(m)}, ${TYPE_LABEL[m.docspaceType]}.`;
  return message(head, [
    section(head),
    context(`Account \`${m.docspaceUserId}\` · ${howLinked(m)} · last verified ${slackDate(m.verifiedAt)}`),
    ...extra,
  ]);
}

function mappingLine(m: UserMapping): string {
  const how = m.source === 'email' ? 'by email' : `by hand${m.createdBy ? ` (${mention(m.createdBy)})` : ''}`;
  return `• ${mention(m.slackUserId)} → ${account(m)} · ${TYPE_LABEL[m.docspaceType]} · ${how} · verified ${slackDate(m.verifiedAt, '{date_short_pretty}')}`;
}

/** `/docspace-group mappings`: every linked Slack user, one line each. */
export function buildMappingsList(mappings: readonly UserMapping[]): SlackMessage {
  if (mappings.length === 0) {
    const none = 'No Slack users are linked to DocSpace accounts yet.';
    return message(none, [section(none)]);
  }
  const head = `*${mappings.length} linked user${mappings.length === 1 ? '' : 's'}*`;
  return message(`${mappings.length} linked users`, [section(head), ...packLines(mappings.map(mappingLine), 45)]);
}
