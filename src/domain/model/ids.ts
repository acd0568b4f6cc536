/** Branded ids: a plain string cannot be passed where a checked id is expected. */
declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

export type SlackUserId = Brand<string, 'SlackUserId'>;
export type SlackTeamId = Brand<string, 'SlackTeamId'>;
export type DocSpaceUserId = Brand<string, 'DocSpaceUserId'>;
export type GroupId = Brand<string, 'GroupId'>;
export type RequestId = Brand<string, 'RequestId'>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The one definition of each Slack id shape; config, views and listeners check ids with these. */
export const SLACK_USER_ID_PATTERN = /^[UW][A-Z0-9]{2,20}$/;
const SLACK_TEAM_ID_PATTERN = /^[TE][A-Z0-9]{2,20}$/;
/** Public (C), private (G) and direct-message (D) channels. */
export const SLACK_CHANNEL_ID_PATTERN = /^[CGD][A-Z0-9]{2,20}$/;
const REQUEST = /^R[0-9A-Z]{6,40}$/;

export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** DocSpace serializes GUIDs lowercase; normalise so ids compare equal. */
export function toGroupId(value: string): GroupId | null {
  return isGuid(value) ? (value.toLowerCase() as GroupId) : null;
}

export function toDocSpaceUserId(value: string): DocSpaceUserId | null {
  return isGuid(value) && value !== EMPTY_GUID ? (value.toLowerCase() as DocSpaceUserId) : null;
}

export function toSlackUserId(value: string): SlackUserId | null {
  return SLACK_USER_ID_PATTERN.test(value) ? (value as SlackUserId) : null;
}

export function toSlackTeamId(value: string): SlackTeamId | null {
  return SLACK_TEAM_ID_PATTERN.test(value) ? (value as SlackTeamId) : null;
}

export function isSlackChannelId(value: string): boolean {
  return SLACK_CHANNEL_ID_PATTERN.test(value);
}

export function toRequestId(value: string): RequestId | null {
  return REQUEST.test(value) ? (value as RequestId) : null;
}

/** A user named in a command: a Slack mention or an email address (lower-cased). */
export type UserRef =
  | { readonly kind: 'slack'; readonly id: SlackUserId }
  | { readonly kind: 'email'; readonly email: string };

/** A group named in a command: its id, or a name to look up (names are not unique). */
export type GroupRef = { readonly kind: 'id'; readonly id: GroupId } | { readonly kind: 'name'; readonly name: string };

/** What an admin links a Slack user to. */
export type LinkTarget =
  | { readonly kind: 'email'; readonly email: string }
  | { readonly kind: 'id'; readonly id: DocSpaceUserId };

export function userRefKey(ref: UserRef): string {
  return ref.kind === 'slack' ? `slack:${ref.id}` : `email:${ref.email}`;
}
