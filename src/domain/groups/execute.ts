import { groupForAudit, recordAudit } from '../audit-log.js';
import { finishRehearsal } from '../dry-run/rehearse.js';
import type { AuditOutcome } from '../model/audit.js';
import type { DomainFailure } from '../model/failures.js';
import { writeFailure } from '../model/failures.js';
import {
  type ChangeReport,
  type Group,
  type GroupChange,
  type IgnoredByDocSpace,
  NOTHING_IGNORED,
  somethingIgnored,
  type WriteOutcome,
} from '../model/group.js';
import type { DocSpaceUserId, RequestId, SlackTeamId, SlackUserId } from '../model/ids.js';
import { err, ok, type Result } from '../model/result.js';
import type { AuditRepo, Clock, DocSpaceGateway, Logger, NameReservationRepo, WriteRehearsal } from '../ports.js';
import { type NameClaim, releaseGroupNames, settleName } from './names.js';
import type { Plan } from './plan.js';

export interface ExecuteDeps {
  readonly docspace: DocSpaceGateway;
  readonly audit: AuditRepo;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly names: NameReservationRepo;
  /** DRY_RUN: writes go through a rehearsal instead, and nothing is sent. */
  readonly rehearsal?: WriteRehearsal;
}

export interface ExecutionContext {
  readonly teamId: SlackTeamId;
  readonly actorSlackId: SlackUserId | null;
  readonly actorDocSpaceId: DocSpaceUserId | null;
  readonly onBehalfOf: readonly SlackUserId[];
  readonly requestId: RequestId | null;
  /** The audit entry this execution reverses: it is then audited as `undo`, linked to that entry. */
  readonly undoes?: number;
}

/** One DocSpace write per change: the fewest calls the API allows. */
async function write(docspace: DocSpaceGateway, change: GroupChange): Promise<WriteOutcome | null> {
  switch (change.kind) {
    case 'create':
      return docspace.createGroup({
        name: change.name,
        ...(change.managerId ? { managerId: change.managerId } : {}),
        memberIds: change.memberIds,
      });
    case 'set_manager':
      return docspace.setManager(change.groupId, change.managerId);
    case 'members':
      if (change.remove.length === 0) return docspace.addMembers(change.groupId, change.add);
      if (change.add.length === 0) return docspace.removeMembers(change.groupId, change.remove);
      return docspace.updateGroup(change.groupId, { add: change.add, remove: change.remove });
    case 'rename':
      return docspace.updateGroup(change.groupId, { name: change.name });
    case 'delete':
      await docspace.deleteGroup(change.groupId);
      return null;
  }
}

/** What DocSpace left out of a create that an earlier attempt made: the manager or members it did not take. */
function ignoredByCreate(change: GroupChange, group: Group): IgnoredByDocSpace {
  if (change.kind !== 'create') return NOTHING_IGNORED;
  const members = new Set(group.members.map((m) => m.id));
  const managerNotSet = change.managerId && group.manager?.id !== change.managerId ? change.managerId : null;
  return { ...NOTHING_IGNORED, managerNotSet, notAdded: change.memberIds.filter((id) => !members.has(id)) };
}

/** The group an earlier, unanswered attempt created: reported and audited as this execution's result, nothing written. */
async function reportRecognised(
  deps: ExecuteDeps,
  plan: Plan,
  ctx: ExecutionContext,
  claimed: NameClaim,
  group: Group,
): Promise<ChangeReport> {
  const ignored = ignoredByCreate(plan.change, group);
  await recordAudit(deps, {
    ...auditBase(deps, plan, ctx, null),
    groupId: group.id,
    groupName: group.name,
    after: { ...(groupForAudit(group) as object | null), change: plan.change },
    outcome: somethingIgnored(ignored) ? 'partial' : 'succeeded',
    detail: 'recognised the group an earlier attempt created (DocSpace answer to it was lost); nothing written now',
  });
  await settleName(deps, claimed, { kind: 'applied', groupId: group.id });
  const names = { ...plan.names, ...Object.fromEntries(group.members.map((m) => [m.id, m.displayName])) };
  return { change: plan.change, before: null, after: group, ignored, skipped: plan.skipped, names, recognised: true };
}

