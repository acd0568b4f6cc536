import type { GatewayError, GatewayErrorCode } from '../ports.js';
import { isGatewayError } from '../ports.js';
import type { GroupChangeKind, GroupSummary } from './group.js';
import type { HandoverStatus } from './handover.js';
import type { RequestId, SlackUserId } from './ids.js';
import type { RequestStatus } from './request.js';
import { err, type Result } from './result.js';
import type { LeftAlone } from './undo.js';

/** Why a Slack user could not be tied to a usable DocSpace account. Nothing is stored when one of these is returned. */
export type IdentityFailureCode =
  | 'slack_user_not_found'
  | 'slack_user_is_bot'
  | 'slack_user_deleted'
  | 'slack_no_email'
  | 'docspace_user_not_found'
  | 'docspace_user_disabled'
  | 'docspace_user_guest'
  | 'docspace_lookup_forbidden'
  | 'mapping_conflict'
  /** An admin unlinked this Slack user: no automatic email match until an admin links them again. */
  | 'unlinked_by_admin';

export interface IdentityFailure {
  readonly code: IdentityFailureCode;
  /** The Slack user, or the email typed in the command. */
  readonly who:
    | { readonly kind: 'slack'; readonly id: SlackUserId }
    | { readonly kind: 'email'; readonly email: string };
  /** For mapping_conflict: the Slack user who already holds that DocSpace account. */
  readonly heldBy?: SlackUserId;
}

/** What the bot was doing when DocSpace failed; the message table names each step. */
export const DOCSPACE_READ_STEPS = [
  'find_group',
  'read_group',
  'look_up_people',
  'list_groups',
  'search_groups',
  'look_up_user',
  'check_caller',
] as const;
export type DocSpaceReadStep = (typeof DOCSPACE_READ_STEPS)[number];

/** The API-key scopes the bot's DocSpace key needs (docspace-api.md section 2): group reads, and every write. */
export const DOCSPACE_KEY_SCOPES = ['accounts:read', 'accounts:write'] as const;

/** Kinds of DocSpace failure after which a write's outcome is unknown: it may have been applied before the answer was lost. */
const UNCONFIRMED: ReadonlySet<GatewayErrorCode> = new Set([
  'timeout',
  'network',
  'server_error',
  'unexpected_response',
]);

/** A DocSpace failure, typed by phase: a failed read changed nothing; a failed write may have been applied. */
export type DocSpaceFailure =
  | {
      readonly code: 'docspace_failed';
      readonly kind: GatewayErrorCode;
      readonly phase: 'read';
      readonly step: DocSpaceReadStep;
      /** The key scope this call needs; a `forbidden` answer is told with it (a key without it gets 403). */
      readonly scope: 'accounts:read';
      readonly retryAfterSeconds: number | null;
    }
  | {
      readonly code: 'docspace_failed';
      readonly kind: GatewayErrorCode;
      readonly phase: 'write';
      readonly step: GroupChangeKind;
      /** true when DocSpace may have applied the write before its answer was lost (timeout, network, 5xx, bad body). */
      readonly mayHaveApplied: boolean;
      /** The key scope every write needs; a `forbidden` answer is told with it. */
      readonly scope: 'accounts:write';
      readonly retryAfterSeconds: number | null;
    };

/** What an admin-only action is, for "you are not allowed to …". */
export type AdminAction = 'link_users' | 'unlink_users' | 'see_mappings' | 'read_audit' | 'request_changes';

/**
 * Every expected failure of a use case, as a value. slack/messages.ts maps each code to one user-facing text.
 */
