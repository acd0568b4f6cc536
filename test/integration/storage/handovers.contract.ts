import { describe, expect, it } from 'vitest';
import type { Handover, HandoverId } from '../../../src/domain/model/handover.js';
import { docspaceId, groupId, nameOf, OTHER_TEAM, requestId, slackId, team } from './builders.js';
import { openForTest, type StorageFactory } from './factories.js';

const HOUR = 3_600_000;
const T0 = new Date('2026-01-05T10:00:00.000Z');

let serial = 0;
/** A waiting handover of group 1 to bob, asked by the owner-ish alice; ids are unique per call. */
function makeHandover(overrides: Partial<Handover> = {}): Handover {
  serial += 1;
  return {
    id: `H${String(serial).padStart(10, '0')}` as HandoverId,
    teamId: team(),
    groupId: groupId(1),
    incomingDocSpaceId: docspaceId('bob'),
    incomingSlackId: slackId('bob'),
    incomingName: nameOf('bob'),
    requestedBy: slackId('alice'),
    approvedBy: null,
    requestId: null,
    reason: 'Bob leads it <now> & then',
    snapshot: {
      groupName: 'Platform "core"',
      managerBefore: { id: docspaceId('alice'), displayName: nameOf('alice') },
      members: [
        { id: docspaceId('alice'), displayName: nameOf('alice') },
        { id: docspaceId('bob'), displayName: nameOf('bob') },
      ],
      membersCount: 2,
    },
    status: 'waiting',
    createdAt: T0,
    expiresAt: new Date(T0.getTime() + 72 * HOUR),
    decidedAt: null,
    outcome: null,
    dm: null,
    ...overrides,
  };
}

export function registerHandoverContract(factory: StorageFactory): void {
  describe('handovers', () => {
    it('stores a handover and reads it back exactly, by id and as the waiting one of its group', async () => {
      const { storage } = await openForTest(factory);
      const handover = makeHandover({ approvedBy: slackId('dave'), requestId: requestId(7) });
      expect(await storage.handovers.insert(handover)).toBe(true);
      expect(await storage.handovers.get(handover.id)).toEqual(handover);
      expect(await storage.handovers.findWaiting(team(), groupId(1))).toEqual(handover);
      expect(await storage.handovers.findByRequest(requestId(7))).toEqual(handover);
      expect(await storage.handovers.get('H9999999999' as HandoverId)).toBeNull();
    });

    it('keeps at most one waiting handover per team and group; other teams and groups are apart', async () => {
      const { storage } = await openForTest(factory);
      expect(await storage.handovers.insert(makeHandover())).toBe(true);
      expect(await storage.handovers.insert(makeHandover({ incomingSlackId: slackId('carol') }))).toBe(false);
      expect(await storage.handovers.insert(makeHandover({ groupId: groupId(2) }))).toBe(true);
      expect(await storage.handovers.insert(makeHandover({ teamId: OTHER_TEAM }))).toBe(true);
    });

    it('lets a new handover of the group wait once the previous one was answered', async () => {
      const { storage } = await openForTest(factory);
      const first = makeHandover();
      await storage.handovers.insert(first);
      await storage.handovers.transition(first.id, { to: 'declined', at: T0 });
      expect(await storage.handovers.findWaiting(team(), groupId(1))).toBeNull();
      expect(await storage.handovers.insert(makeHandover())).toBe(true);
    });

    it('answers a handover once: the compare-and-set applies only while it waits', async () => {
      const { storage } = await openForTest(factory);
      const handover = makeHandover();
      await storage.handovers.insert(handover);
      const at = new Date(T0.getTime() + HOUR);
      const results = await Promise.all([
        storage.handovers.transition(handover.id, { to: 'accepted', at }),
        storage.handovers.transition(handover.id, { to: 'accepted', at }),
        storage.handovers.transition(handover.id, { to: 'declined', at }),
      ]);
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      expect(winners[0]).toMatchObject({ status: 'accepted', decidedAt: at });
      expect(await storage.handovers.transition(handover.id, { to: 'expired', at })).toBeNull();
      expect((await storage.handovers.get(handover.id))?.status).toBe('accepted');
    });

    it('records the outcome and the DM of a handover', async () => {
      const { storage } = await openForTest(factory);
      const handover = makeHandover();
      await storage.handovers.insert(handover);
      await storage.handovers.setDm(handover.id, { channelId: 'D0BOB00001', ts: '1700000000.000100' });
      const accepted = await storage.handovers.transition(handover.id, { to: 'accepted', at: T0 });
      expect(accepted?.dm).toEqual({ channelId: 'D0BOB00001', ts: '1700000000.000100' });
      await storage.handovers.recordOutcome(handover.id, 'Platform: manager Bob Baker, 2 members.');
      expect((await storage.handovers.get(handover.id))?.outcome).toBe('Platform: manager Bob Baker, 2 members.');
    });

    it('lists waiting handovers due at a time, soonest first, up to the limit', async () => {
      const { storage } = await openForTest(factory);
      const late = makeHandover({ groupId: groupId(1), expiresAt: new Date(T0.getTime() + 3 * HOUR) });
      const soon = makeHandover({ groupId: groupId(2), expiresAt: new Date(T0.getTime() + HOUR) });
      const notDue = makeHandover({ groupId: groupId(3), expiresAt: new Date(T0.getTime() + 9 * HOUR) });
      const answered = makeHandover({ groupId: groupId(4), expiresAt: T0 });
      for (const h of [late, soon, notDue, answered]) await storage.handovers.insert(h);
      await storage.handovers.transition(answered.id, { to: 'declined', at: T0 });
      const at = new Date(T0.getTime() + 3 * HOUR);
      expect((await storage.handovers.listExpired(at, 10)).map((h) => h.id)).toEqual([soon.id, late.id]);
      expect((await storage.handovers.listExpired(at, 1)).map((h) => h.id)).toEqual([soon.id]);
    });

    it('lists the handovers waiting for a person, by Slack or by DocSpace id, in their team only', async () => {
      const { storage } = await openForTest(factory);
      const first = makeHandover({ groupId: groupId(1), createdAt: T0 });
      const second = makeHandover({ groupId: groupId(2), createdAt: new Date(T0.getTime() + HOUR) });
      const answered = makeHandover({ groupId: groupId(3) });
      const forCarol = makeHandover({
        groupId: groupId(4),
        incomingSlackId: slackId('carol'),
        incomingDocSpaceId: docspaceId('carol'),
      });
      const otherTeam = makeHandover({ teamId: OTHER_TEAM });
      for (const h of [second, first, answered, forCarol, otherTeam]) await storage.handovers.insert(h);
      await storage.handovers.transition(answered.id, { to: 'expired', at: T0 });
      const bySlack = await storage.handovers.listWaitingFor(team(), { slackUserId: slackId('bob') });
      expect(bySlack.map((h) => h.id)).toEqual([first.id, second.id]);
      const byDocSpace = await storage.handovers.listWaitingFor(team(), { docspaceUserId: docspaceId('bob') });
      expect(byDocSpace.map((h) => h.id)).toEqual([first.id, second.id]);
      expect(await storage.handovers.listWaitingFor(team(), { slackUserId: slackId('dave') })).toEqual([]);
    });
  });
}