/** Who acted, when, on whose behalf and what: the part of the audit entry every outcome of one execution shares. */
function auditBase(deps: ExecuteDeps, plan: Plan, ctx: ExecutionContext, before: Plan['before']) {
  return {
    at: deps.clock.now(),
    teamId: ctx.teamId,
    actorSlackId: ctx.actorSlackId,
    actorDocSpaceId: ctx.actorDocSpaceId,
    onBehalfOf: ctx.onBehalfOf,
    requestId: ctx.requestId,
    action: ctx.undoes === undefined ? plan.change.kind : ('undo' as const),
    before: groupForAudit(before),
  };
}

/**
 * What the audit entry keeps besides the group state: the change as executed, the names of the people it names (so an
 * Undo can say who it left alone without a look-up) and, for an undo, the entry it reverses.
 */
function changeForAudit(plan: Plan, ctx: ExecutionContext) {
  const change = plan.change;
  const ids = [
    ...(change.kind === 'create' ? [...change.memberIds, change.managerId] : []),
    ...(change.kind === 'members' ? [...change.add, ...change.remove] : []),
    ...(change.kind === 'set_manager' ? [change.managerId] : []),
    plan.before?.manager?.id,
  ];
  const names: Record<string, string> = {};
  for (const id of ids) if (id && plan.names[id] !== undefined) names[id] = plan.names[id];
  return { change, names, ...(ctx.undoes === undefined ? {} : { undoes: ctx.undoes }) };
}

/**
 * Applies a planned change, audits the outcome (success, partial or failure) and reports it. A create or rename runs
 * under the name claim taken for it (claimName), and records on it what the write did.
 */
export async function executePlan(
  deps: ExecuteDeps,
  plan: Plan,
  ctx: ExecutionContext,
  claimed: NameClaim | null = null,
): Promise<Result<ChangeReport, DomainFailure>> {
  if (claimed?.recognised) return ok(await reportRecognised(deps, plan, ctx, claimed, claimed.recognised));
  const groupId = plan.change.kind === 'create' ? null : plan.change.groupId;
  const groupName = plan.change.kind === 'create' ? plan.change.name : (plan.before?.name ?? null);
  const session = deps.rehearsal?.open() ?? null;
  const base = { ...auditBase(deps, plan, ctx, plan.before), ...(session ? { action: 'dry_run' as const } : {}) };
  let outcome: WriteOutcome | null;
  try {
    outcome = await write(session?.gateway ?? deps.docspace, plan.change);
  } catch (error) {
    const failure = writeFailure(error, plan.change.kind);
    await settleName(deps, claimed, {
      kind: !session && failure.phase === 'write' && failure.mayHaveApplied ? 'unknown' : 'refused',
    });
    const detail = `${failure.kind}: ${(error as Error).message}`;
    const after = ctx.undoes === undefined ? null : { undoes: ctx.undoes };
    await recordAudit(deps, { ...base, groupId, groupName, after, outcome: 'failed', detail });
    return err(failure);
  }
  if (session) return ok(await finishRehearsal(deps, plan, base, claimed, { outcome, calls: session.calls() }));
  const ignored = outcome?.ignored ?? NOTHING_IGNORED;
  const after = outcome?.group ?? null;
  if (after) await settleName(deps, claimed, { kind: 'applied', groupId: after.id });
  if (plan.change.kind === 'delete') await releaseGroupNames(deps, ctx.teamId, plan.change.groupId);
  const auditOutcome: AuditOutcome = somethingIgnored(ignored) ? 'partial' : 'succeeded';
  const entry = await recordAudit(deps, {
    ...base,
    groupId: after?.id ?? groupId,
    groupName: after?.name ?? groupName,
    after: { ...(groupForAudit(after) as object | null), ...changeForAudit(plan, ctx) },
    outcome: auditOutcome,
    detail: somethingIgnored(ignored) ? `DocSpace ignored: ${JSON.stringify(ignored)}` : null,
  });
  const names = { ...plan.names };
  for (const m of after?.members ?? []) names[m.id] = m.displayName;
  if (after?.manager) names[after.manager.id] = after.manager.displayName;
  return ok({
    change: plan.change,
    before: plan.before,
    after,
    ignored,
    skipped: plan.skipped,
    names,
    auditId: entry.id,
  });
}
