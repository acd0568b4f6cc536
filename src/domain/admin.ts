import { recordAudit } from './audit-log.js';
import type { DomainDeps } from './deps.js';
import { resolveGroup } from './groups/lookup.js';
import { type Caller, identify } from './identity/actor.js';
import { lookupDocSpaceUser, unusableReason } from './identity/resolver.js';
import type { AuditEntry } from './model/audit.js';
import type { DomainFailure, IdentityFailure } from './model/failures.js';
import { toDocSpaceFailure } from './model/failures.js';
import type { GroupRef, LinkTarget, SlackUserId } from './model/ids.js';
import type { UserMapping } from './model/mapping.js';
import { newMapping } from './model/mapping.js';
import type { ChangeRequest } from './model/request.js';
import { err, ok, type Result } from './model/result.js';
import { isApprover, mayAdminister, type Role } from './policy.js';
import { isGatewayError } from './ports.js';

async function requireAdmin(deps: DomainDeps, caller: Caller, action: string) {
  const who = await identify(deps, caller);
  return mayAdminister(who.role) ? ok(who) : err<DomainFailure>({ code: 'not_authorized', action });
}

const identityErr = (code: IdentityFailure['code'], id: SlackUserId) =>
  err<DomainFailure>({ code: 'identity', failures: [{ code, who: { kind: 'slack', id } }] });

async function checkSlackUser(deps: DomainDeps, id: SlackUserId) {
  const profile = await deps.slack.getUser(id);
  if (!profile) return identityErr('slack_user_not_found', id);
  if (profile.isBot) return identityErr('slack_user_is_bot', id);
  if (profile.deleted) return identityErr('slack_user_deleted', id);
  return ok(profile);
}

/** Admin override: ties a Slack user to a DocSpace account; wins over email matching and survives re-verification. */
export async function linkUser(deps: DomainDeps, caller: Caller, target: SlackUserId, to: LinkTarget) {
  try {
    const admin = await requireAdmin(deps, caller, 'link users');
    if (!admin.ok) return admin;
    const profile = await checkSlackUser(deps, target);
    if (!profile.ok) return profile;
    const found = await lookupDocSpaceUser(() =>
      to.kind === 'email' ? deps.docspace.getUserByEmail(to.email) : deps.docspace.getUserById(to.id),
    );
    if (typeof found === 'string') return identityErr(found, target);
    const unusable = unusableReason(found);
    if (unusable) return identityErr(unusable, target);
    const mapping = newMapping({
      teamId: caller.teamId,
      slackUserId: target,
      user: found,
      source: 'manual',
      createdBy: caller.slackUserId,
      now: deps.clock.now(),
    });
    const saved = await deps.mappings.save(mapping);
    if (!saved.ok) {
      return err<DomainFailure>({
        code: 'identity',
        failures: [
          { code: 'mapping_conflict', who: { kind: 'slack', id: target }, heldBy: saved.conflict.slackUserId },
        ],
      });
    }
    await auditMapping(deps, caller, admin.value.actor.docspace?.id ?? null, 'link', { mapping });
    return ok(mapping);
  } catch (error) {
    if (isGatewayError(error)) return err<DomainFailure>(toDocSpaceFailure(error, 'look up the DocSpace user'));
    throw error;
  }
}

async function auditMapping(
  deps: DomainDeps,
  caller: Caller,
  docspaceId: string | null,
  action: string,
  after: unknown,
) {
  await recordAudit(deps, {
    at: deps.clock.now(),
    teamId: caller.teamId,
    actorSlackId: caller.slackUserId,
    actorDocSpaceId: docspaceId as UserMapping['docspaceUserId'] | null,
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

export async function unlinkUser(deps: DomainDeps, caller: Caller, target: SlackUserId) {
  const admin = await requireAdmin(deps, caller, 'unlink users');
  if (!admin.ok) return admin;
  const before = await deps.mappings.get(caller.teamId, target);
  const removed = await deps.mappings.delete(caller.teamId, target);
  if (removed)
    await auditMapping(deps, caller, admin.value.actor.docspace?.id ?? null, 'unlink', { slackUserId: target, before });
  return ok({ removed, before });
}

export async function listMappings(deps: DomainDeps, caller: Caller, user: SlackUserId | null) {
  const admin = await requireAdmin(deps, caller, 'see mappings');
  if (!admin.ok) return admin;
  if (!user) return ok(await deps.mappings.list(caller.teamId));
  const one = await deps.mappings.get(caller.teamId, user);
  return ok(one ? [one] : []);
}

/** Anyone: how the bot sees them, and why not when it cannot map them. */
export async function whoAmI(
  deps: DomainDeps,
  caller: Caller,
): Promise<{ result: Result<UserMapping, IdentityFailure>; role: Role }> {
  const who = await identify(deps, caller);
  if (who.mapping) return { result: ok(who.mapping), role: who.role };
  const failure = who.identityFailure ?? {
    code: 'docspace_user_not_found',
    who: { kind: 'slack', id: caller.slackUserId },
  };
  return { result: err(failure), role: who.role };
}

/** Approvers see every pending request; everyone else sees their own. */
export async function listRequests(
  deps: DomainDeps,
  caller: Caller,
): Promise<{ requests: ChangeRequest[]; approver: boolean }> {
  const who = await identify(deps, caller);
  const approver = isApprover(who.role);
  const filter = approver ? { limit: 25 } : { requesterId: caller.slackUserId, limit: 25 };
  return { requests: await deps.requests.listPending(caller.teamId, filter), approver };
}

/** Last audit entries for admins; for one group when asked (also for a deleted group, by its last known name). */
export async function auditTrail(
  deps: DomainDeps,
  caller: Caller,
  group: GroupRef | null,
): Promise<Result<AuditEntry[], DomainFailure>> {
  const admin = await requireAdmin(deps, caller, 'read the audit log');
  if (!admin.ok) return admin;
  if (!group) return ok(await deps.audit.list({ teamId: caller.teamId, limit: 20 }));
  if (group.kind === 'id') return ok(await deps.audit.list({ teamId: caller.teamId, groupId: group.id, limit: 20 }));
  const found = await resolveGroup(deps.docspace, group, { withMembers: false }).catch(() => null);
  if (found?.ok) return ok(await deps.audit.list({ teamId: caller.teamId, groupId: found.value.id, limit: 20 }));
  const recent = await deps.audit.list({ teamId: caller.teamId, limit: 500 });
  return ok(recent.filter((e) => e.groupName === group.name).slice(0, 20));
}
