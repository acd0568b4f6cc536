import { recordRequestAudit } from '../audit-log.js';
import type { DomainDeps } from '../deps.js';
import { type Caller, identify } from '../identity/actor.js';
import type { DomainFailure } from '../model/failures.js';
import type { RequestId } from '../model/ids.js';
import type { ChangeRequest, RequestStatus } from '../model/request.js';
import { MAX_ATTEMPTS } from '../model/request.js';
import { err, ok, type Result } from '../model/result.js';
import { mayCancel, mayDecide } from '../policy.js';
import { type Execution, executeApproved } from './execute.js';
import { expireOverdue } from './expire.js';
import { announce, notPendingFailure, safely } from './notify.js';

type Decision = Result<Execution, DomainFailure>;

async function auditDecision(
  deps: DomainDeps,
  request: ChangeRequest,
  actor: Caller,
  action: string,
  docspaceId: string | null,
) {
  await recordRequestAudit(deps, request, {
    actorSlackId: actor.slackUserId,
    actorDocSpaceId: docspaceId as ChangeRequest['requesterDocSpaceId'],
    action,
    after: { status: request.status, note: request.decisionNote },
    outcome: 'recorded',
  });
}

/** Loads the request and checks, on the server, that this caller may decide it. */
async function authorize(deps: DomainDeps, caller: Caller, id: RequestId, check: 'decide' | 'cancel') {
  const request = await deps.requests.get(id);
  if (!request || request.teamId !== caller.teamId)
    return err<DomainFailure>({ code: 'request_not_found', requestId: id });
  const who = await identify(deps, caller);
  const refused =
    check === 'decide' ? mayDecide(who.role, caller.slackUserId, request) : mayCancel(caller.slackUserId, request);
  if (refused) return err(refused);
  return ok({ request, docspaceId: who.actor.docspace?.id ?? null });
}

/** The losing side of a compare-and-set learns who won and when. */
async function lostRace(deps: DomainDeps, id: RequestId, fallback: ChangeRequest): Promise<Decision> {
  return err(notPendingFailure((await deps.requests.get(id)) ?? fallback));
}

/** Approve: exactly one caller wins the pending -> approved compare-and-set and executes the change. */
export async function approveRequest(deps: DomainDeps, caller: Caller, id: RequestId): Promise<Decision> {
  const checked = await authorize(deps, caller, id, 'decide');
  if (!checked.ok) return checked;
  const { request, docspaceId } = checked.value;
  if (request.status !== 'pending') return err(notPendingFailure(request));
  if (await expireOverdue(deps, request)) return err({ code: 'request_expired', requestId: id });
  const approved = await deps.requests.transition(id, {
    from: ['pending'],
    to: 'approved',
    at: deps.clock.now(),
    decidedBy: caller.slackUserId,
    startAttempt: { maxAttempts: MAX_ATTEMPTS },
  });
  if (!approved) return lostRace(deps, id, request);
  await auditDecision(deps, approved, caller, 'approve', docspaceId);
  return executeApproved(deps, approved, { slackUserId: caller.slackUserId, docspaceId });
}

export async function denyRequest(
  deps: DomainDeps,
  caller: Caller,
  id: RequestId,
  note: string | null,
): Promise<Decision> {
  const checked = await authorize(deps, caller, id, 'decide');
  if (!checked.ok) return checked;
  const { request, docspaceId } = checked.value;
  if (request.status !== 'pending') return err(notPendingFailure(request));
  if (await expireOverdue(deps, request)) return err({ code: 'request_expired', requestId: id });
  const denied = await deps.requests.transition(id, {
    from: ['pending'],
    to: 'denied',
    at: deps.clock.now(),
    decidedBy: caller.slackUserId,
    decisionNote: note?.trim() || null,
  });
  if (!denied) return lostRace(deps, id, request);
  await auditDecision(deps, denied, caller, 'deny', docspaceId);
  await announce(deps, denied);
  return ok({ request: denied, report: null });
}

/** Retry a failed execution: at most once more (attempts is bounded in the same compare-and-set). */
export async function retryRequest(deps: DomainDeps, caller: Caller, id: RequestId): Promise<Decision> {
  const checked = await authorize(deps, caller, id, 'decide');
  if (!checked.ok) return checked;
  const { request, docspaceId } = checked.value;
  const started = await deps.requests.transition(id, {
    from: ['failed'],
    to: 'approved',
    at: deps.clock.now(),
    startAttempt: { maxAttempts: MAX_ATTEMPTS },
  });
  if (!started) {
    const now = (await deps.requests.get(id)) ?? request;
    if (now.status === 'failed') return err({ code: 'retry_exhausted', requestId: id });
    return err(notPendingFailure(now));
  }
  await auditDecision(deps, started, caller, 'retry', docspaceId);
  return executeApproved(deps, started, { slackUserId: caller.slackUserId, docspaceId });
}

export async function cancelRequest(deps: DomainDeps, caller: Caller, id: RequestId): Promise<Decision> {
  const checked = await authorize(deps, caller, id, 'cancel');
  if (!checked.ok) return checked;
  const { request, docspaceId } = checked.value;
  const from: RequestStatus[] = ['pending'];
  const cancelled = await deps.requests.transition(id, {
    from,
    to: 'cancelled',
    at: deps.clock.now(),
    decidedBy: caller.slackUserId,
  });
  if (!cancelled) return lostRace(deps, id, request);
  await auditDecision(deps, cancelled, caller, 'cancel', docspaceId);
  await safely(deps, 'update the approval card', cancelled, () => deps.notifier.updateCard(cancelled));
  // Others who asked for the same change learn that it was withdrawn.
  if (cancelled.requesterIds.some((id) => id !== caller.slackUserId)) {
    const others = { ...cancelled, requesterIds: cancelled.requesterIds.filter((id) => id !== caller.slackUserId) };
    await safely(deps, 'notify the requester', cancelled, () => deps.notifier.notifyRequesters(others));
  }
  return ok({ request: cancelled, report: null });
}

/** Expires every pending request past its time; returns how many this call expired. */
export async function expireDueRequests(deps: DomainDeps, limit = 100): Promise<number> {
  const due = await deps.requests.listExpired(deps.clock.now(), limit);
  let count = 0;
  for (const request of due) if (await expireOverdue(deps, request)) count++;
  return count;
}
