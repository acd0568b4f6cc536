import { recordRequestAudit } from '../audit-log.js';
import { type DomainDeps, isDryRun } from '../deps.js';
import { DRY_RUN_NOTE } from '../dry-run/rehearse.js';
import { executeRenewalRequest } from '../grants/manage.js';
import { recordGrants } from '../grants/record.js';
import { executePlan } from '../groups/execute.js';
import { claimName, nameOwner } from '../groups/names.js';
import type { Names } from '../groups/plan.js';
import { planChange } from '../groups/plan.js';
import type { DryRunMark } from '../model/dry-run.js';
import type { DomainFailure } from '../model/failures.js';
import { readFailure } from '../model/failures.js';
import type { ChangeReport, Group, GroupSummary } from '../model/group.js';
import type { DocSpaceUserId, SlackUserId } from '../model/ids.js';
import type { ChangeRequest } from '../model/request.js';
import { err, ok, type Result } from '../model/result.js';
import { isGatewayError } from '../ports.js';
import { replanUndo } from '../undo/undo.js';
import { announce, safely } from './notify.js';

export interface Execution {
  readonly request: ChangeRequest;
  readonly report: ChangeReport | null;
}

/** Re-reads the group (it must still exist) so the change is applied to the world as it is now, not as it was when asked. */
async function readCurrent(
  deps: DomainDeps,
  request: ChangeRequest,
): Promise<Result<Group | GroupSummary | null, DomainFailure>> {
  const change = request.change;
  // A create has no group yet; whether its name is still free is checked under the name claim.
  if (change.kind === 'create') return ok(null);
  try {
    // An undo re-checks every member against what the undone change left (see replanUndo).
    const includeMembers = change.kind === 'members' || request.snapshot.undoes !== undefined;
    return ok(await deps.docspace.getGroup(change.groupId, { includeMembers }));
  } catch (error) {
    if (isGatewayError(error) && error.code === 'not_found') {
      return err({ code: 'group_gone', groupId: change.groupId, groupName: request.snapshot.groupName });
    }
    return err(readFailure(error, 'read_group'));
  }
}

/**
 * The "approved, applying…" card is shown only when execution is slow: a fast one goes straight to the final card,
 * saving a chat.update (Slack rate-limits it). It never lands after the final update.
 */
function scheduleInterimCard(deps: DomainDeps, request: ChangeRequest) {
  let running: Promise<unknown> | null = null;
  const show = () => {
    running = safely(deps, 'update the approval card', request, () => deps.notifier.updateCard(request));
  };
  const timer = setTimeout(show, deps.interimCardDelayMs);
  return {
    async settle() {
      clearTimeout(timer);
      if (running) await running;
    },
  };
}

type Interim = ReturnType<typeof scheduleInterimCard>;

async function finish(
  deps: DomainDeps,
  request: ChangeRequest,
  interim: Interim,
  to: 'executed' | 'failed',
  outcome: string,
  options: { retryable: boolean; dryRun?: DryRunMark } = { retryable: true },
) {
  const at = deps.clock.now();
  const done = await deps.requests.transition(request.id, {
    from: ['approved'],
    to,
    at,
    outcome,
    ...(options.retryable ? {} : { retryable: false }),
    ...(options.dryRun ? { dryRun: options.dryRun } : {}),
  });
  const final = done ?? (await deps.requests.get(request.id)) ?? request;
  await interim.settle();
  await announce(deps, final);
  return final;
}

/** An execution that wrote nothing (the world moved, or the re-read failed) is audited too. */
async function auditUnapplied(
  deps: DomainDeps,
  request: ChangeRequest,
  actor: ExecutionActor,
  outcome: 'failed' | 'no_op',
  detail: string,
) {
  await recordRequestAudit(deps, request, {
    actorSlackId: actor.slackUserId,
    actorDocSpaceId: actor.docspaceId,
    action: request.dryRun ? 'dry_run' : request.change.kind,
    after: { change: request.change },
    outcome,
    detail,
  });
}

/** An undo request's plan, computed again from the entry it undoes against the group read now. */
async function replanUndoPlan(deps: DomainDeps, request: ChangeRequest, current: Group | GroupSummary | null) {
  const replanned = await replanUndo(deps, request, current && 'members' in current ? current : null);
  return replanned.ok ? ok(replanned.value.plan) : replanned;
}

export interface ExecutionActor {
  readonly slackUserId: SlackUserId;
  readonly docspaceId: DocSpaceUserId | null;
}

/**
 * Executes a request that this process has just moved to `approved` (the compare-and-set made it the only executor).
 * Records the outcome on the request and in the audit log, then updates the card and tells the requesters.
 */
