import type { GatewayErrorCode } from '../ports.js';
import { isGatewayError } from '../ports.js';
import type { GroupSummary } from './group.js';
import type { RequestId, SlackUserId } from './ids.js';
import type { RequestStatus } from './request.js';

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
  | 'mapping_conflict';

export interface IdentityFailure {
  readonly code: IdentityFailureCode;
  /** The Slack user, or the email typed in the command. */
  readonly who:
    | { readonly kind: 'slack'; readonly id: SlackUserId }
    | { readonly kind: 'email'; readonly email: string };
  /** For mapping_conflict: the Slack user who already holds that DocSpace account. */
  readonly heldBy?: SlackUserId;
}

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
  | { readonly code: 'no_change'; readonly explanation: string }
  | { readonly code: 'not_authorized'; readonly action: string }
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
  | { readonly code: 'group_gone'; readonly groupId: string; readonly groupName: string }
  | {
      readonly code: 'docspace_failed';
      readonly kind: GatewayErrorCode;
      readonly operation: string;
      readonly retryAfterSeconds: number | null;
    };

export type DomainFailureCode = DomainFailure['code'];

/**
 * Turns a DocSpace adapter error into the domain failure shown to users; anything else is a bug and is rethrown.
 */
export function toDocSpaceFailure(error: unknown, operation: string): DomainFailure {
  if (!isGatewayError(error)) throw error;
  const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return {
    code: 'docspace_failed',
    kind: error.code,
    operation,
    retryAfterSeconds: typeof retryAfter === 'number' ? retryAfter : null,
  };
}
