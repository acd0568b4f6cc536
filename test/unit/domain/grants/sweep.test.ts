import { describe, expect, it } from 'vitest';
import { expireClaimed, sweepGrants } from '../../../../src/domain/grants/expire.js';
import { GRANT_LEASE_MS, type Grant } from '../../../../src/domain/grants/model.js';
import type { GrantNotifier, SlackTeamId, SlackUserId } from '../../../../src/domain/index.js';
import type { DocSpaceUserId, GroupId } from '../../../../src/domain/model/ids.js';
import { seedDevTeam } from '../../../fixtures/groups.js';
import { docspaceIdOf } from '../../../fixtures/people.js';
import { HOUR, MINUTE } from '../../../helpers/clock.js';
import { makeDomainDeps } from '../../../helpers/domain-fakes.js';

// The expiry sweep against memory storage and the memory DocSpace: claims, the lease and what each case writes.

function recordingGrantNotifier() {
  const sent: { what: string; grantId: string; to: readonly string[] }[] = [];
  const notifier: GrantNotifier = {
    remind: async (grant, to) => void sent.push({ what: 'remind', grantId: grant.id, to }),
    ended: async (grant, to) => void sent.push({ what: 'ended', grantId: grant.id, to }),
    expiryFailed: async (grant, to) => void sent.push({ what: 'failed', grantId: grant.id, to }),
  };
  return { notifier, sent };
}

function setUp() {
  const base = makeDomainDeps();
  const { notifier, sent } = recordingGrantNotifier();
  const events: string[] = [];
  let n = 0;
  const deps = {
    ...base,
    grants: {
      repo: base.storage.grants,
      notifier,
      maxDays: 90,
      remindBeforeMs: 24 * HOUR,
      newGrantId: () => `G${String(++n).padStart(10, '0')}`,
      onEvent: (e: string) => void events.push(e),
    },
  };
  const group = seedDevTeam(base.docspace, ['alice', 'bob', 'carol']);
  const now = base.clock.now();
  const grant: Grant = {
    id: 'G0000000001',
    teamId: 'T0TEAM0001' as SlackTeamId,
    groupId: group.id as GroupId,
    groupName: group.name,
    kind: 'member',
    userId: docspaceIdOf('carol') as DocSpaceUserId,
    userName: 'Carol',
    memberSlackId: 'U0CAROL001' as SlackUserId,
    requesterSlackId: 'U0OWNER001' as SlackUserId,
    previousManagerId: null,
    previousManagerName: null,
    durationMs: HOUR,
    startsAt: now,
    endsAt: new Date(now.getTime() + HOUR),
    remindAt: new Date(now.getTime() + 54 * MINUTE),
    state: 'active',
    leaseUntil: null,
    attempts: 0,
    lastError: null,
    requestId: null,
    endedAt: null,
    outcome: null,
    updatedAt: now,
  };
  return { deps, group, grant, sent, events };
}

describe('the grant expiry sweep', () => {
  it('sends the reminder once, then ends the grant once however many sweeps run together', async () => {
    const { deps, group, grant, sent, events } = setUp();
    await deps.grants.repo.insert(grant);
    deps.clock.advance(54 * MINUTE);
    const reminders = await Promise.all([sweepGrants(deps), sweepGrants(deps)]);
    expect(reminders.map((r) => r.reminded).sort()).toEqual([0, 1]);
    deps.clock.advance(6 * MINUTE);
    deps.docspace.setLatencyTicks(20);
    const passes = await Promise.all([sweepGrants(deps), sweepGrants(deps), sweepGrants(deps)]);
    expect(passes.reduce((total, p) => total + p.expired, 0)).toBe(1);
    expect(deps.docspace.writeCalls()).toEqual(['removeMembers']);
    expect((await deps.docspace.getGroup(group.id as GroupId)).members.map((m) => m.id)).not.toContain(grant.userId);
    expect(sent.map((s) => s.what)).toEqual(['remind', 'ended']);
    expect(events).toEqual(['expired']);
  });

  it('leaves due grants untouched in dry-run mode (ending one would write), and ends them once the mode is off', async () => {
    const { deps, group, grant } = setUp();
    await deps.grants.repo.insert(grant);
    deps.clock.advance(HOUR);
    const rehearsal = { open: () => ({ gateway: deps.docspace, calls: () => [] }) };
    expect(await sweepGrants({ ...deps, rehearsal })).toEqual({ expired: 0, reminded: 0 });
    expect(deps.docspace.writeCalls()).toEqual([]);
    expect((await deps.grants.repo.get(grant.id))?.state).toBe('active');
    expect((await sweepGrants(deps)).expired).toBe(1);
    expect((await deps.docspace.getGroup(group.id as GroupId)).members.map((m) => m.id)).not.toContain(grant.userId);
  });

  it('lets a sweep take over an expiry whose lease ran out; the first claimant then records nothing', async () => {
    const { deps, grant, sent } = setUp();
    await deps.grants.repo.insert(grant);
    deps.clock.advance(HOUR);
    const first = await deps.grants.repo.claimExpiry(grant.id, {
      now: deps.clock.now(),
      leaseUntil: new Date(deps.clock.now().getTime() + GRANT_LEASE_MS),
    });
    deps.clock.advance(GRANT_LEASE_MS);
    expect((await sweepGrants(deps)).expired).toBe(1);
    // The slow first claimant finishes its work late: its claim no longer holds, so nothing more is recorded or sent.
    expect(await expireClaimed(deps, first as Grant)).toBeNull();
    expect(deps.docspace.writeCalls()).toEqual(['removeMembers']);
    expect(sent.filter((s) => s.what === 'ended')).toHaveLength(1);
  });

  it('keeps a failing grant expiring, due again after its backoff, and tells admins after the last attempt', async () => {
    const { deps, grant, sent, events } = setUp();
    await deps.grants.repo.insert(grant);
    deps.clock.advance(HOUR);
    deps.docspace.failNext('server_error', 100, 'removeMembers');
    await sweepGrants(deps);
    expect(await deps.grants.repo.get(grant.id)).toMatchObject({ state: 'expiring', attempts: 1 });
    deps.clock.advance(29_000);
    await sweepGrants(deps);
    expect((await deps.grants.repo.get(grant.id))?.attempts).toBe(1);
    for (let i = 0; i < 4; i++) {
      deps.clock.advance(30 * MINUTE);
      await sweepGrants(deps);
    }
    expect(await deps.grants.repo.get(grant.id)).toMatchObject({ state: 'failed', outcome: 'failed', attempts: 5 });
    expect(sent.filter((s) => s.what === 'failed')).toHaveLength(1);
    expect(events).toEqual(['failed']);
  });
});
