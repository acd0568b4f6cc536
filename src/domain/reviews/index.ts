export {
  type AccessReview,
  REVIEW_DECISIONS,
  REVIEW_NOTE_MAX,
  REVIEW_OUTCOME_KINDS,
  REVIEW_STATES,
  REVIEW_TRIGGERS,
  REVIEWER_REASONS,
  type ReviewDecision,
  type ReviewFailure,
  type ReviewId,
  type ReviewMember,
  type ReviewNotice,
  type ReviewOutcome,
  type ReviewSnapshot,
  type ReviewVerdict,
  randomReviewId,
  toReviewId,
} from './model.js';
export type { ReviewNotifier, ReviewRepo } from './ports.js';
export { createReviewServices, type ReviewServices } from './service.js';
export type { StartAllReport } from './start.js';
