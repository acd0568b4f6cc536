import type { DocSpaceUserId, GroupId, SlackUserId } from './ids.js';

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
