import { groupForAudit, recordAudit } from '../audit-log.js';
import type { AuditOutcome } from '../model/audit.js';
import type { DomainFailure } from '../model/failures.js';
import { writeFailure } from '../model/failures.js';
import {
  type ChangeReport,
  type GroupChange,
  NOTHING_IGNORED,
  somethingIgnored,
  type WriteOutcome,
} from '../model/group.js';
import type { DocSpaceUserId, RequestId, SlackTeamId, SlackUserId } from '../model/ids.js';
import { err, ok, type Result } from '../model/result.js';
import type { AuditRepo, Clock, DocSpaceGateway, Logger } from '../ports.js';
import type { Plan } from './plan.js';

export interface ExecuteDeps {
  readonly docspace: DocSpaceGateway;
  readonly audit: AuditRepo;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface ExecutionContext {
  readonly teamId: SlackTeamId;
  readonly actorSlackId: SlackUserId | null;
  readonly actorDocSpaceId: DocSpaceUserId | null;
  readonly onBehalfOf: readonly SlackUserId[];
  readonly requestId: RequestId | null;
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

/** Applies a planned change, audits the outcome (success, partial or failure) and reports it. */
export async function executePlan(
  deps: ExecuteDeps,
  plan: Plan,
  ctx: ExecutionContext,
): Promise<Result<ChangeReport, DomainFailure>> {
  const groupId = plan.change.kind === 'create' ? null : plan.change.groupId;
  const groupName = plan.change.kind === 'create' ? plan.change.name : (plan.before?.name ?? null);
  const base = {
    at: deps.clock.now(),
    teamId: ctx.teamId,
    actorSlackId: ctx.actorSlackId,
    actorDocSpaceId: ctx.actorDocSpaceId,
    onBehalfOf: ctx.onBehalfOf,
    requestId: ctx.requestId,
    action: plan.change.kind,
    before: groupForAudit(plan.before),
  };
  let outcome: WriteOutcome | null;
  try {
    outcome = await write(deps.docspace, plan.change);
  } catch (error) {
    const failure = writeFailure(error, plan.change.kind);
    const detail = `${failure.kind}: ${(error as Error).message}`;
    await recordAudit(deps, { ...base, groupId, groupName, after: null, outcome: 'failed', detail });
    return err(failure);
  }
  const ignored = outcome?.ignored ?? NOTHING_IGNORED;
  const after = outcome?.group ?? null;
  const auditOutcome: AuditOutcome = somethingIgnored(ignored) ? 'partial' : 'succeeded';
  await recordAudit(deps, {
    ...base,
    groupId: after?.id ?? groupId,
    groupName: after?.name ?? groupName,
    after: { ...(groupForAudit(after) as object | null), change: plan.change },
    outcome: auditOutcome,
    detail: somethingIgnored(ignored) ? `DocSpace ignored: ${JSON.stringify(ignored)}` : null,
  });
  const names = { ...plan.names };
  for (const m of after?.members ?? []) names[m.id] = m.displayName;
  if (after?.manager) names[after.manager.id] = after.manager.displayName;
  return ok({ change: plan.change, before: plan.before, after, ignored, skipped: plan.skipped, names });
}
