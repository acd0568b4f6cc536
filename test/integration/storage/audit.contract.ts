import { describe, expect, it } from 'vitest';
import { at, groupId, makeAuditEntry, OTHER_TEAM, team } from './builders.js';
import { openForTest, type StorageFactory } from './factories.js';

export function registerAuditContract(factory: StorageFactory): void {
  describe('audit', () => {
    it('appends entries with increasing ids and returns each as it reads back', async () => {
      const { storage } = await openForTest(factory);
      const first = await storage.audit.append(makeAuditEntry());
      const second = await storage.audit.append(makeAuditEntry({ at: at(1), action: 'approve', outcome: 'recorded' }));
      expect(first).toEqual({ ...makeAuditEntry(), id: first.id });
      expect(second.id).toBeGreaterThan(first.id);
      expect(await storage.audit.listAfter(0, 10)).toEqual([first, second]);
    });

    it('keeps before and after as JSON: null stays null, undefined stays undefined, nested values survive', async () => {
      const { storage } = await openForTest(factory);
      const nested = { id: groupId(), memberIds: ['a', 'b'], manager: null, count: 2, ok: true };
      const entry = makeAuditEntry({ before: null, after: nested, onBehalfOf: [], teamId: null, actorSlackId: null });
      await storage.audit.append(entry);
      await storage.audit.append(makeAuditEntry({ before: undefined, after: 'renamed' }));
      const [a, b] = await storage.audit.listAfter(0, 10);
      expect(a).toMatchObject({ before: null, after: nested, onBehalfOf: [], teamId: null, actorSlackId: null });
      expect(b?.before).toBeUndefined();
      expect(b?.after).toBe('renamed');
    });

    it('lists newest first, up to the limit', async () => {
      const { storage } = await openForTest(factory);
      for (const action of ['create', 'rename', 'delete'] as const)
        await storage.audit.append(makeAuditEntry({ action }));
      expect((await storage.audit.list({ limit: 10 })).map((e) => e.action)).toEqual(['delete', 'rename', 'create']);
      expect((await storage.audit.list({ limit: 2 })).map((e) => e.action)).toEqual(['delete', 'rename']);
    });

    it('lists only the entries of a team, of a group, or of both', async () => {
      const { storage } = await openForTest(factory);
      await storage.audit.append(makeAuditEntry({ action: 'create' }));
      await storage.audit.append(makeAuditEntry({ action: 'rename', groupId: groupId(2) }));
      await storage.audit.append(makeAuditEntry({ action: 'delete', teamId: OTHER_TEAM }));
      await storage.audit.append(makeAuditEntry({ action: 'members', groupId: null }));
      const actions = async (filter: Parameters<typeof storage.audit.list>[0]) =>
        (await storage.audit.list(filter)).map((e) => e.action);
      expect(await actions({ teamId: team(), limit: 10 })).toEqual(['members', 'rename', 'create']);
      expect(await actions({ groupId: groupId(), limit: 10 })).toEqual(['delete', 'create']);
      expect(await actions({ teamId: team(), groupId: groupId(), limit: 10 })).toEqual(['create']);
    });

    it('pages oldest first after a given id', async () => {
      const { storage } = await openForTest(factory);
      const ids: number[] = [];
      for (let i = 0; i < 5; i += 1) ids.push((await storage.audit.append(makeAuditEntry({ detail: `#${i}` }))).id);
      const page = await storage.audit.listAfter(ids[1] ?? 0, 2);
      expect(page.map((e) => e.detail)).toEqual(['#2', '#3']);
      expect(await storage.audit.listAfter(ids[4] ?? 0, 2)).toEqual([]);
    });

    it('offers no way to change or remove an entry', async () => {
      const { storage } = await openForTest(factory);
      expect(Object.keys(storage.audit).sort()).toEqual(['append', 'list', 'listAfter']);
    });
  });
}
