import { describe, expect, it } from 'vitest';
import type { Storage } from '../../../src/domain/ports.js';
import { at, makeRequest, requestId, slackId, slackUserNo } from './builders.js';
import { openForTest, type StorageFactory } from './factories.js';

const ID = requestId(1);

async function pendingRequest(storage: Storage) {
  const { request } = await storage.requests.insertOrJoin(makeRequest({ id: ID }));
  return request;
}

export function registerTransitionContract(factory: StorageFactory): void {
  describe('requests: transition (compare-and-set)', () => {
    it('approving a pending request sets status, update time, decider, decision time and note, and nothing else', async () => {
      const { storage } = await openForTest(factory);
      const before = await pendingRequest(storage);
      const approved = await storage.requests.transition(ID, {
        from: ['pending'],
        to: 'approved',
        at: at(7),
        decidedBy: slackId('carol'),
        decisionNote: 'fine by me',
      });
      const expected = {
        ...before,
        status: 'approved',
        updatedAt: at(7),
        decidedBy: slackId('carol'),
        decidedAt: at(7),
        decisionNote: 'fine by me',
      };
      expect(approved).toEqual(expected);
      expect(await storage.requests.get(ID)).toEqual(expected);
    });

    it('returns null and changes nothing when the request is not in a from state', async () => {
      const { storage } = await openForTest(factory);
      const before = await pendingRequest(storage);
      expect(
        await storage.requests.transition(ID, { from: ['approved', 'failed'], to: 'executed', at: at(1) }),
      ).toBeNull();
      expect(await storage.requests.get(ID)).toEqual(before);
    });

    it('returns null for an unknown request or an empty from list', async () => {
      const { storage } = await openForTest(factory);
      await pendingRequest(storage);
      expect(
        await storage.requests.transition(requestId(404), { from: ['pending'], to: 'approved', at: at(1) }),
      ).toBeNull();
      expect(await storage.requests.transition(ID, { from: [], to: 'approved', at: at(1) })).toBeNull();
    });

    it('changes only the fields a transition provides, and sets a note or outcome to null when given null', async () => {
      const { storage } = await openForTest(factory);
      await pendingRequest(storage);
      await storage.requests.transition(ID, {
        from: ['pending'],
        to: 'approved',
        at: at(1),
        decidedBy: slackId('carol'),
        decisionNote: 'ok',
      });
      const executed = await storage.requests.transition(ID, {
        from: ['approved'],
        to: 'executed',
        at: at(2),
        outcome: 'added 1',
      });
      expect(executed).toMatchObject({
        status: 'executed',
        decidedBy: slackId('carol'),
        decidedAt: at(1),
        decisionNote: 'ok',
        outcome: 'added 1',
        updatedAt: at(2),
      });
      const cleared = await storage.requests.transition(ID, {
        from: ['executed'],
        to: 'executed',
        at: at(3),
        decisionNote: null,
        outcome: null,
      });
      expect(cleared).toMatchObject({ decisionNote: null, outcome: null, decidedBy: slackId('carol') });
    });

    it('startAttempt counts executions and refuses once attempts reach the maximum', async () => {
      const { storage } = await openForTest(factory);
      await pendingRequest(storage);
      const startAttempt = { maxAttempts: 2 };
      const first = await storage.requests.transition(ID, {
        from: ['pending'],
        to: 'approved',
        at: at(1),
        startAttempt,
      });
      expect(first?.attempts).toBe(1);
      await storage.requests.transition(ID, { from: ['approved'], to: 'failed', at: at(2), outcome: 'timeout' });
      const retry = await storage.requests.transition(ID, {
        from: ['failed'],
        to: 'approved',
        at: at(3),
        startAttempt,
      });
      expect(retry?.attempts).toBe(2);
      await storage.requests.transition(ID, { from: ['approved'], to: 'failed', at: at(4) });
      expect(
        await storage.requests.transition(ID, { from: ['failed'], to: 'approved', at: at(5), startAttempt }),
      ).toBeNull();
      expect(await storage.requests.get(ID)).toMatchObject({ status: 'failed', attempts: 2, updatedAt: at(4) });
    });

    it('lets exactly one of 20 concurrent approvals of one pending request win', async () => {
      const { storage } = await openForTest(factory);
      await pendingRequest(storage);
      const deciders = Array.from({ length: 20 }, (_, i) => slackUserNo(i));
      const results = await Promise.all(
        deciders.map((decidedBy) =>
          storage.requests.transition(ID, { from: ['pending'], to: 'approved', at: at(1), decidedBy }),
        ),
      );
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      expect((await storage.requests.get(ID))?.decidedBy).toBe(winners[0]?.decidedBy);
    });
  });
}
