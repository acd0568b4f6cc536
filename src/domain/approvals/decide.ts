import { recordRequestAudit } from '../audit-log.js';
import { type DomainDeps, isDryRun } from '../deps.js';
import { checkRequestHandover, handOverApproved, needsAcceptance } from '../handovers/start.js';
import { type Caller, identify } from '../identity/actor.js';
import type { AuditAction } from '../model/audit.js';
import { type DryRunMark, NO_CALLS_YET } from '../model/dry-run.js';
import type { DomainFailure } from '../model/failures.js';
import type { DocSpaceUserId, RequestId } from '../model/ids.js';
import { type ChangeRequest, checkReason, MAX_ATTEMPTS, REASON_MAX } from '../model/request.js';
import { err, ok, type Result } from '../model/result.js';
import { mayCancel, mayDecide, type Role } from '../policy.js';
import { type Execution, executeApproved } from './execute.js';
import { expireIfOverdue } from './expire.js';
import { announce, safely } from './notify.js';

type Decision = Result<Execution, DomainFailure>;

/** The failure to show someone acting on a request that is no longer pending. */
function notPendingFailure(request: ChangeRequest): DomainFailure {
  if (request.status === 'expired') return { code: 'request_expired', requestId: request.id };
  return {
    code: 'already_decided',
    requestId: request.id,
    status: request.status,
    decidedBy: request.decidedBy,
    decidedAt: request.decidedAt,
  };
}

async function auditDecision(
  deps: DomainDeps,
  request: ChangeRequest,
  actor: Caller,
  action: AuditAction,
  docspaceId: DocSpaceUserId | null,
) {
  await recordRequestAudit(deps, request, {
    actorSlackId: actor.slackUserId,
    actorDocSpaceId: docspaceId,
    action,
    after: { status: request.status, note: request.decisionNote },
    outcome: 'recorded',
  });
}

/** A request made or decided in dry-run is never executed: with DRY_RUN off, Approve and Retry refuse it. */
function refusesDryRun(deps: DomainDeps, request: ChangeRequest): boolean {
  return request.dryRun !== undefined && !isDryRun(deps);
}

/** In dry-run, a decision marks the request for good (a live request decided now is never executed either). */
function dryRunMark(deps: DomainDeps, request: ChangeRequest): { dryRun?: DryRunMark } {
  return isDryRun(deps) ? { dryRun: request.dryRun ?? NO_CALLS_YET } : {};
}

/** Loads the request and checks, on the server, that this caller may decide (or cancel) it. */
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
async function lostRace(
  deps: DomainDeps,
  id: RequestId,
  fallback: ChangeRequest,
): Promise<Result<never, DomainFailure>> {
  return err(notPendingFailure((await deps.requests.get(id)) ?? fallback));
}

/**
 * Approve and deny share one sequence: authorize, refuse what is no longer pending, expire what is overdue, then one
 * compare-and-set pending -> `to`. Exactly one caller wins it; everyone else learns what happened instead.
 */
async function decidePending(
  deps: DomainDeps,
  caller: Caller,
  id: RequestId,
  to: 'approved' | 'denied',
  note: string | null,
  /** A last check before the compare-and-set; a failure refuses the decision with nothing changed. */
  precheck: (request: ChangeRequest) => Promise<DomainFailure | null> = async () => null,
): Promise<Result<{ request: ChangeRequest; docspaceId: DocSpaceUserId | null }, DomainFailure>> {
  const checked = await authorize(deps, caller, id, 'decide');
  if (!checked.ok) return checked;
  const { request, docspaceId } = checked.value;
  if (request.status !== 'pending') return err(notPendingFailure(request));
  if (to === 'approved' && refusesDryRun(deps, request)) return err({ code: 'dry_run_request', requestId: id });
  const expiry = await expireIfOverdue(deps, request);
  if (expiry === 'expired') return err({ code: 'request_expired', requestId: id });
  if (expiry === 'lost') return lostRace(deps, id, request);
  const refused = await precheck(request);
  if (refused) return err(refused);
  const decided = await deps.requests.transition(id, {
    from: ['pending'],
    to,
    at: deps.clock.now(),
    decidedBy: caller.slackUserId,
    ...(to === 'approved' ? { startAttempt: { maxAttempts: MAX_ATTEMPTS } } : { decisionNote: note }),
    ...dryRunMark(deps, request),
  });
  if (!decided) return lostRace(deps, id, request);
  await auditDecision(deps, decided, caller, to === 'approved' ? 'approve' : 'deny', docspaceId);
  return ok({ request: decided, docspaceId });
}

