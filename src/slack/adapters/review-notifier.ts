import type { ReviewNotifier } from '../../domain/index.js';
import { buildReviewCancelled, buildReviewOverdue, buildReviewPages, buildReviewReminder } from '../views/reviews.js';
import type { DirectMessenger } from './slack-notifier.js';

/** Review DMs: the review pages and reminders to the reviewer, overdue reports to each admin. */
export function createReviewNotifier(sendDm: DirectMessenger): ReviewNotifier {
  return {
    async sendReview(review, decisions) {
      for (const page of buildReviewPages(review, decisions)) await sendDm(review.reviewerSlackId, page);
    },
    remind: (review, notice) => sendDm(review.reviewerSlackId, buildReviewReminder(review, notice)),
    tellCancelled: (review) => sendDm(review.reviewerSlackId, buildReviewCancelled(review)),
    async tellOverdue(adminIds, review) {
      // Every admin is tried; one that cannot be reached does not keep the others from hearing it.
      const failed = await Promise.all(
        adminIds.map((id) =>
          sendDm(id, buildReviewOverdue(review)).then(
            () => null,
            (error: unknown) => error,
          ),
        ),
      );
      const first = failed.find((e) => e !== null);
      if (first !== undefined) throw first;
    },
  };
}
