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

    it('markVerified updates the verification and authority times, email, display name, type and status and leaves the link alone', async () => {
      const { storage } = await openForTest(factory);
      const mapping = makeMapping({ source: 'manual', createdBy: slackId('carol') });
      await storage.mappings.save(mapping);
      const seen = {
        at: at(60),
        email: 'alice.archer@example.com',
        displayName: 'Alice A. Archer',
        type: 'admin',
        status: 'pending',
      } as const;
      await storage.mappings.markVerified(team(), slackId('alice'), seen);
      expect(await storage.mappings.get(team(), slackId('alice'))).toEqual({
        ...mapping,
        verifiedAt: seen.at,
        docspaceEmail: seen.email,
        docspaceDisplayName: seen.displayName,
        docspaceType: 'admin',
        docspaceStatus: 'pending',
        authorityReadAt: seen.at,
      });
    });

    it('markVerified for a Slack user without a mapping creates nothing', async () => {
      const { storage } = await openForTest(factory);
      await storage.mappings.markVerified(team(), slackId('bob'), {
        at: at(1),
        email: null,
        displayName: 'Bob',
        type: 'user',
        status: 'active',
      });
      expect(await storage.mappings.list()).toEqual([]);
    });

    it('keeps the authority facts field for field, also a mapping whose authority was never read', async () => {
      const { storage } = await openForTest(factory);
      const disabled = makeMapping({ docspaceStatus: 'disabled', docspaceType: 'admin', authorityReadAt: at(7) });
      const neverRead = makeMapping({
        slackUserId: slackId('bob'),
        docspaceUserId: docspaceId('bob'),
        authorityReadAt: null,
      });
      await storage.mappings.save(disabled);
      await storage.mappings.save(neverRead);
      expect(await storage.mappings.get(team(), slackId('alice'))).toEqual(disabled);
      expect(await storage.mappings.get(team(), slackId('bob'))).toEqual(neverRead);
    });

    it('recordAuthority keeps what a read said the account may do and leaves the verification time alone', async () => {
      const { storage } = await openForTest(factory);
      const mapping = makeMapping({ docspaceType: 'admin', verifiedAt: at(1), authorityReadAt: at(1) });
      await storage.mappings.save(mapping);
      await storage.mappings.recordAuthority(team(), slackId('alice'), {
        at: at(30),
        type: 'user',
        status: 'disabled',
      });
      expect(await storage.mappings.get(team(), slackId('alice'))).toEqual({
        ...mapping,
        docspaceType: 'user',
        docspaceStatus: 'disabled',
        authorityReadAt: at(30),
      });
      await storage.mappings.recordAuthority(team(), slackId('bob'), { at: at(30), type: 'user', status: 'active' });
      expect(await storage.mappings.get(team(), slackId('bob'))).toBeNull();
    });

    it('unlink removes the mapping, returns it and blocks email matches for that Slack user only', async () => {
      const { storage } = await openForTest(factory);
      const mapping = makeMapping();
      await storage.mappings.save(mapping);
      const by = { slackUserId: slackId('erin'), at: at(5) };
      expect(await storage.mappings.unlink(team(), slackId('alice'), by)).toEqual(mapping);
      expect(await storage.mappings.get(team(), slackId('alice'))).toBeNull();
      expect(await storage.mappings.isBlocked(team(), slackId('alice'))).toBe(true);
      expect(await storage.mappings.isBlocked(OTHER_TEAM, slackId('alice'))).toBe(false);
      expect(await storage.mappings.isBlocked(team(), slackId('bob'))).toBe(false);
      expect(await storage.mappings.save(makeMapping({ authorityReadAt: at(6) }))).toEqual({
        ok: false,
        blocked: true,
      });
      expect(await storage.mappings.get(team(), slackId('alice'))).toBeNull();
      expect(await storage.mappings.save(makeMapping({ teamId: OTHER_TEAM }))).toEqual({ ok: true });
    });

    it('unlink of a Slack user with no mapping returns null and still blocks; unlinking twice is harmless', async () => {
      const { storage } = await openForTest(factory);
      const by = { slackUserId: slackId('erin'), at: at(5) };
      expect(await storage.mappings.unlink(team(), slackId('alice'), by)).toBeNull();
      expect(await storage.mappings.unlink(team(), slackId('alice'), { ...by, at: at(6) })).toBeNull();
      expect(await storage.mappings.isBlocked(team(), slackId('alice'))).toBe(true);
    });

    it('a manual link lifts the block: the mapping is stored and later email matches are allowed again', async () => {
      const { storage } = await openForTest(factory);
      await storage.mappings.unlink(team(), slackId('alice'), { slackUserId: slackId('erin'), at: at(5) });
      const manual = makeMapping({ source: 'manual', createdBy: slackId('erin') });
      expect(await storage.mappings.save(manual)).toEqual({ ok: true });
      expect(await storage.mappings.isBlocked(team(), slackId('alice'))).toBe(false);
      expect(await storage.mappings.get(team(), slackId('alice'))).toEqual(manual);
      await storage.mappings.delete(team(), slackId('alice'));
      expect(await storage.mappings.save(makeMapping())).toEqual({ ok: true });
    });

    it('a manual link refused for a conflict keeps the block', async () => {
      const { storage } = await openForTest(factory);
      await storage.mappings.save(makeMapping({ slackUserId: slackId('bob') }));
      await storage.mappings.unlink(team(), slackId('alice'), { slackUserId: slackId('erin'), at: at(5) });
      const claim = makeMapping({ source: 'manual', createdBy: slackId('erin') });
      expect(await storage.mappings.save(claim)).toMatchObject({
        ok: false,
        conflict: { slackUserId: slackId('bob') },
      });
      expect(await storage.mappings.isBlocked(team(), slackId('alice'))).toBe(true);
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
