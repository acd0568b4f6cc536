import { recordRequestAudit } from '../audit-log.js';
import type { DomainDeps } from '../deps.js';
import { describeFailurePlain, describeReport } from '../groups/describe.js';
import { executePlan } from '../groups/execute.js';
import { planChange } from '../groups/plan.js';
import type { DomainFailure } from '../model/failures.js';
import { toDocSpaceFailure } from '../model/failures.js';
import type { ChangeReport, Group, GroupSummary } from '../model/group.js';
import type { DocSpaceUserId, SlackUserId } from '../model/ids.js';
import type { ChangeRequest } from '../model/request.js';
import { err, ok, type Result } from '../model/result.js';
import { isGatewayError } from '../ports.js';
import { announce, safely } from './notify.js';

export interface Execution {
  readonly request: ChangeRequest;
  readonly report: ChangeReport | null;
}

/** Re-reads the group so the change is applied to the world as it is now, not as it was when asked. */
async function readCurrent(
  deps: DomainDeps,
  request: ChangeRequest,
): Promise<Result<Group | GroupSummary | null, DomainFailure>> {
  const change = request.change;
  try {
    if (change.kind === 'create') {
      const existing = await deps.docspace.findGroupsByName(change.name);
      return existing.length > 0 ? err({ code: 'group_name_taken', name: change.name, existing }) : ok(null);
    }
    return ok(await deps.docspace.getGroup(change.groupId, { includeMembers: change.kind === 'members' }));
  } catch (error) {
    if (isGatewayError(error) && error.code === 'not_found' && change.kind !== 'create') {
      return err({ code: 'group_gone', groupId: change.groupId, groupName: request.snapshot.groupName });
    }
    return err(toDocSpaceFailure(error, 're-read the group'));
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
  options: { retryable: boolean } = { retryable: true },
) {
  // A failure no Retry can fix (the group is gone) uses up the remaining attempt, so the card offers no Retry.
  const noRetry = options.retryable ? {} : { startAttempt: { maxAttempts: Number.MAX_SAFE_INTEGER } };
  const at = deps.clock.now();
  const done = await deps.requests.transition(request.id, { from: ['approved'], to, at, outcome, ...noRetry });
  const final = done ?? (await deps.requests.get(request.id)) ?? request;
  await interim.settle();
  await announce(deps, final);
  return final;
}

/** Who started this execution: the approver, or the approver who pressed Retry. */
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
    action: request.change.kind,
    after: { change: request.change },
    outcome,
    detail,
  });
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
  const current = await readCurrent(deps, request);
  if (!current.ok) {
    await auditUnapplied(deps, request, actor, 'failed', describeFailurePlain(current.error));
    const gone = current.error.code === 'group_gone';
    const outcome = describeFailurePlain(current.error);
    const final = await finish(deps, request, interim, 'failed', outcome, { retryable: !gone });
    return gone || current.error.code === 'group_name_taken'
      ? ok({ request: final, report: null })
      : err(current.error);
  }
  const plan = planChange(request.change, current.value, request.snapshot.names);
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
  const report = await executePlan(deps, plan.value, {
    teamId: request.teamId,
    actorSlackId: actor.slackUserId,
    actorDocSpaceId: actor.docspaceId,
    onBehalfOf: request.requesterIds,
    requestId: request.id,
  });
  if (!report.ok) {
    await finish(deps, request, interim, 'failed', describeFailurePlain(report.error));
    return err(report.error);
  }
  const final = await finish(deps, request, interim, 'executed', describeReport(report.value));
  return ok({ request: final, report: report.value });
}
