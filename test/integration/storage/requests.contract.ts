import { describe, expect, it } from 'vitest';
import { isStorageError } from '../../../src/storage/index.js';
import { at, makeRequest, OTHER_TEAM, requestId, slackId, slackUserNo, team } from './builders.js';
import { openForTest, type StorageFactory } from './factories.js';

export function registerRequestContract(factory: StorageFactory): void {
  describe('requests: insert, join and read', () => {
    it('creates a pending request that reads back field for field', async () => {
      const { storage } = await openForTest(factory);
      const request = makeRequest();
      expect(await storage.requests.insertOrJoin(request)).toEqual({ request, created: true });
      expect(await storage.requests.get(request.id)).toEqual(request);
    });

    it('returns null for an unknown request id', async () => {
      const { storage } = await openForTest(factory);
      expect(await storage.requests.get(requestId(404))).toBeNull();
    });

    it('adds a second asker of the same pending change to the first request instead of creating another', async () => {
      const { storage } = await openForTest(factory);
      const first = makeRequest();
      await storage.requests.insertOrJoin(first);
      const second = makeRequest({ id: requestId(2), requesterIds: [slackId('bob')], createdAt: at(5) });
      const joined = await storage.requests.insertOrJoin(second);
      expect(joined).toEqual({
        request: { ...first, requesterIds: [slackId('alice'), slackId('bob')] },
        created: false,
      });
      expect(await storage.requests.get(first.id)).toEqual(joined.request);
      expect(await storage.requests.get(second.id)).toBeNull();
    });

    it('lists a requester who asks twice only once', async () => {
      const { storage } = await openForTest(factory);
      await storage.requests.insertOrJoin(makeRequest());
      await storage.requests.insertOrJoin(makeRequest({ id: requestId(2), requesterIds: [slackId('bob')] }));
      const again = await storage.requests.insertOrJoin(makeRequest({ id: requestId(3) }));
      expect(again.created).toBe(false);
      expect(again.request.requesterIds).toEqual([slackId('alice'), slackId('bob')]);
    });

    it('creates a separate request for the same change in another team', async () => {
      const { storage } = await openForTest(factory);
      await storage.requests.insertOrJoin(makeRequest());
      const other = makeRequest({ id: requestId(2), teamId: OTHER_TEAM });
      expect(await storage.requests.insertOrJoin(other)).toEqual({ request: other, created: true });
    });

    it('creates a new request for a change whose earlier request is no longer pending', async () => {
      const { storage } = await openForTest(factory);
      await storage.requests.insertOrJoin(makeRequest());
      await storage.requests.transition(requestId(1), { from: ['pending'], to: 'denied', at: at(1) });
      const again = makeRequest({ id: requestId(2), createdAt: at(2), updatedAt: at(2) });
      expect(await storage.requests.insertOrJoin(again)).toEqual({ request: again, created: true });
    });

    it('refuses a new request that reuses the id of an existing one with a StorageError', async () => {
      const { storage } = await openForTest(factory);
      await storage.requests.insertOrJoin(makeRequest());
      await storage.requests.transition(requestId(1), { from: ['pending'], to: 'cancelled', at: at(1) });
      const error: unknown = await storage.requests.insertOrJoin(makeRequest()).catch((e: unknown) => e);
      expect(isStorageError(error) && error.code).toBe('query_failed');
      expect((await storage.requests.get(requestId(1)))?.status).toBe('cancelled');
    });

    it('keeps one pending request with every asker when 20 people ask for the same change at once', async () => {
      const { storage } = await openForTest(factory);
      const askers = Array.from({ length: 20 }, (_, i) => slackUserNo(i));
      const results = await Promise.all(
        askers.map((asker, i) =>
          storage.requests.insertOrJoin(makeRequest({ id: requestId(100 + i), requesterIds: [asker] })),
        ),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const pending = await storage.requests.listPending(team(), { limit: 50 });
      expect(pending).toHaveLength(1);
      expect([...(pending[0]?.requesterIds ?? [])].sort()).toEqual([...askers].sort());
    });

    it('setCard stores where the approval card was posted', async () => {
      const { storage } = await openForTest(factory);
      await storage.requests.insertOrJoin(makeRequest());
      await storage.requests.setCard(requestId(1), { channelId: 'C0APPROVE1', ts: '1767225600.000100' });
      expect((await storage.requests.get(requestId(1)))?.card).toEqual({
        channelId: 'C0APPROVE1',
        ts: '1767225600.000100',
      });
    });
  });

  describe('requests: listings', () => {
    it("lists the team's pending requests oldest first, up to the limit", async () => {
      const { storage } = await openForTest(factory);
      for (const [n, minute] of [
        [1, 0],
        [2, 20],
        [3, 10],
      ] as const) {
        await storage.requests.insertOrJoin(
          makeRequest({ id: requestId(n), fingerprint: `fp-${n}`, createdAt: at(minute) }),
        );
      }
      await storage.requests.insertOrJoin(makeRequest({ id: requestId(4), fingerprint: 'fp-4', teamId: OTHER_TEAM }));
      await storage.requests.insertOrJoin(
        makeRequest({ id: requestId(5), fingerprint: 'fp-5', createdAt: at(30), status: 'denied' }),
      );
      const ids = async (limit: number) => (await storage.requests.listPending(team(), { limit })).map((r) => r.id);
      expect(await ids(10)).toEqual([requestId(1), requestId(3), requestId(2)]);
      expect(await ids(2)).toEqual([requestId(1), requestId(3)]);
    });

    it('lists only the pending requests a user asked for, including ones they joined', async () => {
      const { storage } = await openForTest(factory);
      await storage.requests.insertOrJoin(makeRequest({ id: requestId(1), fingerprint: 'fp-1' }));
      await storage.requests.insertOrJoin(
        makeRequest({ id: requestId(2), fingerprint: 'fp-2', requesterIds: [slackId('bob')] }),
      );
      await storage.requests.insertOrJoin(
        makeRequest({ id: requestId(3), fingerprint: 'fp-1', requesterIds: [slackId('bob')] }),
      );
      const mine = await storage.requests.listPending(team(), { requesterId: slackId('bob'), limit: 10 });
      expect(mine.map((r) => r.id).sort()).toEqual([requestId(1), requestId(2)]);
      const alices = await storage.requests.listPending(team(), { requesterId: slackId('alice'), limit: 10 });
      expect(alices.map((r) => r.id)).toEqual([requestId(1)]);
    });

    it('lists pending requests whose expiry is at or before now, earliest expiry first', async () => {
      const { storage } = await openForTest(factory);
      const add = (n: number, expiresAt: Date, status: 'pending' | 'approved' = 'pending') =>
        storage.requests.insertOrJoin(makeRequest({ id: requestId(n), fingerprint: `fp-${n}`, expiresAt, status }));
      await add(1, at(60));
      await add(2, at(30));
      await add(3, new Date(at(60).getTime() + 1));
      await add(4, at(10), 'approved');
      const expired = await storage.requests.listExpired(at(60), 10);
      expect(expired.map((r) => r.id)).toEqual([requestId(2), requestId(1)]);
      expect((await storage.requests.listExpired(at(60), 1)).map((r) => r.id)).toEqual([requestId(2)]);
    });

    it('lists requests left in a status since before a time, oldest update first', async () => {
      const { storage } = await openForTest(factory);
      const add = (n: number, updatedAt: Date, status: 'approved' | 'pending') =>
        storage.requests.insertOrJoin(makeRequest({ id: requestId(n), fingerprint: `fp-${n}`, updatedAt, status }));
      await add(1, at(5), 'approved');
      await add(2, at(1), 'approved');
      await add(3, at(10), 'approved');
      await add(4, at(1), 'pending');
      const stuck = await storage.requests.listStuck('approved', at(10), 10);
      expect(stuck.map((r) => r.id)).toEqual([requestId(2), requestId(1)]);
    });

    it('counts requests in every status across teams, with 0 for the statuses nobody is in', async () => {
      const { storage } = await openForTest(factory);
      expect(Object.values(await storage.requests.countByStatus())).toEqual([0, 0, 0, 0, 0, 0, 0]);
      const add = (n: number, status: 'pending' | 'approved' | 'denied', teamId = team()) =>
        storage.requests.insertOrJoin(makeRequest({ id: requestId(n), fingerprint: `fp-${n}`, status, teamId }));
      await add(1, 'pending');
      await add(2, 'pending', OTHER_TEAM);
      await add(3, 'approved');
      await add(4, 'denied');
      await add(5, 'denied');
      await storage.requests.transition(requestId(3), { from: ['approved'], to: 'executed', at: at(1) });
      expect(await storage.requests.countByStatus()).toEqual({
        pending: 2,
        approved: 0,
        executed: 1,
        failed: 0,
        denied: 2,
        expired: 0,
        cancelled: 0,
      });
    });

    it("counts a user's pending requests in their team, joined ones included, for the pending limit", async () => {
      const { storage } = await openForTest(factory);
      const add = (n: number, overrides: Parameters<typeof makeRequest>[0] = {}) =>
        storage.requests.insertOrJoin(makeRequest({ id: requestId(n), fingerprint: `fp-${n}`, ...overrides }));
      await add(1);
      await add(2);
      await add(3, { requesterIds: [slackId('bob')] });
      await add(4, { fingerprint: 'fp-3' }); // alice joins bob's
      await add(5, { status: 'denied' });
      await add(6, { teamId: OTHER_TEAM });
      expect(await storage.requests.countPendingBy(team(), slackId('alice'))).toBe(3);
      expect(await storage.requests.countPendingBy(team(), slackId('bob'))).toBe(1);
      expect(await storage.requests.countPendingBy(team(), slackId('carol'))).toBe(0);
    });

    it('finds the pending request with a fingerprint (the one a filing would join), and nothing else', async () => {
      const { storage } = await openForTest(factory);
      const pending = makeRequest({ id: requestId(1), fingerprint: 'fp-1' });
      await storage.requests.insertOrJoin(pending);
      await storage.requests.insertOrJoin(makeRequest({ id: requestId(2), fingerprint: 'fp-2', status: 'denied' }));
      expect(await storage.requests.findPendingTwin(team(), 'fp-1')).toEqual(pending);
      expect(await storage.requests.findPendingTwin(team(), 'fp-2')).toBeNull();
      expect(await storage.requests.findPendingTwin(OTHER_TEAM, 'fp-1')).toBeNull();
    });

    it('returns no rows for a zero or negative limit', async () => {
      const { storage } = await openForTest(factory);
      await storage.requests.insertOrJoin(makeRequest());
      expect(await storage.requests.listPending(team(), { limit: 0 })).toEqual([]);
      expect(await storage.requests.listExpired(at(10_000), -1)).toEqual([]);
    });
  });
}
