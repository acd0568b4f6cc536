import type { DryRunMark } from './dry-run.js';
import type { GroupChange } from './group.js';
import type { DocSpaceUserId, RequestId, SlackTeamId, SlackUserId } from './ids.js';

export const REQUEST_STATUSES = [
  'pending',
  'approved',
  'executed',
  'failed',
  'denied',
  'expired',
  'cancelled',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** First approval plus at most one Retry. */
export const MAX_ATTEMPTS = 2;

/** The longest reason a requester or an approver may give, in characters. */
export const REASON_MAX = 500;

/** Names captured when the request was made, so cards render without DocSpace calls. */
export interface RequestSnapshot {
  readonly groupName: string;
  /** DocSpace user id -> display name for every user the change or the before-state mentions. */
  readonly names: Readonly<Record<string, string>>;
  readonly managerBefore: DocSpaceUserId | null;
  /**
   * Whether another DocSpace group had this group's name when the request was made (names are not unique), so cards
   * and DMs show its id in full instead of shortened. Absent for creates, for requests stored before it was recorded,
   * and when it could not be checked: then it counts as shared.
   */
  readonly nameShared?: boolean;
  /** Set on a request filed by Undo: the audit entry (and request) of the change it reverses. */
  readonly undoes?: { readonly entryId: number; readonly requestId: RequestId | null };
}

export interface ChangeRequest {
  readonly id: RequestId;
  readonly teamId: SlackTeamId;
  /** Same team + fingerprint + pending = the same request (a second asker joins the first). */
  readonly fingerprint: string;
  readonly change: GroupChange;
  readonly snapshot: RequestSnapshot;
  /** First entry is the original requester; later ones asked for the identical change. */
  readonly requesterIds: readonly SlackUserId[];
  readonly requesterDocSpaceId: DocSpaceUserId | null;
  readonly reason: string | null;
  readonly status: RequestStatus;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly expiresAt: Date;
  readonly decidedBy: SlackUserId | null;
  readonly decidedAt: Date | null;
  readonly decisionNote: string | null;
  /** How many executions were started (first approval = 1, one Retry = 2); never bumped for any other reason. */
  readonly attempts: number;
  /** false once a failure no Retry can fix (the group is gone): the request then never runs again. */
  readonly retryable: boolean;
  readonly outcome: string | null;
  readonly card: { readonly channelId: string; readonly ts: string } | null;
  /** Made or decided in dry-run mode: never executed, in any mode; absent for a live request. */
  readonly dryRun?: DryRunMark;
}

/** A compare-and-set on one request: it applies only while the request is in a `from` state (and the guards hold). */
export interface RequestTransition {
  readonly from: readonly RequestStatus[];
  readonly to: RequestStatus;
  readonly at: Date;
  readonly decidedBy?: SlackUserId;
  readonly decisionNote?: string | null;
  readonly outcome?: string | null;
  /** Increment attempts, and only transition while attempts < maxAttempts and the request is still retryable. */
  readonly startAttempt?: { readonly maxAttempts: number };
  /** Sets whether a later Retry may run this request again. */
  readonly retryable?: boolean;
  /** Marks the request as made or decided in dry-run (with the calls its rehearsal would send); never unset. */
  readonly dryRun?: DryRunMark;
}

/** Whether an approver may press Retry: it failed, a retry can help, and attempts remain. */
export function mayRetry(request: Pick<ChangeRequest, 'status' | 'attempts' | 'retryable'>): boolean {
  return request.status === 'failed' && request.retryable && request.attempts < MAX_ATTEMPTS;
}

/** Requester reasons and approver notes: trimmed; blank is no reason; longer than REASON_MAX is refused. */
export function checkReason(raw: string | null | undefined): { ok: true; reason: string | null } | { ok: false } {
  const reason = raw?.trim() ?? '';
  if (reason.length > REASON_MAX) return { ok: false };
  return { ok: true, reason: reason === '' ? null : reason };
}

/** A time-bound change's part of its fingerprint (none for a permanent one, so older fingerprints stay the same). */
function timeBound(duration: number | undefined, renews?: string): unknown[] {
  if (duration === undefined) return [];
  return renews === undefined ? [{ duration }] : [{ duration, renews }];
}

/** Same change = same fingerprint: id lists are order-free. */
export function fingerprintOf(change: GroupChange): string {
  const sorted = (ids: readonly string[]) => [...ids].sort();
  switch (change.kind) {
    case 'create':
      return JSON.stringify(['create', change.name, change.managerId, sorted(change.memberIds)]);
    case 'members':
      return JSON.stringify([
        'members',
        change.groupId,
        sorted(change.add),
        sorted(change.remove),
        ...timeBound(change.duration, change.renews),
      ]);
    case 'set_manager':
      return JSON.stringify(['set_manager', change.groupId, change.managerId, ...timeBound(change.duration)]);
    case 'rename':
      return JSON.stringify(['rename', change.groupId, change.name]);
    case 'delete':
      return JSON.stringify(['delete', change.groupId]);
  }
}

/** Random, URL-safe, upper-case request ids like R7KQ2M9XA4. */
export function randomRequestId(): RequestId {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(10));
  return `R${Array.from(bytes, (b) => alphabet[b % 32]).join('')}` as RequestId;
}
