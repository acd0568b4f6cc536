import type { DocSpaceUserId, GroupId, RequestId, SlackTeamId, SlackUserId } from './ids.js';

export type AuditOutcome = 'succeeded' | 'partial' | 'failed' | 'no_op' | 'recorded';

export interface AuditEntry {
  readonly id: number;
  readonly at: Date;
  readonly teamId: SlackTeamId | null;
  /** null for the bot itself (expiry, recovery, CLI). */
  readonly actorSlackId: SlackUserId | null;
  readonly actorDocSpaceId: DocSpaceUserId | null;
  readonly onBehalfOf: readonly SlackUserId[];
  readonly requestId: RequestId | null;
  /** e.g. create, set_manager, members, rename, delete, request, approve, deny, cancel, expire, retry, link, unlink */
  readonly action: string;
  readonly groupId: GroupId | null;
  readonly groupName: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly outcome: AuditOutcome;
  readonly detail: string | null;
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;
