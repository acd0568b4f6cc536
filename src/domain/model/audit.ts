import { GROUP_CHANGE_KINDS, type GroupChangeKind } from './group.js';
import type { DocSpaceUserId, GroupId, RequestId, SlackTeamId, SlackUserId } from './ids.js';

export const AUDIT_OUTCOMES = ['succeeded', 'partial', 'failed', 'no_op', 'recorded'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * Decisions and identity actions; executed changes are audited under their change kind. `refused`: a privileged action
 * someone was not allowed to take (what they tried and why is in `after` and `detail`).
 */
const AUDIT_EVENTS = [
  'request',
  'approve',
  'deny',
  'retry',
  'cancel',
  'expire',
  'recover',
  'link',
  'unlink',
  'refused',
  // A co-requester left a request that others still want.
  'withdraw',
  // Time-bound access (grants): started, ended at expiry or early, renewed.
  'grant_start',
  'grant_end',
  'grant_renew',
  // DRY_RUN: a change rehearsed, nothing written (what it would have sent is in `after.calls`).
  'dry_run',
  // An executed change reversed (its after.undoes names the entry it undoes; itself undoable once).
  'undo',
  // Manager handovers (HANDOVER_ACCEPTANCE=on): the incoming manager was asked, answered, or did not answer in time.
  'handover_ask',
  'handover_accept',
  'handover_decline',
  'handover_expire',
  // Access reviews: started, one decision on one member, submitted, cancelled, reported overdue.
  'review_start',
  'review_decision',
  'review_submit',
  'review_cancel',
  'review_overdue',
] as const;
export type AuditAction = GroupChangeKind | (typeof AUDIT_EVENTS)[number];
export const AUDIT_ACTIONS = [...GROUP_CHANGE_KINDS, ...AUDIT_EVENTS] as const satisfies readonly AuditAction[];

export interface AuditEntry {
  readonly id: number;
  readonly at: Date;
  readonly teamId: SlackTeamId | null;
  /** null for the bot itself (expiry, recovery, CLI). */
  readonly actorSlackId: SlackUserId | null;
  readonly actorDocSpaceId: DocSpaceUserId | null;
  readonly onBehalfOf: readonly SlackUserId[];
  readonly requestId: RequestId | null;
  readonly action: AuditAction;
  readonly groupId: GroupId | null;
  readonly groupName: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly outcome: AuditOutcome;
  readonly detail: string | null;
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;
