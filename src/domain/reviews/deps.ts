import type { DomainDeps } from '../deps.js';
import type { ReviewId } from './model.js';
import type { ReviewNotifier, ReviewRepo, TimeBoundGrantReader } from './ports.js';

/** REVIEW_INTERVAL_DAYS (0: no schedule), REVIEW_DUE_DAYS and REVIEW_REMOVALS_APPLY. */
interface ReviewSettings {
  readonly intervalDays: number;
  readonly dueDays: number;
  /** The group's manager's removals apply at submit; otherwise they become one request for approvers. */
  readonly removalsApply: boolean;
}

/** What the review use cases need on top of the shared domain dependencies. */
export interface ReviewDeps extends DomainDeps {
  readonly reviews: ReviewRepo;
  readonly reviewNotifier: ReviewNotifier;
  readonly reviewSettings: ReviewSettings;
  readonly newReviewId: () => ReviewId;
  /** The group's live time-bound access (its ends are shown to the reviewer); null: no expiry is shown. */
  readonly grantReader: TimeBoundGrantReader | null;
}

export const DAY_MS = 24 * 3_600_000;

/** Slack failures never undo a state change storage already made: logged with context, never thrown. */
export async function tellSafely(
  deps: Pick<ReviewDeps, 'logger'>,
  what: string,
  reviewId: ReviewId,
  fn: () => Promise<unknown>,
) {
  try {
    await fn();
    return true;
  } catch (error) {
    deps.logger.error({ err: error, reviewId }, `could not ${what}`);
    return false;
  }
}