export type DomainFailure =
  | { readonly code: 'identity'; readonly failures: readonly IdentityFailure[] }
  | { readonly code: 'actor_not_mapped'; readonly failure: IdentityFailure }
  | { readonly code: 'group_not_found'; readonly query: string; readonly suggestions: readonly string[] }
  | { readonly code: 'group_ambiguous'; readonly query: string; readonly matches: readonly GroupSummary[] }
  | { readonly code: 'group_name_taken'; readonly name: string; readonly existing: readonly GroupSummary[] }
  | { readonly code: 'invalid_name'; readonly reason: 'blank' | 'too_long' }
  | { readonly code: 'reason_too_long'; readonly max: number }
  | { readonly code: 'no_change'; readonly explanation: string }
  | { readonly code: 'not_authorized'; readonly action: AdminAction }
  | { readonly code: 'approvals_not_configured' }
  | { readonly code: 'reason_required' }
  | { readonly code: 'request_not_found'; readonly requestId: string }
  | {
      readonly code: 'already_decided';
      readonly requestId: RequestId;
      readonly status: RequestStatus;
      readonly decidedBy: SlackUserId | null;
      readonly decidedAt: Date | null;
    }
  | { readonly code: 'request_expired'; readonly requestId: RequestId }
  | { readonly code: 'self_approval' }
  | { readonly code: 'not_approver' }
  | { readonly code: 'not_requester' }
  | { readonly code: 'retry_exhausted'; readonly requestId: RequestId }
  | { readonly code: 'not_retryable'; readonly requestId: RequestId; readonly outcome: string | null }
  | { readonly code: 'group_gone'; readonly groupId: string; readonly groupName: string }
  /** The request was made or decided in dry-run mode, which has since been switched off: it must be asked again. */
  | { readonly code: 'dry_run_request'; readonly requestId: RequestId }
  /** Another change is writing this name to DocSpace right now (a create or rename holds its reservation). */
  | { readonly code: 'group_name_busy'; readonly name: string }
  /** Filing one more would exceed MAX_PENDING_PER_REQUESTER; nothing was stored. */
  | { readonly code: 'too_many_pending'; readonly pending: number; readonly limit: number }
  /** The change names more distinct people than MAX_PEOPLE_PER_CHANGE; refused before any look-up. */
  | { readonly code: 'too_many_people'; readonly count: number; readonly limit: number }
  /** The caller's own DocSpace account is disabled: they may not act through the bot at all. */
  | { readonly code: 'account_disabled' }
  /** The caller's authority was due a re-read and DocSpace did not answer it: nothing privileged is done on old facts. */
  | {
      readonly code: 'authority_unconfirmed';
      readonly kind: GatewayErrorCode;
      readonly retryAfterSeconds: number | null;
    }
  /** A time-bound change or renewal longer than MAX_GRANT_DAYS; nothing was changed. */
  | { readonly code: 'grant_too_long'; readonly maxDays: number }
  /** A duration on a change that takes none (only adding members and setting a manager do). */
  | { readonly code: 'grant_duration_unsupported' }
  | { readonly code: 'grant_not_found'; readonly grantId: string }
  /** End now or Renew by someone who is neither the member, the group's manager nor an admin. */
  | { readonly code: 'grant_not_allowed' }
  /** The grant already ended (or is ending right now). */
  | { readonly code: 'grant_not_active'; readonly grantId: string; readonly state: string }
  /** Undo: this entry or request is no change that can be undone (see UndoUnavailableReason). */
  | { readonly code: 'undo_unavailable'; readonly reason: UndoUnavailableReason }
  /** Undo: the UNDO_WINDOW_MINUTES after the change have passed. */
  | { readonly code: 'undo_window_passed'; readonly closedAt: Date }
  /** Undo: this change was already undone, or its undo waits for approval (one undo per change). */
  | {
      readonly code: 'undo_taken';
      readonly by: SlackUserId;
      readonly at: Date;
      readonly requestId: RequestId | null;
    }
  /** Undo: the group is no longer as the change left it in any part, so nothing was reversed. */
  | {
      readonly code: 'undo_nothing_left';
      readonly groupName: string;
      readonly leftAlone: readonly LeftAlone[];
      readonly names: Readonly<Record<string, string>>;
    }
  /** Handovers (HANDOVER_ACCEPTANCE=on): the button names no handover this team has. */
  | { readonly code: 'handover_not_found' }
  /** Accept or Decline clicked by someone other than the incoming manager. */
  | { readonly code: 'handover_not_incoming'; readonly incomingSlackId: SlackUserId }
  /** The handover was already answered (or expired): the first answer stands. */
  | { readonly code: 'handover_decided'; readonly status: HandoverStatus; readonly decidedAt: Date | null }
  /** Another handover of this group is still waiting for its incoming manager. */
  | { readonly code: 'handover_waiting'; readonly groupName: string; readonly incomingSlackId: SlackUserId }
  /** The incoming manager has no linked Slack account, so nobody could be asked to accept. */
  | { readonly code: 'handover_unreachable'; readonly displayName: string }
  /** Slack did not take the DM asking the incoming manager; the handover was dropped and nothing changed. */
  | { readonly code: 'handover_not_delivered'; readonly incomingSlackId: SlackUserId }
  /** `manager … now` by someone who is not an admin. */
  | { readonly code: 'manager_now_not_admin' }
  /** `manager … now` for a group that has a manager: that handover needs the incoming manager's acceptance. */
  | { readonly code: 'manager_now_has_manager'; readonly groupName: string; readonly managerName: string }
  | DocSpaceFailure;

