import { createRequest } from '../approvals/submit.js';
import { recordAudit } from '../audit-log.js';
import { executePlan } from '../groups/execute.js';
import type { Plan } from '../groups/plan.js';
import { namesOf } from '../groups/plan.js';
import type { Caller, IdentifiedActor } from '../identity/actor.js';
import { identify } from '../identity/actor.js';
import type { DomainFailure } from '../model/failures.js';
import type { Group } from '../model/group.js';
import type { DocSpaceUserId } from '../model/ids.js';
import { err, ok, type Result } from '../model/result.js';
import { routeSubmission } from '../policy.js';
import { isGatewayError } from '../ports.js';
import { type ReviewView, reviewOfReviewer } from './decide.js';
import type { ReviewDeps } from './deps.js';
import type { AccessReview, ReviewDecision, ReviewFailure, ReviewId, ReviewOutcome } from './model.js';

type Answer<T> = Promise<Result<T, ReviewFailure>>;

/** Who is removed, who is already gone and who was added since the review started, against the group as it is now. */
function sortOut(review: AccessReview, decisions: readonly ReviewDecision[], group: Group) {
  const current = new Set<string>(group.members.map((m) => m.id));
  const reviewed = new Set<string>(review.snapshot.members.map((m) => m.id));
  const asked = decisions.filter((d) => d.decision === 'remove').map((d) => d.docspaceUserId);
  return {
    remove: asked.filter((id) => current.has(id)),
    alreadyGone: asked.filter((id) => !current.has(id)),
    notReviewed: group.members.map((m) => m.id).filter((id) => !reviewed.has(id)),
  };
}

/** The group now, or null when it was deleted. */
async function currentGroup(deps: ReviewDeps, review: AccessReview): Promise<Group | null> {
  try {
    return await deps.docspace.getGroup(review.groupId, { includeMembers: true });
  } catch (error) {
    if (isGatewayError(error) && error.code === 'not_found') return null;
    throw error;
  }
}

/**
 * Removals apply at once when an admin submits, or the group's manager (still its manager now) with
 * REVIEW_REMOVALS_APPLY; anyone else's become one request for approvers.
 */
function appliesDirectly(deps: ReviewDeps, who: IdentifiedActor, group: Group): boolean {
  if (who.role === 'admin') return true;
  const managesNow = group.manager !== null && group.manager.id === who.actor.docspace?.id;
  return managesNow && deps.reviewSettings.removalsApply;
}

function removalPlan(group: Group, review: AccessReview, remove: readonly DocSpaceUserId[]): Plan {
  return {
    change: { kind: 'members', groupId: group.id, add: [], remove },
    before: { id: group.id, name: group.name, manager: group.manager, membersCount: group.membersCount },
    skipped: { alreadyMembers: [], notMembers: [] },
    names: { ...namesOf(group.members), ...Object.fromEntries(review.snapshot.members.map((m) => [m.id, m.name])) },
  };
}

function failureDetail(failure: DomainFailure): string {
  return failure.code === 'docspace_failed' ? `docspace_failed: ${failure.kind}` : failure.code;
}

/** The one write (or the one request) for every removal; its failure is recorded, never thrown. */
async function applyRemovals(
  deps: ReviewDeps,
  who: IdentifiedActor,
  review: AccessReview,
  group: Group,
  direct: boolean,
  sorted: ReturnType<typeof sortOut>,
): Promise<ReviewOutcome> {
  const base = { removed: sorted.remove, alreadyGone: sorted.alreadyGone, notReviewed: sorted.notReviewed };
  if (sorted.remove.length === 0) return { ...base, kind: 'nothing', requestId: null, detail: null };
  const plan = removalPlan(group, review, sorted.remove);
  if (direct) {
    const done = await executePlan(deps, plan, {
      teamId: review.teamId,
      actorSlackId: who.caller.slackUserId,
      actorDocSpaceId: who.actor.docspace?.id ?? null,
      onBehalfOf: [],
      requestId: null,
    });
    if (done.ok) return { ...base, kind: 'applied', requestId: null, detail: null };
    return { ...base, kind: 'failed', requestId: null, detail: failureDetail(done.error) };
  }
  const filed = await createRequest(deps, who, plan, `Access review ${review.id} of ${review.groupName}`);
  if (!filed.ok) return { ...base, kind: 'failed', requestId: null, detail: filed.error.code };
  const requestId = filed.value.kind === 'requested' ? filed.value.request.id : null;
  return { ...base, kind: 'requested', requestId, detail: null };
}

/**
 * Submit: the reviewer's decisions take effect. The review is closed by one compare-and-set first, so a double click
 * or two replicas apply the removals once; decisions are read again after it (what counted when it closed). The group
 * is re-read: members already gone are skipped, members added since are not touched and are reported "not reviewed".
 */
export async function submitReview(deps: ReviewDeps, caller: Caller, id: ReviewId): Answer<ReviewView> {
  const found = await reviewOfReviewer(deps, caller, id);
  if (!found.ok) return found;
  const review = found.value;
  if (review.state !== 'open') return err({ code: 'review_closed', reviewId: id, state: review.state });
  const who = await identify(deps, caller);
  const group = await currentGroup(deps, review);
  if (!group) return err({ code: 'review_group_gone', reviewId: id, groupName: review.groupName });
  const direct = appliesDirectly(deps, who, group);
  const planned = sortOut(review, await deps.reviews.decisions(id), group);
  if (planned.remove.length > 0 && !direct) {
    const route = routeSubmission(deps.policy, who.role, 'access review');
    if (route.route === 'refuse') return err(route.failure);
  }
  const closed = await deps.reviews.close(id, 'submitted', { slackUserId: caller.slackUserId, at: deps.clock.now() });
  if (!closed) {
    const now = await deps.reviews.get(id);
    return err({ code: 'review_closed', reviewId: id, state: now?.state ?? 'cancelled' });
  }
  const decisions = await deps.reviews.decisions(id);
  const outcome = await applyRemovals(deps, who, closed, group, direct, sortOut(closed, decisions, group));
  await deps.reviews.recordOutcome(id, outcome);
  await recordAudit(deps, {
    at: deps.clock.now(),
    teamId: closed.teamId,
    actorSlackId: caller.slackUserId,
    actorDocSpaceId: who.actor.docspace?.id ?? null,
    onBehalfOf: [],
    requestId: outcome.requestId,
    action: 'review_submit',
    groupId: closed.groupId,
    groupName: closed.groupName,
    before: { memberIds: closed.snapshot.members.map((m) => m.id) },
    after: {
      reviewId: id,
      decisions: decisions.map((d) => ({ memberId: d.docspaceUserId, decision: d.decision, note: d.note })),
      outcome,
    },
    outcome: outcome.kind === 'failed' ? 'failed' : outcome.kind === 'nothing' ? 'no_op' : 'succeeded',
    detail: outcome.detail,
  });
  return ok({ review: { ...closed, outcome }, decisions });
}
