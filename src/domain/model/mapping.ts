import type { DocSpaceUser, DocSpaceUserStatus, DocSpaceUserType } from './group.js';
import type { DocSpaceUserId, SlackTeamId, SlackUserId } from './ids.js';

export const MAPPING_SOURCES = ['email', 'manual'] as const;
type MappingSource = (typeof MAPPING_SOURCES)[number];

export interface UserMapping {
  readonly teamId: SlackTeamId;
  readonly slackUserId: SlackUserId;
  readonly docspaceUserId: DocSpaceUserId;
  readonly source: MappingSource;
  /** Slack user who linked it by hand; null for automatic email matches and the CLI import. */
  readonly createdBy: SlackUserId | null;
  readonly createdAt: Date;
  readonly verifiedAt: Date;
  readonly docspaceEmail: string | null;
  readonly docspaceDisplayName: string;
  /** DocSpace account type seen at the last read (policy trusts DocSpace admins; guests are refused). */
  readonly docspaceType: DocSpaceUserType;
  /** DocSpace account status seen at the last read (a disabled account is refused). */
  readonly docspaceStatus: DocSpaceUserStatus;
  /**
   * When type and status were last read from DocSpace; null when never (rows stored before migration 004). What the
   * account may do is trusted for AUTHORITY_TTL_SECONDS after this, far less than the mapping itself.
   */
  readonly authorityReadAt: Date | null;
}

export type SaveMappingResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly conflict: UserMapping }
  /** An automatic (email) match for a Slack user an admin unlinked: refused until an admin links them again. */
  | { readonly ok: false; readonly blocked: true };

/** What one read of a DocSpace account says the account may do, and when it was read. */
export interface AuthorityFacts {
  readonly at: Date;
  readonly type: DocSpaceUserType;
  readonly status: DocSpaceUserStatus;
}

/** A fresh mapping of a Slack user to a DocSpace account, verified now. */
export function newMapping(input: {
  teamId: SlackTeamId;
  slackUserId: SlackUserId;
  user: DocSpaceUser;
  source: UserMapping['source'];
  createdBy: SlackUserId | null;
  now: Date;
}): UserMapping {
  const { user, now } = input;
  return {
    teamId: input.teamId,
    slackUserId: input.slackUserId,
    docspaceUserId: user.id,
    source: input.source,
    createdBy: input.createdBy,
    createdAt: now,
    verifiedAt: now,
    docspaceEmail: user.email,
    docspaceDisplayName: user.displayName,
    docspaceType: user.type,
    docspaceStatus: user.status,
    authorityReadAt: now,
  };
}
