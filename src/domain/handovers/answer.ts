import { describeFailurePlain, describeReport, executeApproved } from '../approvals/execute.js';
import { announce } from '../approvals/notify.js';
import type { DomainDeps } from '../deps.js';
import { recordGrants } from '../grants/record.js';
import { executePlan } from '../groups/execute.js';
import { planChange } from '../groups/plan.js';
import { type Caller, identify } from '../identity/actor.js';
import { type DomainFailure, readFailure } from '../model/failures.js';
import type { Group } from '../model/group.js';
import type { Handover, HandoverId } from '../model/handover.js';
import type { DocSpaceUserId, SlackUserId } from '../model/ids.js';
import { err, ok, type Result } from '../model/result.js';
import { isApprover, type Role } from '../policy.js';
import { isGatewayError } from '../ports.js';
import { endUnaccepted, expireHandover } from './expire.js';
import { auditHandover, safelyTell } from './record.js';

type Answer = Promise<Result<Handover, DomainFailure>>;

const decided = (h: Handover): DomainFailure => ({
  code: 'handover_decided',
  status: h.status,
  decidedAt: h.decidedAt,
});

/** The handover, only for its incoming manager and only while it waits (an overdue one is expired on the spot). */
async function loadForIncoming(deps: DomainDeps, caller: Caller, id: HandoverId): Answer {
  const handover = await deps.handover.repo.get(id);
  if (!handover || handover.teamId !== caller.teamId) return err({ code: 'handover_not_found' });
  if (caller.slackUserId !== handover.incomingSlackId) {
    return err({ code: 'handover_not_incoming', incomingSlackId: handover.incomingSlackId });
  }
  if (handover.status !== 'waiting') return err(decided(handover));
  if (handover.expiresAt.getTime() <= deps.clock.now().getTime()) {
    await expireHandover(deps, handover);
    return err(decided((await deps.handover.repo.get(id)) ?? handover));
  }
  return ok(handover);
}

/** The compare-and-set waiting -> to; the loser learns how the handover was answered. */
async function settle(deps: DomainDeps, handover: Handover, to: 'accepted' | 'declined'): Answer {
  const settled = await deps.handover.repo.transition(handover.id, { to, at: deps.clock.now() });
  if (settled) return ok(settled);
  return err(decided((await deps.handover.repo.get(handover.id)) ?? handover));
}

/** The role of the person who asked or approved, from fresh facts; null when it cannot be confirmed now. */
async function roleNow(
  deps: DomainDeps,
  caller: Caller,
): Promise<{ role: Role; docspaceId: DocSpaceUserId | null } | null> {
  try {
    const who = await identify(deps, caller);
    return { role: who.role, docspaceId: who.actor.docspace?.id ?? null };
  } catch (error) {
    deps.logger.warn({ err: error, slackUserId: caller.slackUserId }, 'could not confirm who asked for the handover');
    return null;
  }
}

/** An admin's direct change, after acceptance: the admin must still be one, the group must still exist. */
async function runDirect(deps: DomainDeps, handover: Handover): Promise<string> {
  const requester = await roleNow(deps, { teamId: handover.teamId, slackUserId: handover.requestedBy });
  if (requester?.role !== 'admin') {
    return 'The admin who asked for this change may no longer make it (or that could not be confirmed); nothing was changed.';
  }
  let current: Group;
  try {
    current = await deps.docspace.getGroup(handover.groupId, { includeMembers: false });
  } catch (error) {
    if (isGatewayError(error) && error.code === 'not_found') {
      return `The group ${handover.snapshot.groupName} no longer exists; nothing was changed.`;
    }
    return describeFailurePlain(readFailure(error, 'read_group'));
  }
  const durationMs = handover.snapshot.durationMs;
  const change = {
    kind: 'set_manager',
    groupId: handover.groupId,
    managerId: handover.incomingDocSpaceId,
    ...(durationMs === undefined ? {} : { duration: durationMs }),
  } as const;
  const names = { [handover.incomingDocSpaceId]: handover.incomingName };
  const plan = planChange(change, current, names);
  if (!plan.ok) return `Nothing to change: ${describeFailurePlain(plan.error)}`;
  const ctx = {
    teamId: handover.teamId,
    actorSlackId: handover.requestedBy,
    actorDocSpaceId: requester.docspaceId,
    onBehalfOf: [],
    requestId: null,
  };
  const report = await executePlan(deps, plan.value, ctx);
  if (report.ok) {
    // An acting manager's time starts now, when the change ran.
    await recordGrants(deps, report.value, {
      teamId: handover.teamId,
      requesterSlackId: handover.requestedBy,
      requestId: null,
      actor: { slackUserId: handover.requestedBy, docspaceId: requester.docspaceId },
    });
  }
  return report.ok ? describeReport(report.value) : describeFailurePlain(report.error);
}

