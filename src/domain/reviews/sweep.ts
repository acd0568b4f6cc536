import { recordAudit } from '../audit-log.js';
import type { SlackUserId } from '../model/ids.js';
import type { UserMapping } from '../model/mapping.js';
import { DAY_MS, type ReviewDeps, tellSafely } from './deps.js';
import { type AccessReview, noticeTimes } from './model.js';
import { listAllGroups, openReview } from './start.js';

export interface SweepReport {
  readonly reminded: number;
  readonly escalated: number;
  readonly scheduled: number;
  /** Submits cut off (a crash or a stop between closing the review and recording what it did), now marked failed. */
  readonly interrupted: number;
}

/** How long a submit may take before a submitted review with no outcome counts as cut off. */
const REVIEW_INTERRUPTED_AFTER_MS = 15 * 60_000;

/**
 * A submit that was cut off is never run again (the removals may already have been made): its outcome is recorded as
 * failed, once, with what was to be removed, so `review status`, the export and the audit log say to check the group.
 */
async function settleInterrupted(deps: ReviewDeps, now: Date): Promise<number> {
  let settled = 0;
  const before = new Date(now.getTime() - REVIEW_INTERRUPTED_AFTER_MS);
  for (const review of await deps.reviews.listUnsettled(before, 100)) {
    const decisions = await deps.reviews.decisions(review.id);
    const outcome = {
      kind: 'failed' as const,
      removed: decisions.filter((d) => d.decision === 'remove').map((d) => d.docspaceUserId),
      alreadyGone: [],
      notReviewed: [],
      requestId: null,
      detail:
        'interrupted: the bot stopped while applying this review; check the group, the removals may or may not have been made',
    };
    if (!(await deps.reviews.recordOutcome(review.id, outcome))) continue;
    settled += 1;
    deps.logger.error({ reviewId: review.id, groupId: review.groupId }, 'an access review submit was cut off');
    await recordAudit(deps, {
      at: now,
      teamId: review.teamId,
      actorSlackId: null,
      actorDocSpaceId: null,
      onBehalfOf: [],
      requestId: null,
      action: 'review_submit',
      groupId: review.groupId,
      groupName: review.groupName,
      before: null,
      after: { reviewId: review.id, outcome },
      outcome: 'failed',
      detail: outcome.detail,
    });
  }
  return settled;
}

/** Reminders (halfway, due day) to the reviewer and the overdue report to admins; each sent once across replicas. */
async function notify(
  deps: ReviewDeps,
  review: AccessReview,
  now: Date,
): Promise<{ reminded: number; escalated: number }> {
  const at = noticeTimes(review);
  const t = now.getTime();
  let reminded = 0;
  let escalated = 0;
  if (t >= at.overdue.getTime() && !review.escalatedAt && (await deps.reviews.markNotice(review.id, 'overdue', now))) {
    escalated = 1;
    const admins = [...deps.policy.adminSlackIds] as SlackUserId[];
    await tellSafely(deps, 'report an overdue review to admins', review.id, () =>
      deps.reviewNotifier.tellOverdue(admins, review),
    );
    await recordAudit(deps, {
      at: now,
      teamId: review.teamId,
      actorSlackId: null,
      actorDocSpaceId: null,
      onBehalfOf: [],
      requestId: null,
      action: 'review_overdue',
      groupId: review.groupId,
      groupName: review.groupName,
      before: null,
      after: { reviewId: review.id, reviewer: review.reviewerSlackId, dueAt: review.dueAt.toISOString(), told: admins },
      outcome: 'recorded',
      detail: null,
    });
  }
  if (t >= at.due.getTime() && !review.remindedDueAt) {
    // A bot that was down past the halfway point sends only the due-day reminder: one nudge, not two at once.
    if (!review.remindedHalfAt) await deps.reviews.markNotice(review.id, 'half', now);
    if (await deps.reviews.markNotice(review.id, 'due', now)) {
      reminded += 1;
      await tellSafely(deps, 'remind the reviewer', review.id, () => deps.reviewNotifier.remind(review, 'due'));
    }
  } else if (t >= at.half.getTime() && t < at.due.getTime() && !review.remindedHalfAt) {
    if (await deps.reviews.markNotice(review.id, 'half', now)) {
      reminded += 1;
      await tellSafely(deps, 'remind the reviewer', review.id, () => deps.reviewNotifier.remind(review, 'half'));
    }
  }
  return { reminded, escalated };
}

/**
 * REVIEW_INTERVAL_DAYS: a review of each group with a manager linked to Slack, when its last one started that long
 * ago (or it never had one). The team is the one of the manager's mapping.
 */
async function schedule(deps: ReviewDeps, now: Date): Promise<number> {
  const days = deps.reviewSettings.intervalDays;
  if (days <= 0) return 0;
  const byDocSpaceId = new Map<string, UserMapping>();
  for (const m of await deps.mappings.list())
    if (!byDocSpaceId.has(m.docspaceUserId)) byDocSpaceId.set(m.docspaceUserId, m);
  let started = 0;
  for (const summary of await listAllGroups(deps)) {
    const mapping = summary.manager ? byDocSpaceId.get(summary.manager.id) : undefined;
    if (!mapping) continue;
    const last = await deps.reviews.lastStartedAt(mapping.teamId, summary.id);
    if (last && now.getTime() - last.getTime() < days * DAY_MS) continue;
    const group = await deps.docspace.getGroup(summary.id, { includeMembers: true });
    const opened = await openReview(deps, mapping.teamId, group, null, { kind: 'schedule', by: null });
    if (opened.ok) started += 1;
  }
  return started;
}

/**
 * One maintenance pass over reviews: reminders and overdue reports, and (when `schedule` says so) the schedule, which
 * reads every group and so runs far less often than the reminders.
 */
export async function sweepReviews(deps: ReviewDeps, options: { readonly schedule: boolean }): Promise<SweepReport> {
  const now = deps.clock.now();
  let reminded = 0;
  let escalated = 0;
  for (const review of await deps.reviews.listOpen(500)) {
    const done = await notify(deps, review, now);
    reminded += done.reminded;
    escalated += done.escalated;
  }
  const interrupted = await settleInterrupted(deps, now);
  let scheduled = 0;
  try {
    if (options.schedule) scheduled = await schedule(deps, now);
  } catch (error) {
    deps.logger.warn({ err: error }, 'scheduled access reviews could not be started this time');
  }
  return { reminded, escalated, scheduled, interrupted };
}
