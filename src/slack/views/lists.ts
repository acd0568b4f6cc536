import type { KnownBlock, SectionBlock } from '@slack/types';
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
import { ACTION_CANCEL_REQUEST, COMMAND } from '../ids.js';
import { identityFailureText } from '../messages.js';
import {
  button,
  channelLink,
  clipMrkdwn,
  confirmDialog,
  context,
  esc,
  mention,
  mentionAll,
  message,
  NO_MANAGER,
  packLines,
  type SlackMessage,
  section,
  slackDate,
} from './blocks.js';
import { describeChange, describeChangeInline, STATUS_LABEL } from './cards.js';

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

function entryLine(e: AuditEntry): string {
  const actor = e.actorSlackId ? mention(e.actorSlackId) : '_the bot_';
  const forWhom = e.onBehalfOf.length ? ` for ${mentionAll(e.onBehalfOf)}` : '';
  const group = e.groupName ? ` *${esc(e.groupName, 80)}*` : e.groupId ? ` \`${e.groupId}\`` : '';
  const request = e.requestId ? ` · \`${e.requestId}\`` : '';
  const detail = e.detail ? ` — ${esc(e.detail, 200)}` : '';
  const when = slackDate(e.at, '{date_short} {time}');
  return `${OUTCOME_MARK[e.outcome]} \`#${e.id}\` ${when} ${actor}${forWhom} *${esc(e.action, 40)}*${group}${request}${detail}`;
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
