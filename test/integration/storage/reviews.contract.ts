import { describe, expect, it } from 'vitest';
import type { AccessReview, ReviewId, ReviewOutcome } from '../../../src/domain/index.js';
import { at, docspaceId, groupId, nameOf, OTHER_TEAM, slackId, team } from './builders.js';
import { openForTest, type StorageFactory } from './factories.js';

const reviewId = (n: number) => `V${String(n).padStart(12, '0')}` as ReviewId;

function makeReview(overrides: Partial<AccessReview> = {}): AccessReview {
  return {
    id: reviewId(1),
    teamId: team(),
    groupId: groupId(1),
    groupName: 'Finance',
    snapshot: {
      managerId: docspaceId('alice'),
      managerName: nameOf('alice'),
      members: [
        {
          id: docspaceId('alice'),
          name: nameOf('alice'),
          email: 'alice@example.com',
          memberSince: at(-60),
          grantEndsAt: null,
        },
        { id: docspaceId('bob'), name: nameOf('bob'), email: null, memberSince: null, grantEndsAt: at(600) },
      ],
    },
    reviewerSlackId: slackId('alice'),
    reviewerDocSpaceId: docspaceId('alice'),
    reviewerReason: 'manager',
    trigger: 'admin',
    startedBy: slackId('dave'),
    createdAt: at(0),
    dueAt: at(7 * 24 * 60),
    state: 'open',
    closedBy: null,
    closedAt: null,
    outcome: null,
    remindedHalfAt: null,
    remindedDueAt: null,
    escalatedAt: null,
    ...overrides,
  };
}

const outcome: ReviewOutcome = {
  kind: 'applied',
  removed: [docspaceId('bob')],
  alreadyGone: [],
  notReviewed: [docspaceId('carol')],
  requestId: null,
  detail: null,
};