/** Approve: exactly one caller wins the pending -> approved compare-and-set and executes the change. */
export async function approveRequest(deps: DomainDeps, caller: Caller, id: RequestId): Promise<Decision> {
  // HANDOVER_ACCEPTANCE=on: a manager change is approved only when its incoming manager can be asked to accept.
  const precheck = async (request: ChangeRequest) =>
    needsAcceptance(deps, request.change, request.requesterDocSpaceId)
      ? checkRequestHandover(deps, request, caller.slackUserId)
      : null;
  const approved = await decidePending(deps, caller, id, 'approved', null, precheck);
  if (!approved.ok) return approved;
  const { request } = approved.value;
  if (needsAcceptance(deps, request.change, request.requesterDocSpaceId)) {
    return handOverApproved(deps, approved.value.request, {
      slackUserId: caller.slackUserId,
      docspaceId: approved.value.docspaceId,
    });
  }
  return executeApproved(deps, approved.value.request, {
    slackUserId: caller.slackUserId,
    docspaceId: approved.value.docspaceId,
  });
}

export async function denyRequest(
  deps: DomainDeps,
  caller: Caller,
  id: RequestId,
  note: string | null,
): Promise<Decision> {
  const checkedNote = checkReason(note);
  if (!checkedNote.ok) return err({ code: 'reason_too_long', max: REASON_MAX });
  const denied = await decidePending(deps, caller, id, 'denied', checkedNote.reason);
  if (!denied.ok) return denied;
  await announce(deps, denied.value.request);
  return ok({ request: denied.value.request, report: null });
}

/** Why a Retry compare-and-set did not apply, from the request as it is now. */
function retryRefusal(now: ChangeRequest): DomainFailure {
  if (now.status !== 'failed') return notPendingFailure(now);
  if (!now.retryable) return { code: 'not_retryable', requestId: now.id, outcome: now.outcome };
  return { code: 'retry_exhausted', requestId: now.id };
}

/** Retry a failed execution: at most once more, and never one that no retry can fix (both bound in the same CAS). */
export async function retryRequest(deps: DomainDeps, caller: Caller, id: RequestId): Promise<Decision> {
  const checked = await authorize(deps, caller, id, 'decide');
  if (!checked.ok) return checked;
  const { request, docspaceId } = checked.value;
  if (request.status === 'failed' && refusesDryRun(deps, request))
    return err({ code: 'dry_run_request', requestId: id });
  const started = await deps.requests.transition(id, {
    from: ['failed'],
    to: 'approved',
    at: deps.clock.now(),
    startAttempt: { maxAttempts: MAX_ATTEMPTS },
    ...dryRunMark(deps, request),
  });
  if (!started) return err(retryRefusal((await deps.requests.get(id)) ?? request));
  await auditDecision(deps, started, caller, 'retry', docspaceId);
  return executeApproved(deps, started, { slackUserId: caller.slackUserId, docspaceId });
}

/**
 * Cancel withdraws the caller: while others asked for the same change they keep it (only the caller leaves, and the
 * card says so); the last requester's withdrawal cancels it. One atomic step in storage, so two requesters cancelling
 * at once leave nobody behind, and a request never ends up pending with no requester.
 */
export async function cancelRequest(deps: DomainDeps, caller: Caller, id: RequestId): Promise<Decision> {
  const checked = await authorize(deps, caller, id, 'cancel');
  if (!checked.ok) return checked;
  const { request, docspaceId } = checked.value;
  const withdrawn = await deps.requests.withdraw(id, caller.slackUserId, deps.clock.now());
  if (!withdrawn) {
    const now = (await deps.requests.get(id)) ?? request;
    // Still pending: this caller had already withdrawn (a double click), so they are no longer a requester.
    return err(now.status === 'pending' ? { code: 'not_requester' } : notPendingFailure(now));
  }
  if (!withdrawn.cancelled) {
    await recordRequestAudit(deps, withdrawn.request, {
      actorSlackId: caller.slackUserId,
      actorDocSpaceId: docspaceId,
      action: 'withdraw',
      before: { requesterIds: request.requesterIds },
      after: { requesterIds: withdrawn.request.requesterIds },
      outcome: 'recorded',
      onBehalfOf: [caller.slackUserId],
    });
    await safely(deps, 'update the approval card', withdrawn.request, () =>
      deps.notifier.updateCard(withdrawn.request),
    );
    return ok({ request: withdrawn.request, report: null });
  }
  const cancelled = withdrawn.request;
  await auditDecision(deps, cancelled, caller, 'cancel', docspaceId);
  await safely(deps, 'update the approval card', cancelled, () => deps.notifier.updateCard(cancelled));
  return ok({ request: cancelled, report: null });
}

/**
 * "May this person decide this request now?" from stored facts only (no DocSpace or Slack call), so a Deny click can
 * open its reason form within Slack's deadline. Approve, deny and retry check again, fully, when they run.
 */
export async function previewDecision(
  deps: DomainDeps,
  caller: Caller,
  id: RequestId,
  role: Role,
): Promise<Result<ChangeRequest, DomainFailure>> {
  const request = await deps.requests.get(id);
  if (!request || request.teamId !== caller.teamId) return err({ code: 'request_not_found', requestId: id });
  const refused = mayDecide(role, caller.slackUserId, request);
  if (refused) return err(refused);
  return request.status === 'pending' ? ok(request) : err(notPendingFailure(request));
}
