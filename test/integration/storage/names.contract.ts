import { describe, expect, it } from 'vitest';
import type { NameReservation } from '../../../src/domain/index.js';
import { at, groupId, OTHER_TEAM, team } from './builders.js';
import { openForTest, type StorageFactory } from './factories.js';

function makeReservation(overrides: Partial<NameReservation> = {}): NameReservation {
  return {
    teamId: team(),
    nameKey: 'ops',
    name: 'Ops',
    owner: 'request:R00000001',
    token: 'token-1',
    state: 'held',
    groupId: null,
    leaseUntil: at(15),
    updatedAt: at(0),
    ...overrides,
  };
}

export function registerNamesContract(factory: StorageFactory): void {
  describe('name reservations', () => {
    it('inserts one reservation per team and name key, and keeps every field (dates to the millisecond)', async () => {
      const { storage } = await openForTest(factory);
      const first = makeReservation();
      expect(await storage.names.insert(first)).toBe(true);
      expect(await storage.names.insert(makeReservation({ owner: 'direct:U0BOB00001:x', token: 'token-2' }))).toBe(
        false,
      );
      expect(await storage.names.get(team(), 'ops')).toEqual(first);
      expect(await storage.names.insert(makeReservation({ teamId: OTHER_TEAM }))).toBe(true);
      expect(await storage.names.get(team(), 'dev')).toBeNull();
    });

    it('lets exactly one of many concurrent inserts of one name win', async () => {
      const { storage } = await openForTest(factory);
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, n) => storage.names.insert(makeReservation({ token: `token-${n}` }))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('swaps only while the reservation carries the expected token', async () => {
      const { storage } = await openForTest(factory);
      await storage.names.insert(makeReservation());
      const confirmed = makeReservation({
        state: 'confirmed',
        groupId: groupId(1),
        leaseUntil: at(2),
        updatedAt: at(2),
      });
      expect(await storage.names.swap('token-9', { ...confirmed, token: 'token-9' })).toBe(false);
      expect(await storage.names.swap('token-1', confirmed)).toBe(true);
      expect(await storage.names.get(team(), 'ops')).toEqual(confirmed);
      const taken = makeReservation({ owner: 'direct:U0BOB00001:x', token: 'token-3', updatedAt: at(20) });
      const swaps = await Promise.all([storage.names.swap('token-1', taken), storage.names.swap('token-1', taken)]);
      expect(swaps.filter(Boolean)).toHaveLength(1);
      expect(await storage.names.get(team(), 'ops')).toEqual(taken);
    });

    it('releases only with the holder token, so a late release cannot drop a newer holder', async () => {
      const { storage } = await openForTest(factory);
      await storage.names.insert(makeReservation());
      expect(await storage.names.release(team(), 'ops', 'token-2')).toBe(false);
      expect(await storage.names.release(team(), 'ops', 'token-1')).toBe(true);
      expect(await storage.names.get(team(), 'ops')).toBeNull();
      expect(await storage.names.insert(makeReservation({ token: 'token-2' }))).toBe(true);
    });

    it("releases a group's names, keeping the one asked for and other teams' and groups'", async () => {
      const { storage } = await openForTest(factory);
      const confirmed = { state: 'confirmed' as const, groupId: groupId(1) };
      await storage.names.insert(makeReservation({ ...confirmed, nameKey: 'ops', token: 'a' }));
      await storage.names.insert(makeReservation({ ...confirmed, nameKey: 'dev', token: 'b' }));
      await storage.names.insert(makeReservation({ ...confirmed, nameKey: 'qa', token: 'c', groupId: groupId(2) }));
      await storage.names.insert(makeReservation({ ...confirmed, nameKey: 'ops', token: 'd', teamId: OTHER_TEAM }));
      expect(await storage.names.releaseGroup(team(), groupId(1), 'dev')).toBe(1);
      expect(await storage.names.get(team(), 'ops')).toBeNull();
      expect((await storage.names.get(team(), 'dev'))?.token).toBe('b');
      expect(await storage.names.releaseGroup(team(), groupId(1), null)).toBe(1);
      expect(await storage.names.get(team(), 'dev')).toBeNull();
      expect((await storage.names.get(team(), 'qa'))?.token).toBe('c');
      expect((await storage.names.get(OTHER_TEAM, 'ops'))?.token).toBe('d');
    });
  });

  describe('Slack deliveries', () => {
    it('claims a key once until it expires, then anew', async () => {
      const { storage } = await openForTest(factory);
      expect(await storage.deliveries.claim('k1', at(0), at(10))).toBe(true);
      expect(await storage.deliveries.claim('k1', at(5), at(15))).toBe(false);
      expect(await storage.deliveries.claim('k2', at(5), at(15))).toBe(true);
      expect(await storage.deliveries.claim('k1', at(10), at(20))).toBe(true);
      expect(await storage.deliveries.claim('k1', at(11), at(21))).toBe(false);
    });

    it('lets exactly one of many concurrent claims of one key win', async () => {
      const { storage } = await openForTest(factory);
      const results = await Promise.all(Array.from({ length: 12 }, () => storage.deliveries.claim('k', at(0), at(10))));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('forgets a key so the same delivery can be claimed again', async () => {
      const { storage } = await openForTest(factory);
      await storage.deliveries.claim('k', at(0), at(10));
      await storage.deliveries.forget('k');
      expect(await storage.deliveries.claim('k', at(1), at(11))).toBe(true);
    });
  });
}
