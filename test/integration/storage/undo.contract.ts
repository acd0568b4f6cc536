import { describe, expect, it } from 'vitest';
import type { UndoClaim } from '../../../src/domain/index.js';
import { at, makeAuditEntry, requestId, slackId, team } from './builders.js';
import { openForTest, type StorageFactory } from './factories.js';

function makeClaim(overrides: Partial<UndoClaim> = {}): UndoClaim {
  return {
    entryId: 1,
    teamId: team(),
    token: 'token-1',
    claimedBy: slackId('alice'),
    claimedAt: at(3),
    requestId: null,
    ...overrides,
  };
}

export function registerUndoContract(factory: StorageFactory): void {
  describe('undo claims', () => {
    it('reads an audit entry by id, and the newest executed change of a request', async () => {
      const { storage } = await openForTest(factory);
      const request = requestId(7);
      await storage.audit.append(makeAuditEntry({ requestId: request, action: 'request', outcome: 'recorded' }));
      const ran = await storage.audit.append(makeAuditEntry({ requestId: request, action: 'members' }));
      await storage.audit.append(makeAuditEntry({ requestId: request, action: 'members', outcome: 'failed' }));
      await storage.audit.append(makeAuditEntry({ requestId: requestId(8), action: 'undo' }));
      expect(await storage.undo.entry(ran.id)).toEqual(ran);
      expect(await storage.undo.entry(ran.id + 100)).toBeNull();
      expect(await storage.undo.executionOf(request)).toEqual(ran);
      expect((await storage.undo.executionOf(requestId(8)))?.action).toBe('undo');
      expect(await storage.undo.executionOf(requestId(9))).toBeNull();
    });

    it('lets exactly one of many concurrent claims of one entry win, and keeps every field', async () => {
      const { storage } = await openForTest(factory);
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, n) => storage.undo.claim(makeClaim({ token: `token-${n}` }))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect(await storage.undo.get(1)).toEqual(makeClaim({ token: `token-${winner}` }));
      expect(await storage.undo.claim(makeClaim({ entryId: 2 }))).toBe(true);
      expect(await storage.undo.get(3)).toBeNull();
    });

    it('attaches a request and releases only with the holder’s token', async () => {
      const { storage } = await openForTest(factory);
      await storage.undo.claim(makeClaim());
      expect(await storage.undo.attachRequest(1, 'other', requestId(2))).toBe(false);
      expect(await storage.undo.attachRequest(1, 'token-1', requestId(2))).toBe(true);
      expect((await storage.undo.get(1))?.requestId).toBe(requestId(2));
      expect(await storage.undo.release(1, 'other')).toBe(false);
      expect(await storage.undo.release(1, 'token-1')).toBe(true);
      expect(await storage.undo.get(1)).toBeNull();
      expect(await storage.undo.claim(makeClaim({ token: 'token-2' }))).toBe(true);
    });
  });
}
