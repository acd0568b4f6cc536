import { describe, expect, it } from 'vitest';
import type { DryRunMark } from '../../../src/domain/model/dry-run.js';
import { at, groupId, makeRequest, requestId, slackId } from './builders.js';
import { openForTest, type StorageFactory } from './factories.js';

const ID = requestId(7);

const CALLS: DryRunMark = {
  calls: [
    {
      operation: 'addMembers',
      method: 'PUT',
      path: `/api/2.0/group/${groupId()}/members`,
      body: { members: ['a1b2c3d4-0000-4000-8000-000000000001'] },
    },
    { operation: 'deleteGroup', method: 'DELETE', path: `/api/2.0/group/${groupId()}`, body: null },
  ],
};

export function registerDryRunContract(factory: StorageFactory): void {
  describe('requests: the dry-run mark', () => {
    it('stores no mark on a live request, and reads it back without one', async () => {
      const { storage } = await openForTest(factory);
      await storage.requests.insertOrJoin(makeRequest({ id: ID }));
      expect((await storage.requests.get(ID))?.dryRun).toBeUndefined();
    });

    it('keeps the mark of a request made in dry-run, with no calls yet', async () => {
      const { storage } = await openForTest(factory);
      const { request } = await storage.requests.insertOrJoin(makeRequest({ id: ID, dryRun: { calls: [] } }));
      expect(request.dryRun).toEqual({ calls: [] });
      expect((await storage.requests.get(ID))?.dryRun).toEqual({ calls: [] });
    });

    it('marks a live request decided in dry-run, and records the calls its rehearsal would send', async () => {
      const { storage } = await openForTest(factory);
      await storage.requests.insertOrJoin(makeRequest({ id: ID }));
      const approved = await storage.requests.transition(ID, {
        from: ['pending'],
        to: 'approved',
        at: at(1),
        decidedBy: slackId('dave'),
        dryRun: { calls: [] },
      });
      expect(approved?.dryRun).toEqual({ calls: [] });
      const executed = await storage.requests.transition(ID, {
        from: ['approved'],
        to: 'executed',
        at: at(2),
        dryRun: CALLS,
      });
      expect(executed?.dryRun).toEqual(CALLS);
      expect((await storage.requests.get(ID))?.dryRun).toEqual(CALLS);
    });

    it('leaves the mark alone on a transition that does not mention it', async () => {
      const { storage } = await openForTest(factory);
      await storage.requests.insertOrJoin(makeRequest({ id: ID, dryRun: CALLS }));
      const denied = await storage.requests.transition(ID, { from: ['pending'], to: 'denied', at: at(1) });
      expect(denied?.dryRun).toEqual(CALLS);
    });
  });
}
