import { recordAudit } from '../audit-log.js';
import type { Caller } from '../identity/actor.js';
import { identify } from '../identity/actor.js';
import { RefusedError, readFailure } from '../model/failures.js';
import type { DocSpaceUserId, GroupRef, SlackUserId } from '../model/ids.js';
import { err, ok, type Result } from '../model/result.js';
import { isGatewayError } from '../ports.js';
import { decideMember, noteMember, type ReviewView, viewReview } from './decide.js';
import { type ReviewDeps, tellSafely } from './deps.js';
import type { AccessReview, ReviewFailure, ReviewId, ReviewVerdict } from './model.js';
import { requireReviewAdmin, type StartAllReport, startAllReviews, startReview } from './start.js';
import { submitReview } from './submit.js';
import { type SweepReport, sweepReviews } from './sweep.js';

type Answer<T> = Promise<Result<T, ReviewFailure>>;

/** Access reviews, as the Slack layer calls them: every expected outcome a Result; DocSpace read failures too. */
export interface ReviewServices {
  /** Admins: a review of one group, by its manager or the reviewer named. */
  start(caller: Caller, group: GroupRef, reviewer: SlackUserId | null): Answer<AccessReview>;
  /** Admins: a review of every group with a manager. */
  startAll(caller: Caller): Answer<StartAllReport>;
  /** Admins see every review of the team; anyone else the ones they review. Newest first. */
  status(caller: Caller): Answer<{ reviews: AccessReview[]; admin: boolean }>;
  /** Admins call an open review off. */
  cancel(caller: Caller, id: ReviewId): Answer<AccessReview>;
  decide(caller: Caller, id: ReviewId, member: DocSpaceUserId, verdict: ReviewVerdict): Answer<ReviewView>;
  note(caller: Caller, id: ReviewId, member: DocSpaceUserId, note: string | null): Answer<ReviewView>;
  view(caller: Caller, id: ReviewId): Answer<ReviewView>;
  submit(caller: Caller, id: ReviewId): Answer<ReviewView>;
  /** Maintenance: reminders, overdue reports to admins, scheduled reviews. */
  sweep(): Promise<SweepReport>;
}

async function cancelReview(deps: ReviewDeps, caller: Caller, id: ReviewId): Answer<AccessReview> {
  const admin = await requireReviewAdmin(deps, caller);
  if (!admin.ok) return admin;
  const review = await deps.reviews.get(id);
  if (!review || review.teamId !== caller.teamId) return err({ code: 'review_not_found', reviewId: id });
  const closed = await deps.reviews.close(id, 'cancelled', { slackUserId: caller.slackUserId, at: deps.clock.now() });
  if (!closed) {
    const now = await deps.reviews.get(id);
    return err({ code: 'review_closed', reviewId: id, state: now?.state ?? review.state });
  }
  await recordAudit(deps, {
    at: deps.clock.now(),
    teamId: closed.teamId,
    actorSlackId: caller.slackUserId,
    actorDocSpaceId: null,
    onBehalfOf: [],
    requestId: null,
    action: 'review_cancel',
    groupId: closed.groupId,
    groupName: closed.groupName,
    before: null,
    after: { reviewId: id },
    outcome: 'recorded',
    detail: null,
  });
  await tellSafely(deps, 'tell the reviewer the review was cancelled', id, () =>
    deps.reviewNotifier.tellCancelled(closed),
  );
  return ok(closed);
}

async function reviewStatus(deps: ReviewDeps, caller: Caller): Answer<{ reviews: AccessReview[]; admin: boolean }> {
  const who = await identify(deps, caller);
  const admin = who.role === 'admin';
  const all = await deps.reviews.list(caller.teamId, admin ? 50 : 500);
  const reviews = admin ? all : all.filter((r) => r.reviewerSlackId === caller.slackUserId).slice(0, 50);
  return ok({ reviews, admin });
}

/** A refusal decided while identifying the caller, or a DocSpace read that failed, as a value (nothing was written). */
async function caught<T>(run: () => Answer<T>): Answer<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RefusedError) return err(error.failure);
    if (isGatewayError(error)) return err(readFailure(error, 'read_group'));
    throw error;
  }
}

/** How often the schedule looks for groups due a review (it lists every group); reminders run on every pass. */
const SCHEDULE_EVERY_MS = 3_600_000;

export function createReviewServices(deps: ReviewDeps): ReviewServices {
  // Per process: a second replica looking too only finds the reviews the first started (one open per group).
  let lastScheduled: number | null = null;
  const scheduleDue = () => {
    const now = deps.clock.now().getTime();
    if (lastScheduled !== null && now - lastScheduled < SCHEDULE_EVERY_MS) return false;
    lastScheduled = now;
    return true;
  };
  const read =
    <A extends unknown[], T>(run: (...args: A) => Answer<T>) =>
    (...args: A): Answer<T> =>
      caught(() => run(...args));
  return {
    start: read((caller: Caller, group: GroupRef, reviewer: SlackUserId | null) =>
      startReview(deps, caller, group, reviewer),
    ),
    startAll: read((caller: Caller) => startAllReviews(deps, caller)),
    status: read((caller: Caller) => reviewStatus(deps, caller)),
    cancel: read((caller: Caller, id: ReviewId) => cancelReview(deps, caller, id)),
    decide: read((caller: Caller, id: ReviewId, member: DocSpaceUserId, verdict: ReviewVerdict) =>
      decideMember(deps, caller, id, member, verdict),
    ),
    note: read((caller: Caller, id: ReviewId, member: DocSpaceUserId, text: string | null) =>
      noteMember(deps, caller, id, member, text),
    ),
    view: read((caller: Caller, id: ReviewId) => viewReview(deps, caller, id)),
    submit: read((caller: Caller, id: ReviewId) => submitReview(deps, caller, id)),
    sweep: () => sweepReviews(deps, { schedule: deps.reviewSettings.intervalDays > 0 && scheduleDue() }),
  };
}
