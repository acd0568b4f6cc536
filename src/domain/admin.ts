import { recordAudit } from './audit-log.js';
import type { DomainDeps } from './deps.js';
import { resolveGroup } from './groups/lookup.js';
import { type Caller, identify } from './identity/actor.js';
import { checkSlackProfile, findUsableDocSpaceUser } from './identity/resolver.js';
import type { AuditEntry } from './model/audit.js';
import { type AdminAction, catchReadFailure, type DomainFailure, type IdentityFailure } from './model/failures.js';
import type { GroupRef, LinkTarget, SlackUserId } from './model/ids.js';
import { newMapping, type UserMapping } from './model/mapping.js';
import type { ChangeRequest } from './model/request.js';
import { err, ok, type Result } from './model/result.js';
import { isApprover, mayAdminister, type Role } from './policy.js';

const AUDIT_PAGE = 20;

async function requireAdmin(deps: DomainDeps, caller: Caller, action: AdminAction) {
  const who = await identify(deps, caller);
  return mayAdminister(who.role) ? ok(who) : err<DomainFailure>({ code: 'not_authorized', action });
}

async function auditMapping(
  deps: DomainDeps,
  caller: Caller,
  docspaceId: UserMapping['docspaceUserId'] | null,
  action: 'link' | 'unlink',
  after: unknown,
) {
  await recordAudit(deps, {
    at: deps.clock.now(),
    teamId: caller.teamId,
    actorSlackId: caller.slackUserId,
    actorDocSpaceId: docspaceId,
    onBehalfOf: [],
    requestId: null,
    action,
    groupId: null,
    groupName: null,
    before: null,
    after,
    outcome: 'succeeded',
    detail: null,
  });
}

/** Admin override: ties a Slack user to a DocSpace account; wins over email matching and survives re-verification. */
export async function linkUser(
  deps: DomainDeps,
  caller: Caller,
  target: SlackUserId,
  to: LinkTarget,
): Promise<Result<UserMapping, DomainFailure>> {
  return catchReadFailure('look_up_user', () => link(deps, caller, target, to));
}

async function link(
  deps: DomainDeps,
  caller: Caller,
  target: SlackUserId,
  to: LinkTarget,
): Promise<Result<UserMapping, DomainFailure>> {
  const admin = await requireAdmin(deps, caller, 'link_users');
  if (!admin.ok) return admin;
  const refused = checkSlackProfile(await deps.slack.getUser(target), target);
  if (refused) return err({ code: 'identity', failures: [refused] });
  const found = await findUsableDocSpaceUser(
    () => (to.kind === 'email' ? deps.docspace.getUserByEmail(to.email) : deps.docspace.getUserById(to.id)),
    { kind: 'slack', id: target },
  );
  if (!found.ok) return err({ code: 'identity', failures: [found.error] });
  const mapping = newMapping({
    teamId: caller.teamId,
    slackUserId: target,
    user: found.value,
    source: 'manual',
    createdBy: caller.slackUserId,
    now: deps.clock.now(),
  });
  const saved = await deps.mappings.save(mapping);
  // A manual link is never blocked (it lifts an unlink block), so only a conflict can refuse it.
  if (!saved.ok && 'conflict' in saved) {
    const conflict: IdentityFailure = {
      code: 'mapping_conflict',
      who: { kind: 'slack', id: target },
      heldBy: saved.conflict.slackUserId,
    };
    return err({ code: 'identity', failures: [conflict] });
  }
  await auditMapping(deps, caller, admin.value.actor.docspace?.id ?? null, 'link', { mapping });
  return ok(mapping);
}

export async function unlinkUser(
  deps: DomainDeps,
  caller: Caller,
  target: SlackUserId,
): Promise<Result<{ removed: boolean; before: UserMapping | null }, DomainFailure>> {
  const admin = await requireAdmin(deps, caller, 'unlink_users');
  if (!admin.ok) return admin;
  // Also when there was no mapping: the block itself is the change (no automatic email match until a manual link).
  const before = await deps.mappings.unlink(caller.teamId, target, {
    slackUserId: caller.slackUserId,
    at: deps.clock.now(),
  });
  const after = { slackUserId: target, before, emailMatching: 'blocked' };
  await auditMapping(deps, caller, admin.value.actor.docspace?.id ?? null, 'unlink', after);
  return ok({ removed: before !== null, before });
}