export async function executeApproved(
  deps: DomainDeps,
  request: ChangeRequest,
  actor: ExecutionActor,
): Promise<Result<Execution, DomainFailure>> {
  const interim = scheduleInterimCard(deps, request);
  if (request.change.kind === 'members' && request.change.renews !== undefined) {
    const renewal = await executeRenewalRequest(deps, request, {
      slackUserId: actor.slackUserId,
      docspaceId: actor.docspaceId,
    });
    const final = await finish(deps, request, interim, renewal.to, renewal.outcome, { retryable: false });
    return ok({ request: final, report: null });
  }
  if (request.dryRun && !isDryRun(deps)) {
    // Approve and Retry refuse such a request before it gets here; this is the backstop: it never runs live.
    await auditUnapplied(deps, request, actor, 'failed', DRY_RUN_NOTE);
    await finish(deps, request, interim, 'failed', DRY_RUN_NOTE, { retryable: false });
    return err({ code: 'dry_run_request', requestId: request.id });
  }
  const current = await readCurrent(deps, request);
  if (!current.ok) {
    await auditUnapplied(deps, request, actor, 'failed', describeFailurePlain(current.error));
    const gone = current.error.code === 'group_gone';
    const outcome = describeFailurePlain(current.error);
    const final = await finish(deps, request, interim, 'failed', outcome, { retryable: !gone });
    return gone ? ok({ request: final, report: null }) : err(current.error);
  }
  const plan = request.snapshot.undoes
    ? await replanUndoPlan(deps, request, current.value)
    : planChange(request.change, current.value, request.snapshot.names);
  if (!plan.ok) {
    await auditUnapplied(deps, request, actor, 'no_op', describeFailurePlain(plan.error));
    const final = await finish(
      deps,
      request,
      interim,
      'executed',
      `Nothing to change: ${describeFailurePlain(plan.error)}`,
    );
    return ok({ request: final, report: null });
  }
  const ctx = {
    teamId: request.teamId,
    actorSlackId: actor.slackUserId,
    actorDocSpaceId: actor.docspaceId,
    onBehalfOf: request.requesterIds,
    requestId: request.id,
    ...(request.snapshot.undoes ? { undoes: request.snapshot.undoes.entryId } : {}),
  };
  // A create or rename needs its name still free now, and holds it until DocSpace has answered.
  const owner = nameOwner(ctx, plan.value.change);
  const claimed = await claimName(deps, request.teamId, owner, plan.value.change, { runsAlone: true });
  if (!claimed.ok) {
    await auditUnapplied(deps, request, actor, 'failed', describeFailurePlain(claimed.error));
    const final = await finish(deps, request, interim, 'failed', describeFailurePlain(claimed.error));
    return claimed.error.code === 'docspace_failed' ? err(claimed.error) : ok({ request: final, report: null });
  }
  const report = await executePlan(deps, plan.value, ctx, claimed.value);
  if (!report.ok) {
    await finish(deps, request, interim, 'failed', describeFailurePlain(report.error));
    return err(report.error);
  }
  await recordGrants(deps, report.value, {
    teamId: request.teamId,
    requesterSlackId: request.requesterIds[0] ?? null,
    requestId: request.id,
    actor: { slackUserId: actor.slackUserId, docspaceId: actor.docspaceId },
  });
  const dryRun = report.value.dryRun;
  const final = await finish(deps, request, interim, 'executed', describeReport(report.value), {
    retryable: true,
    ...(dryRun ? { dryRun } : {}),
  });
  return ok({ request: final, report: report.value });
}

const list = (ids: readonly string[], names: Names) => ids.map((id) => names[id] ?? id).join(', ');

/** Plain text outcome kept on a request after execution. */
export function describeReport(report: ChangeReport): string {
  const after = report.after;
  if (!after && report.dryRun)
    return `Dry run: nothing was changed. It would have deleted ${report.before?.name ?? 'the group'}.`;
  if (!after) return `Deleted ${report.before?.name ?? 'the group'}.`;
  const manager = after.manager ? after.manager.displayName : 'no manager';
  const ignored = report.ignored;
  const skippedIds = [
    ...ignored.notAdded,
    ...ignored.notRemoved,
    ...(ignored.managerNotSet ? [ignored.managerNotSet] : []),
  ];
  const note = skippedIds.length > 0 ? ` DocSpace ignored: ${list(skippedIds, report.names)}.` : '';
  const found = report.recognised ? 'Found the group the earlier attempt created (its answer was lost). ' : '';
  if (report.dryRun)
    return `Dry run: nothing was changed. It would have left ${after.name} with manager ${manager}, ${after.membersCount} member${after.membersCount === 1 ? '' : 's'}.`;
  return `${found}${after.name}: manager ${manager}, ${after.membersCount} member${after.membersCount === 1 ? '' : 's'}.${note}`;
}

/** Plain text reason a request could not be executed. */
export function describeFailurePlain(failure: DomainFailure): string {
  switch (failure.code) {
    case 'docspace_failed':
      if (failure.kind === 'forbidden') {
        return `DocSpace refused (forbidden) while the bot was ${failure.phase === 'read' ? 'reading' : 'changing the group'}: its API key needs the ${failure.scope} scope and must belong to the DocSpace owner or an admin. Nothing was changed.`;
      }
      if (failure.kind === 'busy') {
        return 'DocSpace was busy: no connection to it came free in time, so the bot sent nothing; nothing was changed.';
      }
      if (failure.phase === 'read') {
        return `DocSpace failed while the bot was reading (${failure.kind}); nothing was changed.`;
      }
      if (failure.mayHaveApplied) {
        return `DocSpace did not confirm the change (${failure.kind}); it may or may not have been applied. Retry re-reads the group and applies only what is missing.`;
      }
      return `DocSpace refused the change (${failure.kind}).`;
    case 'group_gone':
      return `The group ${failure.groupName} no longer exists.`;
    case 'group_not_found':
      return 'The group no longer exists.';
    case 'group_name_taken':
      return `A group named ${failure.name} already exists.`;
    case 'group_name_busy':
      return `Another change was creating or renaming a group to ${failure.name} at that moment. Retry once it is done.`;
    case 'no_change':
      return failure.explanation;
    case 'undo_nothing_left':
      return `The group ${failure.groupName} is no longer as the undone change left it; nothing was reversed.`;
    default:
      return failure.code.replaceAll('_', ' ');
  }
}