/** An approved request, after acceptance: its approver must still be one; then it executes like any approval. */
async function runRequest(deps: DomainDeps, handover: Handover): Promise<string> {
  const request = handover.requestId ? await deps.requests.get(handover.requestId) : null;
  if (request?.status !== 'approved') return 'The request is no longer approved; nothing was changed.';
  const approvedBy = handover.approvedBy as SlackUserId;
  const approver = await roleNow(deps, { teamId: handover.teamId, slackUserId: approvedBy });
  if (!approver || !isApprover(approver.role)) {
    const outcome = 'Its approver may no longer approve changes (or that could not be confirmed); nothing was changed.';
    const failed = await deps.requests.transition(request.id, {
      from: ['approved'],
      to: 'failed',
      at: deps.clock.now(),
      outcome,
      retryable: false,
    });
    if (failed) await announce(deps, failed);
    return outcome;
  }
  // A fresh updatedAt: recovery of interrupted executions counts from now, not from the approval days ago.
  const started =
    (await deps.requests.transition(request.id, { from: ['approved'], to: 'approved', at: deps.clock.now() })) ??
    request;
  const result = await executeApproved(deps, started, { slackUserId: approvedBy, docspaceId: approver.docspaceId });
  if (!result.ok) return describeFailurePlain(result.error);
  return result.value.request.outcome ?? 'The change was made.';
}

/**
 * Accept: only the incoming manager, only while their account is usable, and exactly once (the compare-and-set
 * waiting -> accepted); then the change runs with the usual re-validation and everyone concerned is told.
 */
export async function acceptHandover(deps: DomainDeps, caller: Caller, id: HandoverId): Answer {
  const loaded = await loadForIncoming(deps, caller, id);
  if (!loaded.ok) return loaded;
  const who = await identify(deps, caller);
  if (!who.actor.docspace) {
    return err(
      who.identityFailure ? { code: 'identity', failures: [who.identityFailure] } : { code: 'handover_not_found' },
    );
  }
  if (who.actor.docspace.id !== loaded.value.incomingDocSpaceId) {
    return err({ code: 'handover_not_incoming', incomingSlackId: loaded.value.incomingSlackId });
  }
  const accepted = await settle(deps, loaded.value, 'accepted');
  if (!accepted.ok) return accepted;
  await auditHandover(deps, accepted.value, {
    action: 'handover_accept',
    actorSlackId: caller.slackUserId,
    actorDocSpaceId: who.actor.docspace.id,
    outcome: 'recorded',
  });
  const outcome = accepted.value.requestId
    ? await runRequest(deps, accepted.value)
    : await runDirect(deps, accepted.value);
  await deps.handover.repo.recordOutcome(id, outcome);
  const final: Handover = { ...accepted.value, outcome };
  await safelyTell(deps, 'update the handover message', final, () => deps.handover.notifier.updateAsk(final));
  if (!final.requestId) {
    await safelyTell(deps, 'tell the requester', final, () => deps.handover.notifier.tellRequester(final));
  }
  return ok(final);
}

/** Decline: only the incoming manager, exactly once; nothing is written to DocSpace. */
export async function declineHandover(deps: DomainDeps, caller: Caller, id: HandoverId): Answer {
  const loaded = await loadForIncoming(deps, caller, id);
  if (!loaded.ok) return loaded;
  const declined = await settle(deps, loaded.value, 'declined');
  if (!declined.ok) return declined;
  const docspaceId = loaded.value.incomingDocSpaceId;
  return ok(await endUnaccepted(deps, declined.value, { slackUserId: caller.slackUserId, docspaceId }));
}
