import type { DocSpaceUserId, GroupId, SlackTeamId, SlackUserId } from '../model/ids.js';
import type { AccessReview, ReviewDecision, ReviewId, ReviewNotice, ReviewOutcome, ReviewVerdict } from './model.js';

/**
 * Access reviews and their decisions. At most one open review per team and group (a unique key in storage); every
 * change of state is a compare-and-set, so two clicks, a Slack retry or two replicas change a review once.
 */
export interface ReviewRepo {
  /** Stores a new open review; false (nothing stored) when the group already has an open one. */
  insert(review: AccessReview): Promise<boolean>;
  get(id: ReviewId): Promise<AccessReview | null>;
  findOpen(teamId: SlackTeamId, groupId: GroupId): Promise<AccessReview | null>;
  /** When the group's latest review started, or null when it never had one. */
  lastStartedAt(teamId: SlackTeamId, groupId: GroupId): Promise<Date | null>;
  /** Newest first. */
  list(teamId: SlackTeamId, limit: number): Promise<AccessReview[]>;
  /** Open reviews of every team, soonest due first (the sweep). */
  listOpen(limit: number): Promise<AccessReview[]>;
  /** Every review, oldest first, in pages (the export). */
  listPage(offset: number, limit: number): Promise<AccessReview[]>;
  /**
   * Stores the reviewer's decision on one member (replacing their earlier one), only while the review is open;
   * false when it is not.
   */
  decide(
    id: ReviewId,
    decision: {
      readonly docspaceUserId: DocSpaceUserId;
      readonly decision: ReviewVerdict;
      readonly note: string | null;
      readonly by: SlackUserId;
      readonly at: Date;
    },
  ): Promise<boolean>;
  /** Sets the note on a member's decision (keep, when none was made yet) while the review is open; false when not. */
  note(
    id: ReviewId,
    note: {
      readonly docspaceUserId: DocSpaceUserId;
      readonly note: string | null;
      readonly by: SlackUserId;
      readonly at: Date;
    },
  ): Promise<boolean>;
  /** Every decision of a review, by member id. */
  decisions(id: ReviewId): Promise<ReviewDecision[]>;
  /** The compare-and-set `open -> submitted` or `open -> cancelled`; null when the review was not open. */
  close(
    id: ReviewId,
    to: 'submitted' | 'cancelled',
    by: { readonly slackUserId: SlackUserId | null; readonly at: Date },
  ): Promise<AccessReview | null>;
  /** What submitting did, recorded once: false (nothing written) when an outcome is already on record. */
  recordOutcome(id: ReviewId, outcome: ReviewOutcome): Promise<boolean>;
  /** Submitted reviews with no outcome, closed before `closedBefore`: their submit was cut off (a crash, a stop). */
  listUnsettled(closedBefore: Date, limit: number): Promise<AccessReview[]>;
  /** Claims one notice of an open review (halfway, due day, overdue): true for the one caller that sets it. */
  markNotice(id: ReviewId, notice: ReviewNotice, at: Date): Promise<boolean>;
}

/**
 * Active time-bound grants of a group (who is a member only until some time); the container reads them from the grants
 * repo.
 */
export interface TimeBoundGrantReader {
  listActiveForGroup(
    teamId: SlackTeamId,
    groupId: GroupId,
  ): Promise<readonly { readonly docspaceUserId: DocSpaceUserId; readonly endsAt: Date }[]>;
}

/** Where reviewers and admins hear about reviews (Slack DMs in production). */
export interface ReviewNotifier {
  /** DMs the reviewer the review: why they are asked, each member with Keep / Remove, and Submit. */
  sendReview(review: AccessReview, decisions: readonly ReviewDecision[]): Promise<void>;
  /** DMs the reviewer a reminder (halfway, or on the due day). */
  remind(review: AccessReview, notice: 'half' | 'due'): Promise<void>;
  /** DMs the reviewer that an admin cancelled their review (nothing of it will be applied). */
  tellCancelled(review: AccessReview): Promise<void>;
  /** DMs these admins that a review is overdue. */
  tellOverdue(adminIds: readonly SlackUserId[], review: AccessReview): Promise<void>;
}