export async function listMappings(
  deps: DomainDeps,
  caller: Caller,
  user: SlackUserId | null,
): Promise<Result<UserMapping[], DomainFailure>> {
  const admin = await requireAdmin(deps, caller, 'see_mappings');
  if (!admin.ok) return admin;
  if (!user) return ok(await deps.mappings.list(caller.teamId));
  const one = await deps.mappings.get(caller.teamId, user);
  return ok(one ? [one] : []);
}

/** How the bot sees someone: their role, and their mapping or why there is none. */
export interface WhoAmI {
  readonly role: Role;
  readonly identity: Result<UserMapping, IdentityFailure>;
}

/** Anyone may ask. */
export async function whoAmI(deps: DomainDeps, caller: Caller): Promise<Result<WhoAmI, DomainFailure>> {
  const who = await identify(deps, caller);
  if (who.mapping) return ok({ role: who.role, identity: ok(who.mapping) });
  const failure: IdentityFailure = who.identityFailure ?? {
    code: 'docspace_user_not_found',
    who: { kind: 'slack', id: caller.slackUserId },
  };
  return ok({ role: who.role, identity: err(failure) });
}

/** How many pending requests one `requests` page shows. */
const REQUESTS_PAGE = 25;
/** The highest page number `requests page <n>` accepts. */
export const REQUESTS_MAX_PAGE = 1000;

/** One page of pending requests as one person may see them: all of them for approvers, their own for everyone else. */
export interface RequestsView {
  /** Oldest first: approvers work through the queue in the order it was filed. */
  readonly requests: readonly ChangeRequest[];
  readonly approver: boolean;
  /** Every pending request this person may see, on all pages. */
  readonly total: number;
  /** 1-based. */
  readonly page: number;
  readonly pageSize: number;
}

export async function listRequests(
  deps: DomainDeps,
  caller: Caller,
  page = 1,
): Promise<Result<RequestsView, DomainFailure>> {
  const who = await identify(deps, caller);
  const approver = isApprover(who.role);
  const scope = approver ? {} : { requesterId: caller.slackUserId };
  const shown = Math.min(REQUESTS_MAX_PAGE, Math.max(1, Math.floor(page) || 1));
  const [requests, total] = await Promise.all([
    deps.requests.listPending(caller.teamId, { ...scope, limit: REQUESTS_PAGE, offset: (shown - 1) * REQUESTS_PAGE }),
    deps.requests.countPending(caller.teamId, scope),
  ]);
  return ok({ requests, approver, total, page: shown, pageSize: REQUESTS_PAGE });
}

/** Last audit entries for admins; for one group when asked (also for a deleted group, by its last known name). */
export async function auditTrail(
  deps: DomainDeps,
  caller: Caller,
  group: GroupRef | null,
): Promise<Result<AuditEntry[], DomainFailure>> {
  const admin = await requireAdmin(deps, caller, 'read_audit');
  if (!admin.ok) return admin;
  const teamId = caller.teamId;
  if (!group) return ok(await deps.audit.list({ teamId, limit: AUDIT_PAGE }));
  if (group.kind === 'id') return ok(await deps.audit.list({ teamId, groupId: group.id, limit: AUDIT_PAGE }));
  const found = await resolveGroup(deps.docspace, group, { withMembers: false });
  if (found.ok) return ok(await deps.audit.list({ teamId, groupId: found.value.id, limit: AUDIT_PAGE }));
  // A deleted (or unreachable) group is still found in the log by the name it last had.
  const recent = await deps.audit.list({ teamId, limit: 500 });
  return ok(recent.filter((e) => e.groupName === group.name).slice(0, AUDIT_PAGE));
}