/**
 * `not_found`: no such entry (or request execution) in this team; `not_a_change`: the entry records no executed
 * change; `not_applied`: the change failed or did nothing; `delete`: a delete cannot be undone.
 */
export type UndoUnavailableReason = 'not_found' | 'not_a_change' | 'not_applied' | 'delete';

export type DomainFailureCode = DomainFailure['code'];

function retryAfterOf(error: unknown): number | null {
  const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof retryAfter === 'number' ? retryAfter : null;
}

/** A DocSpace adapter error during a read (nothing was changed); anything else is a bug and is rethrown. */
export function readFailure(error: unknown, step: DocSpaceReadStep): DocSpaceFailure {
  if (!isGatewayError(error)) throw error;
  return {
    code: 'docspace_failed',
    kind: error.code,
    phase: 'read',
    step,
    scope: 'accounts:read',
    retryAfterSeconds: retryAfterOf(error),
  };
}

/** A DocSpace adapter error during the one write of a change; anything else is a bug and is rethrown. */
export function writeFailure(error: unknown, step: GroupChangeKind): DocSpaceFailure {
  if (!isGatewayError(error)) throw error;
  return {
    code: 'docspace_failed',
    kind: error.code,
    phase: 'write',
    step,
    mayHaveApplied: UNCONFIRMED.has(error.code),
    scope: 'accounts:write',
    retryAfterSeconds: retryAfterOf(error),
  };
}

/**
 * A refusal decided deep inside a shared step (who the caller is) that ends the use case wherever it runs; the
 * catchReadFailure around every use case returns its failure as a value, so no call site has to pass it up by hand.
 */
export class RefusedError extends Error {
  readonly failure: DomainFailure;
  constructor(failure: DomainFailure) {
    super(`refused: ${failure.code}`);
    this.name = 'RefusedError';
    this.failure = failure;
  }
}

/** The caller's authority could not be re-read because DocSpace failed (see identify). */
export function authorityUnconfirmed(error: GatewayError): DomainFailure {
  return { code: 'authority_unconfirmed', kind: error.code, retryAfterSeconds: retryAfterOf(error) };
}

/**
 * Runs a use case and turns a DocSpace error that escapes it into a value. Writes report their own failures (with
 * `phase: 'write'`), so whatever escapes failed while reading, before anything was changed.
 */
export async function catchReadFailure<T>(
  step: DocSpaceReadStep,
  run: () => Promise<Result<T, DomainFailure>>,
): Promise<Result<T, DomainFailure>> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RefusedError) return err(error.failure);
    if (isGatewayError(error)) return err(readFailure(error, step));
    throw error;
  }
}
