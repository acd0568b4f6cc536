import type { DocSpaceUserType, IdentityFailure, Result, SlackUserId, UserMapping } from '../../domain/index.js';
import { identityFailureText } from '../messages.js';
import { context, esc, mention, message, packLines, type SlackMessage, section, slackDate } from './blocks.js';

export const TYPE_LABEL: Readonly<Record<DocSpaceUserType, string>> = {
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
