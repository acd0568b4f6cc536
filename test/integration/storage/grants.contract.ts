import { expect, it } from 'vitest';
import type { DocSpaceUserId, Grant, GroupId, SlackTeamId, SlackUserId } from '../../../src/domain/index.js';
import { openForTest, type StorageFactory } from './factories.js';

const T0 = new Date('2026-01-05T10:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

let counter = 0;
function aGrant(overrides: Partial<Grant> = {}): Grant {
  counter++;
  return {
    id: `G${String(counter).padStart(9, '0')}`,
    teamId: 'T1' as SlackTeamId,
    groupId: 'group-1' as GroupId,
    groupName: 'Finance',
    kind: 'member',
    userId: `user-${counter}` as DocSpaceUserId,
    userName: 'Carol',
    memberSlackId: 'UCAROL' as SlackUserId,
    requesterSlackId: 'UBOB' as SlackUserId,
    previousManagerId: null,
    previousManagerName: null,
    durationMs: 60 * 60_000,
    startsAt: T0,
    endsAt: at(60),
    remindAt: at(54),
    state: 'active',
    leaseUntil: null,
    attempts: 0,
    lastError: null,
    requestId: null,
    endedAt: null,
    outcome: null,
    updatedAt: T0,
    ...overrides,
  };
}

/** The GrantRepo rules every store keeps: round trip, due lists, and compare-and-set claims that only one caller wins. */
export function registerGrantsContract(factory: StorageFactory, options: { durable: boolean }) {
  it('stores a grant and reads it back unchanged', async () => {
    const { storage } = await openForTest(factory);
    const grant = aGrant({
      kind: 'acting_manager',
      previousManagerId: 'boss' as DocSpaceUserId,
      previousManagerName: 'Boss',
    });
    await storage.grants.insert(grant);
    expect(await storage.grants.get(grant.id)).toEqual(grant);
    expect(await storage.grants.get('G-none')).toBeNull();
  });

  it('lists a group’s live grants soonest end first, and a person’s own', async () => {
    const { storage } = await openForTest(factory);
    const later = aGrant({ endsAt: at(120) });
    const sooner = aGrant({ endsAt: at(30), memberSlackId: 'UDAN' as SlackUserId, requesterSlackId: null });
    const other = aGrant({ groupId: 'group-2' as GroupId });
    const ended = aGrant({ state: 'ended', outcome: 'removed', endedAt: at(1) });
    for (const g of [later, sooner, other, ended]) await storage.grants.insert(g);
    const ids = (gs: Grant[]) => gs.map((g) => g.id);
    expect(ids(await storage.grants.listActiveForGroup('T1' as SlackTeamId, 'group-1' as GroupId))).toEqual([
      sooner.id,
      later.id,
    ]);
    expect(
      ids(await storage.grants.listActive('T1' as SlackTeamId, { slackUserId: 'UDAN' as SlackUserId, limit: 10 })),
    ).toEqual([sooner.id]);
    expect(
      ids(await storage.grants.listActive('T1' as SlackTeamId, { slackUserId: 'UBOB' as SlackUserId, limit: 10 })),
    ).toEqual([other.id, later.id]);
    expect(await storage.grants.listActive('T1' as SlackTeamId, { limit: 10 })).toHaveLength(3);
  });

  it('lists due grants and lets exactly one of many concurrent claims win', async () => {
    const { storage } = await openForTest(factory);
    const grant = aGrant();
    await storage.grants.insert(grant);
    expect(await storage.grants.listDue(at(59), 10)).toEqual([]);
    expect((await storage.grants.listDue(at(60), 10)).map((g) => g.id)).toEqual([grant.id]);
    const claims = await Promise.all(
      Array.from({ length: 5 }, () => storage.grants.claimExpiry(grant.id, { now: at(61), leaseUntil: at(63) })),
    );
    const won = claims.filter((c) => c !== null);
    expect(won).toHaveLength(1);
    expect(won[0]).toMatchObject({ state: 'expiring', attempts: 1, leaseUntil: at(63) });
    // Held by the lease: not due, not claimable, until it passes.
    expect(await storage.grants.listDue(at(62), 10)).toEqual([]);
    expect(await storage.grants.claimExpiry(grant.id, { now: at(62), leaseUntil: at(64) })).toBeNull();
    const taken = await storage.grants.claimExpiry(grant.id, { now: at(63), leaseUntil: at(65) });
    expect(taken).toMatchObject({ attempts: 2 });
    // The first claim's holder can no longer finish or defer it: only the current claim can.
    expect(
      await storage.grants.finishExpiry(grant.id, { attempts: 1, state: 'ended', outcome: 'removed', at: at(63) }),
    ).toBeNull();
    expect(await storage.grants.deferExpiry(grant.id, 1, { error: 'x', retryAt: at(70) })).toBe(false);
    const done = await storage.grants.finishExpiry(grant.id, {
      attempts: 2,
      state: 'ended',
      outcome: 'removed',
      at: at(64),
    });
    expect(done).toMatchObject({ state: 'ended', outcome: 'removed', endedAt: at(64), leaseUntil: null });
    expect(await storage.grants.claimExpiry(grant.id, { now: at(100), leaseUntil: at(102) })).toBeNull();
    expect(await storage.grants.listActiveForGroup('T1' as SlackTeamId, 'group-1' as GroupId)).toEqual([]);
  });

  it('defers a failed attempt to its retry time, keeping the grant expiring', async () => {
    const { storage } = await openForTest(factory);
    const grant = aGrant();
    await storage.grants.insert(grant);
    const claimed = await storage.grants.claimExpiry(grant.id, { now: at(60), leaseUntil: at(62) });
    expect(
      await storage.grants.deferExpiry(grant.id, claimed?.attempts ?? 0, { error: 'server_error', retryAt: at(61) }),
    ).toBe(true);
    const stored = await storage.grants.get(grant.id);
    expect(stored).toMatchObject({ state: 'expiring', lastError: 'server_error', leaseUntil: at(61) });
    expect((await storage.grants.listDue(at(61), 10)).map((g) => g.id)).toEqual([grant.id]);
    const failed = await storage.grants.claimExpiry(grant.id, { now: at(61), leaseUntil: at(63) });
    expect(
      await storage.grants.finishExpiry(grant.id, {
        attempts: failed?.attempts ?? 0,
        state: 'failed',
        outcome: 'failed',
        at: at(61),
        error: 'gave up',
      }),
    ).toMatchObject({ state: 'failed', lastError: 'gave up' });
  });

  it('reschedules an active grant only from the end it had, and ends an active one once', async () => {
    const { storage } = await openForTest(factory);
    const grant = aGrant();
    await storage.grants.insert(grant);
    const renewed = await storage.grants.reschedule(grant.id, {
      fromEndsAt: grant.endsAt,
      endsAt: at(120),
      remindAt: at(114),
      at: at(10),
    });
    expect(renewed).toMatchObject({ endsAt: at(120), remindAt: at(114) });
    // A second click with the old end changes nothing.
    expect(
      await storage.grants.reschedule(grant.id, {
        fromEndsAt: grant.endsAt,
        endsAt: at(180),
        remindAt: null,
        at: at(11),
      }),
    ).toBeNull();
    expect(await storage.grants.endActive(grant.id, { at: at(12), outcome: 'superseded' })).toMatchObject({
      state: 'ended',
      outcome: 'superseded',
    });
    expect(await storage.grants.endActive(grant.id, { at: at(13), outcome: 'superseded' })).toBeNull();
  });

  it('hands each due reminder to one caller', async () => {
    const { storage } = await openForTest(factory);
    const grant = aGrant();
    await storage.grants.insert(grant);
    expect(await storage.grants.listDueReminders(at(53), 10)).toEqual([]);
    expect((await storage.grants.listDueReminders(at(54), 10)).map((g) => g.id)).toEqual([grant.id]);
    const claims = await Promise.all([1, 2, 3].map(() => storage.grants.claimReminder(grant.id, at(54))));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await storage.grants.listDueReminders(at(55), 10)).toEqual([]);
  });

  it.skipIf(!options.durable)('keeps grants across a reopen (a restart)', async () => {
    const handle = await openForTest(factory);
    const grant = aGrant();
    await handle.storage.grants.insert(grant);
    const other = await handle.reopen?.();
    expect(await other?.grants.get(grant.id)).toEqual(grant);
    // The other store sees the first one's claim: one claim across both.
    const first = await handle.storage.grants.claimExpiry(grant.id, { now: at(60), leaseUntil: at(62) });
    expect(first).not.toBeNull();
    expect(await other?.grants.claimExpiry(grant.id, { now: at(61), leaseUntil: at(63) })).toBeNull();
  });
}
