import { describe, expect, it } from 'vitest';
import { at, docspaceId, makeMapping, nameOf, OTHER_TEAM, slackId, team } from './builders.js';
import { openForTest, type StorageFactory } from './factories.js';

export function registerMappingContract(factory: StorageFactory): void {
  describe('mappings', () => {
    it('returns null for a Slack user who has no mapping', async () => {
      const { storage } = await openForTest(factory);
      expect(await storage.mappings.get(team(), slackId('alice'))).toBeNull();
      expect(await storage.mappings.getByDocSpaceUser(team(), docspaceId('alice'))).toBeNull();
    });

    it('reads a saved mapping back field for field, by Slack user and by DocSpace user', async () => {
      const { storage } = await openForTest(factory);
      const mapping = makeMapping({ source: 'manual', createdBy: slackId('carol'), verifiedAt: at(3) });
      expect(await storage.mappings.save(mapping)).toEqual({ ok: true });
      expect(await storage.mappings.get(team(), slackId('alice'))).toEqual(mapping);
      expect(await storage.mappings.getByDocSpaceUser(team(), docspaceId('alice'))).toEqual(mapping);
    });

    it('refuses a DocSpace user another Slack user of the team holds, names the holder and keeps both rows as they were', async () => {
      const { storage } = await openForTest(factory);
      const holder = makeMapping();
      await storage.mappings.save(holder);
      const claim = makeMapping({ slackUserId: slackId('bob'), docspaceDisplayName: 'Bob claims Alice' });
      expect(await storage.mappings.save(claim)).toEqual({ ok: false, conflict: holder });
      expect(await storage.mappings.get(team(), slackId('bob'))).toBeNull();
      expect(await storage.mappings.getByDocSpaceUser(team(), docspaceId('alice'))).toEqual(holder);
    });

    it('lets the same DocSpace user be mapped once in each team', async () => {
      const { storage } = await openForTest(factory);
      await storage.mappings.save(makeMapping());
      const elsewhere = makeMapping({ teamId: OTHER_TEAM, slackUserId: slackId('bob') });
      expect(await storage.mappings.save(elsewhere)).toEqual({ ok: true });
      expect(await storage.mappings.getByDocSpaceUser(OTHER_TEAM, docspaceId('alice'))).toEqual(elsewhere);
    });

    it("replaces the Slack user's row when the same Slack user is saved again, freeing the old DocSpace id", async () => {
      const { storage } = await openForTest(factory);
      await storage.mappings.save(makeMapping());
      const relinked = makeMapping({
        docspaceUserId: docspaceId('dave'),
        source: 'manual',
        createdBy: slackId('erin'),
        createdAt: at(10),
        verifiedAt: at(10),
        docspaceEmail: null,
        docspaceDisplayName: nameOf('dave'),
        docspaceType: 'admin',
      });
      expect(await storage.mappings.save(relinked)).toEqual({ ok: true });
      expect(await storage.mappings.list()).toEqual([relinked]);
      expect(await storage.mappings.getByDocSpaceUser(team(), docspaceId('alice'))).toBeNull();
    });

    it('markVerified updates the verification time, email, display name and type and leaves the link alone', async () => {
      const { storage } = await openForTest(factory);
      const mapping = makeMapping({ source: 'manual', createdBy: slackId('carol') });
      await storage.mappings.save(mapping);
      const seen = {
        at: at(60),
        email: 'alice.archer@example.com',
        displayName: 'Alice A. Archer',
        type: 'admin',
      } as const;
      await storage.mappings.markVerified(team(), slackId('alice'), seen);
      expect(await storage.mappings.get(team(), slackId('alice'))).toEqual({
        ...mapping,
        verifiedAt: seen.at,
        docspaceEmail: seen.email,
        docspaceDisplayName: seen.displayName,
        docspaceType: 'admin',
      });
    });

    it('markVerified for a Slack user without a mapping creates nothing', async () => {
      const { storage } = await openForTest(factory);
      await storage.mappings.markVerified(team(), slackId('bob'), {
        at: at(1),
        email: null,
        displayName: 'Bob',
        type: 'user',
      });
      expect(await storage.mappings.list()).toEqual([]);
    });

    it('delete removes the mapping and reports whether there was one', async () => {
      const { storage } = await openForTest(factory);
      await storage.mappings.save(makeMapping());
      expect(await storage.mappings.delete(team(), slackId('alice'))).toBe(true);
      expect(await storage.mappings.get(team(), slackId('alice'))).toBeNull();
      expect(await storage.mappings.delete(team(), slackId('alice'))).toBe(false);
    });

    it('lets another Slack user claim a DocSpace id once its holder was deleted', async () => {
      const { storage } = await openForTest(factory);
      await storage.mappings.save(makeMapping());
      await storage.mappings.delete(team(), slackId('alice'));
      expect(await storage.mappings.save(makeMapping({ slackUserId: slackId('bob') }))).toEqual({ ok: true });
    });

    it('lists by team, then Slack user id, and only the given team when asked', async () => {
      const { storage } = await openForTest(factory);
      const dave = makeMapping({ slackUserId: slackId('dave'), docspaceUserId: docspaceId('dave') });
      const bob = makeMapping({ slackUserId: slackId('bob'), docspaceUserId: docspaceId('bob') });
      const other = makeMapping({ teamId: OTHER_TEAM, slackUserId: slackId('alice') });
      const alice = makeMapping();
      for (const m of [dave, other, bob, alice]) await storage.mappings.save(m);
      // T0OTHER001 sorts before T0TEAM0001.
      expect(await storage.mappings.list()).toEqual([other, alice, bob, dave]);
      expect(await storage.mappings.list(OTHER_TEAM)).toEqual([other]);
    });
  });
}
