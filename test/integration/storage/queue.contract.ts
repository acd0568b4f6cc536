import { describe, expect, it } from 'vitest';
import type { Storage } from '../../../src/domain/ports.js';
import { at, makeRequest, OTHER_TEAM, requestId, slackId, slackUserNo, team } from './builders.js';
import { openForTest, type StorageFactory } from './factories.js';

// Keeping every request decidable, as every store must: the pending queue oldest first with a count, a requester's
// withdrawal, the card post claims (one poster at a time across replicas) and the once-per-problem channel alerts.

const ID = requestId(1);

async function file(storage: Storage, n: number, overrides: Parameters<typeof makeRequest>[0] = {}) {
  const { request } = await storage.requests.insertOrJoin(
    makeRequest({ id: requestId(n), fingerprint: `fp-${n}`, createdAt: at(n), updatedAt: at(n), ...overrides }),
  );
  return request;
}

const lease = (minute: number) => ({ now: at(minute), leaseUntil: at(minute + 2) });

export function registerQueueContract(factory: StorageFactory): void {
  describe('requests: the pending queue', () => {
    it('lists pending requests oldest first, a page at a time, and counts them all', async () => {
      const { storage } = await openForTest(factory);
      for (const n of [3, 1, 4, 2, 5]) await file(storage, n);
      await file(storage, 6, { teamId: OTHER_TEAM });
      await file(storage, 7, { status: 'denied' });
      const ids = async (limit: number, offset?: number) =>
        (await storage.requests.listPending(team(), { limit, ...(offset === undefined ? {} : { offset }) })).map(
          (r) => r.id,
        );
      expect([await ids(2), await ids(2, 2), await ids(2, 4), await ids(2, 6)]).toEqual([
        [requestId(1), requestId(2)],
        [requestId(3), requestId(4)],
        [requestId(5)],
        [],
      ]);
      expect(await storage.requests.countPending(team(), {})).toBe(5);
    });

    it('counts and pages only the requests one person asked for, joined ones included', async () => {
      const { storage } = await openForTest(factory);
      await file(storage, 1);
      await file(storage, 2, { requesterIds: [slackId('bob')] });
      await storage.requests.insertOrJoin(
        makeRequest({ id: requestId(9), fingerprint: 'fp-1', requesterIds: [slackId('bob')] }),
      );
      const bobs = { requesterId: slackId('bob') };
      expect([
        await storage.requests.countPending(team(), bobs),
        (await storage.requests.listPending(team(), { ...bobs, limit: 1, offset: 1 })).map((r) => r.id),
        await storage.requests.countPending(team(), { requesterId: slackId('carol') }),
      ]).toEqual([2, [requestId(2)], 0]);
    });
  });

  describe('requests: withdraw', () => {
    it('removes a co-requester and keeps the request pending for the others, in their order', async () => {
      const { storage } = await openForTest(factory);
      const before = await file(storage, 1, { requesterIds: [slackId('alice'), slackId('bob'), slackId('carol')] });
      const result = await storage.requests.withdraw(before.id, slackId('bob'), at(9));
      const expected = { ...before, requesterIds: [slackId('alice'), slackId('carol')], updatedAt: at(9) };
      expect(result).toEqual({ request: expected, cancelled: false });
      expect(await storage.requests.get(before.id)).toEqual(expected);
    });

    it('cancels the request, decided by them, when the last requester withdraws', async () => {
      const { storage } = await openForTest(factory);
      const before = await file(storage, 1);
      const result = await storage.requests.withdraw(before.id, slackId('alice'), at(9));
      expect(result).toEqual({
        request: { ...before, status: 'cancelled', updatedAt: at(9), decidedBy: slackId('alice'), decidedAt: at(9) },
        cancelled: true,
      });
    });

    it('returns null for someone who is not a requester, or a request no longer pending', async () => {
      const { storage } = await openForTest(factory);
      await file(storage, 1);
      await file(storage, 2, { status: 'denied' });
      expect([
        await storage.requests.withdraw(requestId(1), slackId('bob'), at(9)),
        await storage.requests.withdraw(requestId(2), slackId('alice'), at(9)),
        await storage.requests.withdraw(requestId(404), slackId('alice'), at(9)),
      ]).toEqual([null, null, null]);
      expect((await storage.requests.get(requestId(1)))?.status).toBe('pending');
    });

    it('leaves no request pending with nobody when its 10 requesters all withdraw at once', async () => {
      const { storage } = await openForTest(factory);
      const askers = Array.from({ length: 10 }, (_, i) => slackUserNo(i));
      await file(storage, 1, { requesterIds: askers });
      const results = await Promise.all(askers.map((a) => storage.requests.withdraw(ID, a, at(9))));
      expect(results.filter((r) => r?.cancelled === true)).toHaveLength(1);
      expect(results.filter((r) => r === null)).toEqual([]);
      expect(await storage.requests.get(ID)).toMatchObject({ status: 'cancelled', requesterIds: [expect.any(String)] });
    });
  });

  describe('requests: missing approval cards', () => {
    it('claims a never-tried card at once and counts the attempt; the claim holds it until its lease ends', async () => {
      const { storage } = await openForTest(factory);
      await file(storage, 1);
      expect(await storage.requests.claimCardPost(ID, lease(10))).toBe(1);
      expect(await storage.requests.claimCardPost(ID, lease(11))).toBeNull();
      expect(await storage.requests.claimCardPost(ID, lease(12))).toBe(2);
    });

    it('lets exactly one of 10 simultaneous claims win', async () => {
      const { storage } = await openForTest(factory);
      await file(storage, 1);
      const claims = await Promise.all(Array.from({ length: 10 }, () => storage.requests.claimCardPost(ID, lease(10))));
      expect(claims.filter((c) => c !== null)).toEqual([1]);
    });

    it('holds a failed card until its retry time, then lists and lets it be claimed again', async () => {
      const { storage } = await openForTest(factory);
      await file(storage, 1);
      await storage.requests.claimCardPost(ID, lease(10));
      await storage.requests.recordCardPostFailure(ID, { error: 'not_in_channel', retryAt: at(20) });
      expect([
        (await storage.requests.listMissingCards(at(19), 10)).map((r) => r.id),
        await storage.requests.claimCardPost(ID, lease(19)),
        (await storage.requests.listMissingCards(at(20), 10)).map((r) => r.id),
        await storage.requests.claimCardPost(ID, lease(20)),
      ]).toEqual([[], null, [ID], 2]);
    });

    it('never claims or lists a request that has its card, or is no longer pending', async () => {
      const { storage } = await openForTest(factory);
      await file(storage, 1);
      await file(storage, 2, { status: 'denied' });
      await storage.requests.setCard(ID, { channelId: 'C0APPROVE1', ts: '1767225600.000100' });
      expect([
        await storage.requests.claimCardPost(ID, lease(10)),
        await storage.requests.claimCardPost(requestId(2), lease(10)),
        await storage.requests.listMissingCards(at(10), 10),
      ]).toEqual([null, null, []]);
    });

    it('lists the never-tried first by filing time, a card that keeps failing after them', async () => {
      const { storage } = await openForTest(factory);
      for (const n of [1, 2, 3]) await file(storage, n);
      await storage.requests.claimCardPost(requestId(1), lease(10));
      await storage.requests.recordCardPostFailure(requestId(1), { error: 'other', retryAt: at(11) });
      await file(storage, 4, { teamId: OTHER_TEAM });
      const due = await storage.requests.listMissingCards(at(30), 10);
      expect(due.map((r) => r.id)).toEqual([requestId(2), requestId(3), requestId(4), requestId(1)]);
      expect((await storage.requests.listMissingCards(at(30), 2)).map((r) => r.id)).toEqual([
        requestId(2),
        requestId(3),
      ]);
    });

    it('keeps the request itself as it was: the card bookkeeping is not part of it', async () => {
      const { storage } = await openForTest(factory);
      const before = await file(storage, 1);
      await storage.requests.claimCardPost(ID, lease(10));
      await storage.requests.recordCardPostFailure(ID, { error: 'network', retryAt: at(11) });
      expect(await storage.requests.get(ID)).toEqual(before);
    });
  });

  describe('channel alerts', () => {
    it('says yes once per channel and problem, again for another problem, and again after a clear', async () => {
      const { storage } = await openForTest(factory);
      const raise = (channel: string, problem: 'not_in_channel' | 'is_archived') =>
        storage.alerts.raise(channel, problem, at(1));
      expect([
        await raise('C0APPROVE1', 'not_in_channel'),
        await raise('C0APPROVE1', 'not_in_channel'),
        await raise('C0OTHER001', 'not_in_channel'),
        await raise('C0APPROVE1', 'is_archived'),
        await storage.alerts.clear('C0APPROVE1'),
        await storage.alerts.clear('C0APPROVE1'),
        await raise('C0APPROVE1', 'is_archived'),
      ]).toEqual([true, false, true, true, true, false, true]);
    });

    it('says yes to exactly one of 10 replicas raising the same problem at once', async () => {
      const { storage } = await openForTest(factory);
      const raised = await Promise.all(
        Array.from({ length: 10 }, () => storage.alerts.raise('C0APPROVE1', 'channel_not_found', at(1))),
      );
      expect(raised.filter(Boolean)).toHaveLength(1);
    });
  });
}
