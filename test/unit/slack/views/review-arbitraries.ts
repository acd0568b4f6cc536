import fc from 'fast-check';
import type {
  AccessReview,
  DocSpaceUserId,
  RequestId,
  ReviewDecision,
  ReviewFailure,
  ReviewId,
  ReviewMember,
} from '../../../../src/domain/index.js';
import { domainFailure, groupId, slackUserId, userText } from './arbitraries.js';

// Access reviews as random input for the Block Kit property tests: hostile names, notes and emails, long groups.

const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
const memberId = fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((parts) => parts.join('-') as DocSpaceUserId);
const reviewId = fc.stringMatching(/^V[0-9A-Z]{12}$/).map((id) => id as ReviewId);
const date = fc.date({
  min: new Date('2020-01-01T00:00:00Z'),
  max: new Date('2035-01-01T00:00:00Z'),
  noInvalidDate: true,
});
const maybeDate = fc.option(date, { nil: null });

const member: fc.Arbitrary<ReviewMember> = fc.record({
  id: memberId,
  name: userText(300),
  email: fc.option(userText(200), { nil: null }),
  memberSince: maybeDate,
  grantEndsAt: maybeDate,
});

const outcome = fc.record({
  kind: fc.constantFrom('applied' as const, 'requested' as const, 'nothing' as const, 'failed' as const),
  removed: fc.array(memberId, { maxLength: 200 }),
  alreadyGone: fc.array(memberId, { maxLength: 50 }),
  notReviewed: fc.array(memberId, { maxLength: 200 }),
  requestId: fc.option(
    fc.stringMatching(/^R[0-9A-Z]{10}$/).map((id) => id as RequestId),
    { nil: null },
  ),
  detail: fc.option(userText(400), { nil: null }),
});

export const accessReview: fc.Arbitrary<AccessReview> = fc.record({
  id: reviewId,
  teamId: fc.constant('T0TEAM0001' as AccessReview['teamId']),
  groupId,
  groupName: userText(300),
  snapshot: fc.record({
    managerId: fc.option(memberId, { nil: null }),
    managerName: fc.option(userText(200), { nil: null }),
    members: fc.array(member, { minLength: 1, maxLength: 130 }),
  }),
  reviewerSlackId: slackUserId,
  reviewerDocSpaceId: memberId,
  reviewerReason: fc.constantFrom('manager' as const, 'chosen' as const),
  trigger: fc.constantFrom('admin' as const, 'schedule' as const),
  startedBy: fc.option(slackUserId, { nil: null }),
  createdAt: date,
  dueAt: date,
  state: fc.constantFrom('open' as const, 'submitted' as const, 'cancelled' as const),
  closedBy: fc.option(slackUserId, { nil: null }),
  closedAt: maybeDate,
  outcome: fc.option(outcome, { nil: null }),
  remindedHalfAt: maybeDate,
  remindedDueAt: maybeDate,
  escalatedAt: maybeDate,
});

/** A review with decisions on some of its members (long notes, both verdicts). */
export const reviewWithDecisions: fc.Arbitrary<{ review: AccessReview; decisions: ReviewDecision[] }> =
  accessReview.chain((review) =>
    fc
      .array(
        fc.record({
          decision: fc.constantFrom('keep' as const, 'remove' as const),
          note: fc.option(userText(500), { nil: null }),
          at: date,
        }),
        { maxLength: review.snapshot.members.length, minLength: 0 },
      )
      .map((picks) => ({
        review,
        decisions: picks.map((p, i) => ({
          reviewId: review.id,
          docspaceUserId: (review.snapshot.members[i] as ReviewMember).id,
          decision: p.decision,
          note: p.note,
          decidedBy: review.reviewerSlackId,
          decidedAt: p.at,
        })),
      })),
  );

const reviewOnly: fc.Arbitrary<ReviewFailure> = fc.oneof(
  fc.constant({ code: 'review_admins_only' as const }),
  fc.record({
    code: fc.constant('review_no_reviewer' as const),
    groupName: userText(300),
    managerName: fc.option(userText(200), { nil: null }),
  }),
  fc.record({
    code: fc.constant('review_already_open' as const),
    reviewId,
    groupName: userText(300),
    reviewerSlackId: slackUserId,
    dueAt: date,
  }),
  fc.record({ code: fc.constant('review_not_found' as const), reviewId: userText(100) }),
  fc.record({ code: fc.constant('not_reviewer' as const), reviewerSlackId: slackUserId }),
  fc.record({
    code: fc.constant('review_closed' as const),
    reviewId,
    state: fc.constantFrom('open' as const, 'submitted' as const, 'cancelled' as const),
  }),
  fc.record({ code: fc.constant('review_group_gone' as const), reviewId, groupName: userText(300) }),
  fc.record({ code: fc.constant('review_member_unknown' as const), reviewId }),
  fc.record({ code: fc.constant('review_note_too_long' as const), max: fc.nat(1000) }),
  fc.record({ code: fc.constant('review_empty_group' as const), groupName: userText(300) }),
);

export const reviewFailure: fc.Arbitrary<ReviewFailure> = fc.oneof(reviewOnly, domainFailure);
