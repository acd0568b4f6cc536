import type { DomainFailure } from '../model/failures.js';
import type { DocSpaceUserId, GroupId, RequestId, SlackTeamId, SlackUserId } from '../model/ids.js';

/** An access review's id: `V` and 10+ upper-case letters or digits (short enough for buttons and commands). */
export type ReviewId = string & { readonly __review: true };

const REVIEW_ID = /^V[0-9A-Z]{10,40}$/;

export function toReviewId(value: string): ReviewId | null {
  return REVIEW_ID.test(value) ? (value as ReviewId) : null;
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function randomReviewId(): ReviewId {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(12));
  return `V${[...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('')}` as ReviewId;
}

/** open: waiting for the reviewer; submitted: decided and (being) applied; cancelled: an admin called it off. */
export const REVIEW_STATES = ['open', 'submitted', 'cancelled'] as const;
type ReviewState = (typeof REVIEW_STATES)[number];

/** Why this person reviews: they manage the group, or an admin chose them. */
export const REVIEWER_REASONS = ['manager', 'chosen'] as const;
export type ReviewerReason = (typeof REVIEWER_REASONS)[number];

export const REVIEW_TRIGGERS = ['admin', 'schedule'] as const;
export type ReviewTrigger = (typeof REVIEW_TRIGGERS)[number];

/** One member as the review started: what the reviewer is shown. */
export interface ReviewMember {
  readonly id: DocSpaceUserId;
  readonly name: string;
  readonly email: string | null;
  /** When the bot's audit log last saw them added, if it did. */
  readonly memberSince: Date | null;
  /** The end of their time-bound grant, when they have one. */
  readonly grantEndsAt: Date | null;
}

export interface ReviewSnapshot {
  readonly managerId: DocSpaceUserId | null;
  readonly managerName: string | null;
  readonly members: readonly ReviewMember[];
}

export const REVIEW_OUTCOME_KINDS = ['applied', 'requested', 'nothing', 'failed'] as const;
type ReviewOutcomeKind = (typeof REVIEW_OUTCOME_KINDS)[number];

/** What submitting did: the removals written at once, filed as one request, none asked for, or a failed write. */
export interface ReviewOutcome {
  readonly kind: ReviewOutcomeKind;
  /** The members removed (applied) or asked to be removed (requested). */
  readonly removed: readonly DocSpaceUserId[];
  /** Asked to be removed but already gone from the group at submit. */
  readonly alreadyGone: readonly DocSpaceUserId[];
  /** Members added since the review started: not reviewed, not touched. */
  readonly notReviewed: readonly DocSpaceUserId[];
  readonly requestId: RequestId | null;
  readonly detail: string | null;
}

export interface AccessReview {
  readonly id: ReviewId;
  readonly teamId: SlackTeamId;
  readonly groupId: GroupId;
  readonly groupName: string;
  readonly snapshot: ReviewSnapshot;
  readonly reviewerSlackId: SlackUserId;
  readonly reviewerDocSpaceId: DocSpaceUserId;
  readonly reviewerReason: ReviewerReason;
  readonly trigger: ReviewTrigger;
  /** The admin who started it; null for the schedule. */
  readonly startedBy: SlackUserId | null;
  readonly createdAt: Date;
  readonly dueAt: Date;
  readonly state: ReviewState;
  /** Who submitted or cancelled it, and when. */
  readonly closedBy: SlackUserId | null;
  readonly closedAt: Date | null;
  readonly outcome: ReviewOutcome | null;
  readonly remindedHalfAt: Date | null;
  readonly remindedDueAt: Date | null;
  readonly escalatedAt: Date | null;
}

export const REVIEW_DECISIONS = ['keep', 'remove'] as const;
export type ReviewVerdict = (typeof REVIEW_DECISIONS)[number];

/** The reviewer's decision on one member, stored as it is clicked (the last click counts until submit). */
export interface ReviewDecision {
  readonly reviewId: ReviewId;
  readonly docspaceUserId: DocSpaceUserId;
  readonly decision: ReviewVerdict;
  readonly note: string | null;
  readonly decidedBy: SlackUserId;
  readonly decidedAt: Date;
}

export const REVIEW_NOTE_MAX = 500;

/** The reminders and the escalation, each sent once (a compare-and-set on its column). */
const REVIEW_NOTICES = ['half', 'due', 'overdue'] as const;
export type ReviewNotice = (typeof REVIEW_NOTICES)[number];

/** Expected failures of the review use cases (the shared ones too); slack/messages.ts words each. */
export type ReviewFailure =
  | DomainFailure
  | { readonly code: 'review_admins_only' }
  /** No manager, or a manager not linked to Slack, and no reviewer given. */
  | { readonly code: 'review_no_reviewer'; readonly groupName: string; readonly managerName: string | null }
  | {
      readonly code: 'review_already_open';
      readonly reviewId: ReviewId;
      readonly groupName: string;
      readonly reviewerSlackId: SlackUserId;
      readonly dueAt: Date;
    }
  | { readonly code: 'review_not_found'; readonly reviewId: string }
  | { readonly code: 'not_reviewer'; readonly reviewerSlackId: SlackUserId }
  | { readonly code: 'review_closed'; readonly reviewId: ReviewId; readonly state: ReviewState }
  | { readonly code: 'review_group_gone'; readonly reviewId: ReviewId; readonly groupName: string }
  | { readonly code: 'review_member_unknown'; readonly reviewId: ReviewId }
  | { readonly code: 'review_note_too_long'; readonly max: number }
  | { readonly code: 'review_empty_group'; readonly groupName: string };

/** When the halfway reminder, the due-day reminder and the escalation are due. */
export function noticeTimes(review: Pick<AccessReview, 'createdAt' | 'dueAt'>): Record<ReviewNotice, Date> {
  const start = review.createdAt.getTime();
  const due = review.dueAt.getTime();
  const day = 24 * 3_600_000;
  const half = start + (due - start) / 2;
  // "On the due date": the last day before it is due, never before the halfway reminder.
  const dueDay = Math.max(half, due - day);
  return { half: new Date(half), due: new Date(dueDay), overdue: new Date(due) };
}
