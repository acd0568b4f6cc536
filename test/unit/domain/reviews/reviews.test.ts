import { describe, expect, it } from 'vitest';
import type { AccessReview, ReviewNotifier, SlackUserId } from '../../../../src/domain/index.js';
import { createReviewServices, type ReviewId } from '../../../../src/domain/index.js';
import {
  callerOf,
  docspaceIdOf,
  groupNamed,
  HOUR,
  makeDomainDeps,
  seedDevTeam,
  slackIdOf,
  unwrap,
} from '../../../helpers/domain-fakes.js';

const DAY = 24 * HOUR;

function createRecordingReviewNotifier() {
  const sent: {
    kind: 'review' | 'half' | 'due' | 'overdue' | 'cancelled';
    to: readonly SlackUserId[];
    review: AccessReview;
  }[] = [];
  const notifier: ReviewNotifier = {
    sendReview: async (review) => void sent.push({ kind: 'review', to: [review.reviewerSlackId], review }),
    remind: async (review, notice) => void sent.push({ kind: notice, to: [review.reviewerSlackId], review }),
    tellCancelled: async (review) => void sent.push({ kind: 'cancelled', to: [review.reviewerSlackId], review }),
    tellOverdue: async (admins, review) => void sent.push({ kind: 'overdue', to: admins, review }),
  };
  return { sent, notifier };
}

function setup(options: { removalsApply?: boolean; endsAt?: Date } = {}) {
  const deps = makeDomainDeps();
  const group = seedDevTeam(deps.docspace, ['alice', 'bob', 'carol']);
  const recording = createRecordingReviewNotifier();
  let n = 0;
  const reviews = createReviewServices({
    ...deps,
    reviews: deps.storage.reviews,
    reviewNotifier: recording.notifier,
    reviewSettings: { intervalDays: 0, dueDays: 7, removalsApply: options.removalsApply ?? true },
    newReviewId: () => `V${String(++n).padStart(12, '0')}` as ReviewId,
    grantReader: {
      listActiveForGroup: async () =>
        options.endsAt ? [{ docspaceUserId: docspaceIdOf('bob'), endsAt: options.endsAt }] : [],
    },
  });
  return { deps, group, reviews, sent: recording.sent };
}

describe('access reviews (domain)', () => {
  it('shows each time-bound grant with its expiry, from the grants reader', async () => {
    const endsAt = new Date('2025-04-01T00:00:00Z');
    const { reviews } = setup({ endsAt });
    const review = unwrap(await reviews.start(callerOf('owner'), groupNamed('Development Team'), slackIdOf('carol')));
    const bob = review.snapshot.members.find((m) => m.id === docspaceIdOf('bob'));
    expect(bob?.grantEndsAt).toEqual(endsAt);
    expect(review.snapshot.members.filter((m) => m.grantEndsAt !== null)).toHaveLength(1);
    expect(review.reviewerReason).toBe('chosen');
  });

  it('sends only the due-day reminder when the first sweep runs after it (a bot that was down): one nudge, not two', async () => {
    const { deps, reviews, sent } = setup();
    unwrap(await reviews.start(callerOf('owner'), groupNamed('Development Team'), slackIdOf('carol')));
    deps.clock.advance(6.5 * DAY);
    expect(await reviews.sweep()).toEqual({ reminded: 1, escalated: 0, scheduled: 0, interrupted: 0 });
    expect(sent.map((s) => s.kind)).toEqual(['review', 'due']);
    expect(await reviews.sweep()).toEqual({ reminded: 0, escalated: 0, scheduled: 0, interrupted: 0 });
  });

  it('audits a decision once when the same button is clicked twice, and refuses someone not in the review', async () => {
    const { deps, reviews } = setup();
    const review = unwrap(await reviews.start(callerOf('owner'), groupNamed('Development Team'), slackIdOf('carol')));
    const carol = callerOf('carol');
    unwrap(await reviews.decide(carol, review.id, docspaceIdOf('bob'), 'remove'));
    unwrap(await reviews.decide(carol, review.id, docspaceIdOf('bob'), 'remove'));
    const decisions = (await deps.storage.audit.list({ limit: 50 })).filter((e) => e.action === 'review_decision');
    expect(decisions).toHaveLength(1);
    const stranger = await reviews.decide(carol, review.id, docspaceIdOf('erin'), 'remove');
    expect(stranger).toEqual({ ok: false, error: { code: 'review_member_unknown', reviewId: review.id } });
  });

  it("files a chosen reviewer's removals as one request even with REVIEW_REMOVALS_APPLY: only the manager's apply", async () => {
    const { deps, group, reviews } = setup();
    const review = unwrap(await reviews.start(callerOf('owner'), groupNamed('Development Team'), slackIdOf('carol')));
    unwrap(await reviews.decide(callerOf('carol'), review.id, docspaceIdOf('bob'), 'remove'));
    const done = unwrap(await reviews.submit(callerOf('carol'), review.id));
    expect(done.review.outcome?.kind).toBe('requested');
    const request = await deps.storage.requests.get(done.review.outcome?.requestId as never);
    expect(request?.change).toEqual({ kind: 'members', groupId: group.id, add: [], remove: [docspaceIdOf('bob')] });
    expect((await deps.docspace.getGroup(group.id, { includeMembers: true })).members.map((m) => m.id)).toContain(
      docspaceIdOf('bob'),
    );
  });

  it('marks a submit that was cut off after closing the review as failed, once, and never applies it again', async () => {
    const { deps, group, reviews } = setup();
    const review = unwrap(await reviews.start(callerOf('owner'), groupNamed('Development Team'), slackIdOf('carol')));
    unwrap(await reviews.decide(callerOf('carol'), review.id, docspaceIdOf('bob'), 'remove'));
    // What a crash right after the compare-and-set leaves behind: submitted, no outcome.
    await deps.storage.reviews.close(review.id, 'submitted', { slackUserId: slackIdOf('carol'), at: deps.clock.now() });
    expect((await reviews.sweep()).interrupted).toBe(0);
    deps.clock.advance(16 * 60_000);
    expect((await reviews.sweep()).interrupted).toBe(1);
    expect((await reviews.sweep()).interrupted).toBe(0);
    const settled = await deps.storage.reviews.get(review.id);
    expect(settled?.outcome).toMatchObject({ kind: 'failed', removed: [docspaceIdOf('bob')] });
    expect((await deps.docspace.getGroup(group.id, { includeMembers: true })).members.map((m) => m.id)).toContain(
      docspaceIdOf('bob'),
    );
  });

  it('lets a non-admin see only the reviews they are asked to do', async () => {
    const { reviews } = setup();
    unwrap(await reviews.start(callerOf('owner'), groupNamed('Development Team'), slackIdOf('carol')));
    expect(unwrap(await reviews.status(callerOf('bob'))).reviews).toEqual([]);
    expect(unwrap(await reviews.status(callerOf('carol'))).reviews).toHaveLength(1);
    expect(unwrap(await reviews.status(callerOf('owner')))).toMatchObject({ admin: true });
  });
});
