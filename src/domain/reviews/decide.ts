import { recordAudit } from '../audit-log.js';
import type { Caller } from '../identity/actor.js';
import type { DocSpaceUserId } from '../model/ids.js';
import { err, ok, type Result } from '../model/result.js';
import type { ReviewDeps } from './deps.js';
import {
  type AccessReview,
  REVIEW_NOTE_MAX,
  type ReviewDecision,
  type ReviewFailure,
  type ReviewId,
  type ReviewVerdict,
} from './model.js';

type Answer<T> = Promise<Result<T, ReviewFailure>>;

export interface ReviewView {
  readonly review: AccessReview;
  readonly decisions: readonly ReviewDecision[];
}

/** The review, if it exists and the caller is its reviewer (anyone else is refused, whatever their role). */
export async function reviewOfReviewer(deps: ReviewDeps, caller: Caller, id: ReviewId): Answer<AccessReview> {
  const review = await deps.reviews.get(id);
  if (!review || review.teamId !== caller.teamId) return err({ code: 'review_not_found', reviewId: id });
  if (review.reviewerSlackId !== caller.slackUserId) {
    return err({ code: 'not_reviewer', reviewerSlackId: review.reviewerSlackId });
  }
  return ok(review);
}

/** An open review of the caller's, and the member in its snapshot. */
async function openMember(deps: ReviewDeps, caller: Caller, id: ReviewId, memberId: DocSpaceUserId) {
  const review = await reviewOfReviewer(deps, caller, id);
  if (!review.ok) return review;
  if (review.value.state !== 'open')
    return err<ReviewFailure>({ code: 'review_closed', reviewId: id, state: review.value.state });
  const member = review.value.snapshot.members.find((m) => m.id === memberId);
  if (!member) return err<ReviewFailure>({ code: 'review_member_unknown', reviewId: id });
  return ok({ review: review.value, member });
}

async function closedNow(deps: ReviewDeps, review: AccessReview): Answer<never> {
  const now = await deps.reviews.get(review.id);
  return err({ code: 'review_closed', reviewId: review.id, state: now?.state ?? 'cancelled' });
}

async function auditDecision(deps: ReviewDeps, caller: Caller, review: AccessReview, decision: object) {
  await recordAudit(deps, {
    at: deps.clock.now(),
    teamId: review.teamId,
    actorSlackId: caller.slackUserId,
    actorDocSpaceId: review.reviewerDocSpaceId,
    onBehalfOf: [],
    requestId: null,
    action: 'review_decision',
    groupId: review.groupId,
    groupName: review.groupName,
    before: null,
    after: { reviewId: review.id, ...decision },
    outcome: 'recorded',
    detail: null,
  });
}

/**
 * Keep or Remove on one member: stored at once (the last click counts), audited, nothing applied. The same decision
 * again changes nothing and is not audited twice.
 */
export async function decideMember(
  deps: ReviewDeps,
  caller: Caller,
  id: ReviewId,
  memberId: DocSpaceUserId,
  verdict: ReviewVerdict,
): Answer<ReviewView> {
  const found = await openMember(deps, caller, id, memberId);
  if (!found.ok) return found;
  const { review } = found.value;
  const before = (await deps.reviews.decisions(id)).find((d) => d.docspaceUserId === memberId);
  if (before?.decision !== verdict) {
    const at = deps.clock.now();
    const stored = await deps.reviews.decide(id, {
      docspaceUserId: memberId,
      decision: verdict,
      note: before?.note ?? null,
      by: caller.slackUserId,
      at,
    });
    if (!stored) return closedNow(deps, review);
    await auditDecision(deps, caller, review, { memberId, decision: verdict, note: before?.note ?? null });
  }
  return ok({ review, decisions: await deps.reviews.decisions(id) });
}

/** An optional note on one member's decision (a member with no decision yet is kept, with the note). */
export async function noteMember(
  deps: ReviewDeps,
  caller: Caller,
  id: ReviewId,
  memberId: DocSpaceUserId,
  text: string | null,
): Answer<ReviewView> {
  const note = text?.trim() || null;
  if (note && note.length > REVIEW_NOTE_MAX) return err({ code: 'review_note_too_long', max: REVIEW_NOTE_MAX });
  const found = await openMember(deps, caller, id, memberId);
  if (!found.ok) return found;
  const { review } = found.value;
  const stored = await deps.reviews.note(id, {
    docspaceUserId: memberId,
    note,
    by: caller.slackUserId,
    at: deps.clock.now(),
  });
  if (!stored) return closedNow(deps, review);
  const decisions = await deps.reviews.decisions(id);
  const decision = decisions.find((d) => d.docspaceUserId === memberId)?.decision ?? 'keep';
  await auditDecision(deps, caller, review, { memberId, decision, note });
  return ok({ review, decisions });
}

/** The review as its reviewer sees it now (to render a page again). */
export async function viewReview(deps: ReviewDeps, caller: Caller, id: ReviewId): Answer<ReviewView> {
  const review = await reviewOfReviewer(deps, caller, id);
  if (!review.ok) return review;
  return ok({ review: review.value, decisions: await deps.reviews.decisions(id) });
}