/** The access review repository: one open review per group, decisions only while open, compare-and-set closes. */
export function registerReviewContract(factory: StorageFactory): void {
  describe('access reviews', () => {
    it('stores a review and reads it back exactly, snapshot dates included', async () => {
      const { storage } = await openForTest(factory);
      const review = makeReview();
      expect(await storage.reviews.insert(review)).toBe(true);
      expect(await storage.reviews.get(review.id)).toEqual(review);
      expect(await storage.reviews.findOpen(team(), groupId(1))).toEqual(review);
      expect(await storage.reviews.get(reviewId(99))).toBeNull();
    });

    it('refuses a second open review of the same group, but not of another group or team', async () => {
      const { storage } = await openForTest(factory);
      await storage.reviews.insert(makeReview());
      expect(await storage.reviews.insert(makeReview({ id: reviewId(2) }))).toBe(false);
      expect(await storage.reviews.insert(makeReview({ id: reviewId(3), groupId: groupId(2) }))).toBe(true);
      expect(await storage.reviews.insert(makeReview({ id: reviewId(4), teamId: OTHER_TEAM }))).toBe(true);
      expect(await storage.reviews.get(reviewId(2))).toBeNull();
    });

    it('allows a new review of a group once the open one is closed, and knows when the latest started', async () => {
      const { storage } = await openForTest(factory);
      await storage.reviews.insert(makeReview());
      await storage.reviews.close(reviewId(1), 'submitted', { slackUserId: slackId('alice'), at: at(10) });
      expect(await storage.reviews.insert(makeReview({ id: reviewId(2), createdAt: at(20) }))).toBe(true);
      expect(await storage.reviews.lastStartedAt(team(), groupId(1))).toEqual(at(20));
      expect(await storage.reviews.lastStartedAt(team(), groupId(9))).toBeNull();
    });

    it('stores the last decision per member while open, keeps notes, and refuses decisions once closed', async () => {
      const { storage } = await openForTest(factory);
      await storage.reviews.insert(makeReview());
      const by = slackId('alice');
      expect(
        await storage.reviews.decide(reviewId(1), {
          docspaceUserId: docspaceId('bob'),
          decision: 'keep',
          note: null,
          by,
          at: at(1),
        }),
      ).toBe(true);
      expect(
        await storage.reviews.decide(reviewId(1), {
          docspaceUserId: docspaceId('bob'),
          decision: 'remove',
          note: null,
          by,
          at: at(2),
        }),
      ).toBe(true);
      expect(
        await storage.reviews.note(reviewId(1), {
          docspaceUserId: docspaceId('bob'),
          note: 'left the team',
          by,
          at: at(3),
        }),
      ).toBe(true);
      expect(
        await storage.reviews.note(reviewId(1), { docspaceUserId: docspaceId('alice'), note: 'lead', by, at: at(4) }),
      ).toBe(true);
      expect(await storage.reviews.decisions(reviewId(1))).toEqual(
        [
          {
            reviewId: reviewId(1),
            docspaceUserId: docspaceId('alice'),
            decision: 'keep',
            note: 'lead',
            decidedBy: by,
            decidedAt: at(4),
          },
          {
            reviewId: reviewId(1),
            docspaceUserId: docspaceId('bob'),
            decision: 'remove',
            note: 'left the team',
            decidedBy: by,
            decidedAt: at(3),
          },
        ].sort((a, b) => (a.docspaceUserId < b.docspaceUserId ? -1 : 1)),
      );
      await storage.reviews.close(reviewId(1), 'cancelled', { slackUserId: slackId('dave'), at: at(5) });
      expect(
        await storage.reviews.decide(reviewId(1), {
          docspaceUserId: docspaceId('bob'),
          decision: 'keep',
          note: null,
          by,
          at: at(6),
        }),
      ).toBe(false);
      expect(
        await storage.reviews.note(reviewId(1), { docspaceUserId: docspaceId('bob'), note: 'x', by, at: at(6) }),
      ).toBe(false);
      expect(
        (await storage.reviews.decisions(reviewId(1))).find((d) => d.docspaceUserId === docspaceId('bob'))?.decision,
      ).toBe('remove');
    });

    it('closes a review once: of two submits at the same time exactly one wins, and a cancel after it changes nothing', async () => {
      const { storage } = await openForTest(factory);
      await storage.reviews.insert(makeReview());
      const by = { slackUserId: slackId('alice'), at: at(9) };
      const results = await Promise.all([
        storage.reviews.close(reviewId(1), 'submitted', by),
        storage.reviews.close(reviewId(1), 'submitted', by),
      ]);
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect(results.find((r) => r !== null)).toMatchObject({
        state: 'submitted',
        closedBy: slackId('alice'),
        closedAt: at(9),
      });
      expect(await storage.reviews.close(reviewId(1), 'cancelled', by)).toBeNull();
      expect(await storage.reviews.listUnsettled(at(10), 10)).toEqual([expect.objectContaining({ id: reviewId(1) })]);
      expect(await storage.reviews.listUnsettled(at(9), 10)).toEqual([]);
      expect(await storage.reviews.recordOutcome(reviewId(1), outcome)).toBe(true);
      expect(await storage.reviews.recordOutcome(reviewId(1), { ...outcome, kind: 'failed' })).toBe(false);
      expect((await storage.reviews.get(reviewId(1)))?.outcome).toEqual(outcome);
      expect(await storage.reviews.listUnsettled(at(10), 10)).toEqual([]);
      expect(await storage.reviews.findOpen(team(), groupId(1))).toBeNull();
    });

    it('claims each notice of an open review once, and none of a closed one', async () => {
      const { storage } = await openForTest(factory);
      await storage.reviews.insert(makeReview());
      await storage.reviews.insert(makeReview({ id: reviewId(2), groupId: groupId(2), state: 'submitted' }));
      const claims = await Promise.all([1, 2, 3].map(() => storage.reviews.markNotice(reviewId(1), 'half', at(100))));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await storage.reviews.markNotice(reviewId(1), 'overdue', at(200))).toBe(true);
      expect(await storage.reviews.markNotice(reviewId(2), 'half', at(100))).toBe(false);
      expect(await storage.reviews.get(reviewId(1))).toMatchObject({
        remindedHalfAt: at(100),
        remindedDueAt: null,
        escalatedAt: at(200),
      });
    });

    it('lists a team newest first, open reviews of every team soonest due first, and every review oldest first in pages', async () => {
      const { storage } = await openForTest(factory);
      await storage.reviews.insert(makeReview({ id: reviewId(1), createdAt: at(0), dueAt: at(300) }));
      await storage.reviews.insert(
        makeReview({ id: reviewId(2), groupId: groupId(2), createdAt: at(1), dueAt: at(100) }),
      );
      await storage.reviews.insert(
        makeReview({ id: reviewId(3), teamId: OTHER_TEAM, createdAt: at(2), dueAt: at(200) }),
      );
      await storage.reviews.insert(
        makeReview({ id: reviewId(4), groupId: groupId(4), createdAt: at(3), state: 'cancelled' }),
      );
      expect((await storage.reviews.list(team(), 10)).map((r) => r.id)).toEqual([
        reviewId(4),
        reviewId(2),
        reviewId(1),
      ]);
      expect((await storage.reviews.listOpen(10)).map((r) => r.id)).toEqual([reviewId(2), reviewId(3), reviewId(1)]);
      expect((await storage.reviews.listPage(1, 2)).map((r) => r.id)).toEqual([reviewId(2), reviewId(3)]);
    });
  });
}
