import type { DomainFailure } from './model/failures.js';
import { type DocSpaceUser, isDocSpaceAdmin } from './model/group.js';
import type { SlackUserId } from './model/ids.js';
import type { ChangeRequest } from './model/request.js';

export interface PolicyConfig {
  readonly adminSlackIds: ReadonlySet<string>;
  readonly approverSlackIds: ReadonlySet<string>;
  /** When true, a Slack user mapped to the DocSpace owner or a DocSpace admin is an admin here too. */
  readonly trustDocSpaceAdmins: boolean;
  readonly approvalChannelId: string | null;
  readonly requireReason: boolean;
}

/** admin: acts directly and approves; approver: approves others' requests; requester: mapped, may ask; none: unmapped. */
export type Role = 'admin' | 'approver' | 'requester' | 'none';

export interface Actor {
  readonly slackUserId: SlackUserId;
  /** The mapped DocSpace account, or null when the Slack user could not be mapped. */
  readonly docspace: DocSpaceUser | null;
}

export function roleOf(config: PolicyConfig, actor: Actor): Role {
  if (config.adminSlackIds.has(actor.slackUserId)) return 'admin';
  if (config.trustDocSpaceAdmins && actor.docspace && isDocSpaceAdmin(actor.docspace)) return 'admin';
  if (config.approverSlackIds.has(actor.slackUserId)) return 'approver';
  return actor.docspace ? 'requester' : 'none';
}

export function isApprover(role: Role): boolean {
  return role === 'admin' || role === 'approver';
}

export type SubmissionRoute =
  | { readonly route: 'execute' }
  | { readonly route: 'request' }
  | { readonly route: 'refuse'; readonly failure: DomainFailure };

/** What happens to a change someone asks for: admins act directly, mapped people request, others are refused. */
export function routeSubmission(config: PolicyConfig, role: Role, reason: string | null): SubmissionRoute {
  if (role === 'admin') return { route: 'execute' };
  if (role === 'none') return { route: 'refuse', failure: { code: 'not_authorized', action: 'request_changes' } };
  if (!config.approvalChannelId) return { route: 'refuse', failure: { code: 'approvals_not_configured' } };
  if (config.requireReason && !reason?.trim()) return { route: 'refuse', failure: { code: 'reason_required' } };
  return { route: 'request' };
}

/** Approve, deny and retry: approvers only, never on a request they asked for themselves. */
export function mayDecide(role: Role, actorId: SlackUserId, request: ChangeRequest): DomainFailure | null {
  if (!isApprover(role)) return { code: 'not_approver' };
  if (request.requesterIds.includes(actorId)) return { code: 'self_approval' };
  return null;
}

/** Cancel: only someone who asked for it. */
export function mayCancel(actorId: SlackUserId, request: ChangeRequest): DomainFailure | null {
  return request.requesterIds.includes(actorId) ? null : { code: 'not_requester' };
}

/** Links, mappings and the audit log are for admins. */
export function mayAdminister(role: Role): boolean {
  return role === 'admin';
}
