import { describe, expect, it } from 'vitest';
import type { DocSpaceUserId, GroupId } from '../../../src/domain/index.js';
import { docspaceIdOf } from '../../fixtures/people.js';
import { createFakeClock, HOUR, MINUTE } from '../../helpers/clock.js';
import { useHarness } from '../../helpers/harness.js';
import { ask, auditLogLines, seedTeam } from './approvals-kit.js';
import { dmsAboutGrant, liveGrants, memberDeletes, onlyGrant, outsideTheBot, sweep } from './grants-kit.js';

// Time-bound membership and acting managers through the real app, on an injected clock: the sweep is run by hand
// (its timer does the same every 30 s), so no test waits for time to pass.

const clock = createFakeClock(new Date('2026-03-02T09:00:00.000Z'));

describe('time-bound access: expiry', () => {
  const h = useHarness({ clock });

  it('removes a time-bound member by itself at the end, with exactly one DELETE …/members, and tells everyone', async () => {
    const group = seedTeam(h.docspace);
    await ask(h, 'alice', 'whoami'); // the manager has a Slack link, so the bot can tell them
    const reply = await ask(h, 'owner', `add "${group.name}" <@U0CAROL001> for 1h`);
    expect(reply).toContain('Updated the members');
    expect(reply).toContain('For 1 hour');
    const grant = await onlyGrant(h, group.id);
    expect(grant).toMatchObject({ kind: 'member', userId: docspaceIdOf('carol'), state: 'active' });
    expect(grant.endsAt.getTime() - grant.startsAt.getTime()).toBe(HOUR);
    expect(await ask(h, 'bob', `show "${group.name}"`)).toContain('Time-bound');

    clock.advance(HOUR - MINUTE);
    h.docspace.clearLog();
    expect((await sweep(h)).expired).toBe(0);
    expect(h.docspace.getGroup(group.id)?.memberIds).toContain(docspaceIdOf('carol'));

    clock.advance(MINUTE);
    expect((await sweep(h)).expired).toBe(1);
    expect(memberDeletes(h.docspace, group.id)).toHaveLength(1);
    expect(h.docspace.getGroup(group.id)?.memberIds).not.toContain(docspaceIdOf('carol'));
    expect(await liveGrants(h, group.id)).toEqual([]);
    expect((await h.container.storage.grants.get(grant.id))?.outcome).toBe('removed');
    for (const who of ['carol', 'alice', 'owner'] as const) {
      expect(JSON.stringify(dmsAboutGrant(h, who, grant.id))).toContain('has ended');
    }
    // A second pass (another replica, a restart) finds nothing to do.
    expect((await sweep(h)).expired).toBe(0);
    expect(memberDeletes(h.docspace, group.id)).toHaveLength(1);
    expect(auditLogLines(h).filter((l) => l.action === 'grant_end')).toContainEqual(
      expect.objectContaining({ outcome: 'succeeded' }),
    );
    const metrics = await (await fetch(`${h.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/docspace_bot_grants_total\{event="started"\} [1-9]/);
    expect(metrics).toMatch(/docspace_bot_grants_total\{event="expired"\} [1-9]/);
  });

  it('restores the previous manager when an acting manager ends; the previous manager stays a member', async () => {
    const group = seedTeam(h.docspace);
    const reply = await ask(h, 'owner', `manager "${group.name}" <@U0BOB00001> for 2h`);
    expect(reply).toContain('previous manager is restored');
    expect(h.docspace.getGroup(group.id)?.managerId).toBe(docspaceIdOf('bob'));
    expect(h.docspace.getGroup(group.id)?.memberIds).toContain(docspaceIdOf('alice'));
    const grant = await onlyGrant(h, group.id);
    expect(grant).toMatchObject({ kind: 'acting_manager', previousManagerId: docspaceIdOf('alice') });
    clock.advance(2 * HOUR);
    h.docspace.clearLog();
    expect((await sweep(h)).expired).toBe(1);
    expect(h.docspace.getGroup(group.id)?.managerId).toBe(docspaceIdOf('alice'));
    expect(h.docspace.requests.filter((r) => r.method !== 'GET')).toHaveLength(1);
    expect((await h.container.storage.grants.get(grant.id))?.outcome).toBe('restored');
  });

  describe('the world moved before the expiry', () => {
    it('leaves a member someone already removed alone, writing nothing', async () => {
      const group = seedTeam(h.docspace);
      await ask(h, 'owner', `add "${group.name}" <@U0CAROL001> for 1h`);
      const grant = await onlyGrant(h, group.id);
      await outsideTheBot(h.docspace).run((c) =>
        c.removeMembers(group.id as GroupId, [docspaceIdOf('carol') as DocSpaceUserId]),
      );
      clock.advance(HOUR);
      expect((await sweep(h)).expired).toBe(1);
      expect(h.docspace.requests.filter((r) => r.method !== 'GET')).toEqual([]);
      expect((await h.container.storage.grants.get(grant.id))?.outcome).toBe('already_removed');
      expect(JSON.stringify(dmsAboutGrant(h, 'carol', grant.id))).toContain('no longer a member');
    });

    it('keeps a member who was since added again permanently: the later add supersedes the grant', async () => {
      const group = seedTeam(h.docspace);
      await ask(h, 'owner', `add "${group.name}" <@U0CAROL001> for 1h`);
      const grant = await onlyGrant(h, group.id);
      await outsideTheBot(h.docspace).run((c) =>
        c.removeMembers(group.id as GroupId, [docspaceIdOf('carol') as DocSpaceUserId]),
      );
      await ask(h, 'owner', `add "${group.name}" <@U0CAROL001>`);
      expect((await h.container.storage.grants.get(grant.id))?.outcome).toBe('superseded');
      clock.advance(HOUR);
      h.docspace.clearLog();
      expect((await sweep(h)).expired).toBe(0);
      expect(memberDeletes(h.docspace, group.id)).toEqual([]);
      expect(h.docspace.getGroup(group.id)?.memberIds).toContain(docspaceIdOf('carol'));
    });

    it('makes a time-bound member permanent when an admin adds them again without a duration', async () => {
      const group = seedTeam(h.docspace);
      await ask(h, 'owner', `add "${group.name}" <@U0CAROL001> for 1h`);
      const grant = await onlyGrant(h, group.id);
      expect(await ask(h, 'owner', `add "${group.name}" <@U0CAROL001>`)).toContain('now permanent');
      expect((await h.container.storage.grants.get(grant.id))?.outcome).toBe('superseded');
      clock.advance(HOUR);
      h.docspace.clearLog();
      expect((await sweep(h)).expired).toBe(0);
      expect(h.docspace.requests.filter((r) => r.method !== 'GET')).toEqual([]);
      expect(h.docspace.getGroup(group.id)?.memberIds).toContain(docspaceIdOf('carol'));
    });

    it('ends the grant of a group someone deleted, writing nothing', async () => {
      const group = seedTeam(h.docspace);
      await ask(h, 'owner', `add "${group.name}" <@U0CAROL001> for 1h`);
      const grant = await onlyGrant(h, group.id);
      await outsideTheBot(h.docspace).run((c) => c.deleteGroup(group.id as GroupId));
      clock.advance(HOUR);
      expect((await sweep(h)).expired).toBe(1);
      expect(h.docspace.requests.filter((r) => r.method !== 'GET')).toEqual([]);
      expect((await h.container.storage.grants.get(grant.id))?.outcome).toBe('group_deleted');
      expect(
        auditLogLines(h)
          .filter((l) => l.action === 'grant_end')
          .at(-1)?.outcome,
      ).toBe('no_op');
    });

    it('leaves the manager alone when the acting manager is no longer the manager, and says so', async () => {
      const group = seedTeam(h.docspace);
      await ask(h, 'owner', `manager "${group.name}" <@U0BOB00001> for 1h`);
      const grant = await onlyGrant(h, group.id);
      await outsideTheBot(h.docspace).run((c) =>
        c.setManager(group.id as GroupId, docspaceIdOf('dave') as DocSpaceUserId),
      );
      clock.advance(HOUR);
      expect((await sweep(h)).expired).toBe(1);
      expect(h.docspace.requests.filter((r) => r.method !== 'GET')).toEqual([]);
      expect(h.docspace.getGroup(group.id)?.managerId).toBe(docspaceIdOf('dave'));
      expect((await h.container.storage.grants.get(grant.id))?.outcome).toBe('manager_changed');
      expect(JSON.stringify(dmsAboutGrant(h, 'bob', grant.id))).toContain('left the manager as it is');
    });
  });

  it('retries a failed removal with backoff, keeping the grant expiring, and tells admins once retries run out', async () => {
    const group = seedTeam(h.docspace);
    await ask(h, 'owner', `add "${group.name}" <@U0CAROL001> for 1h`);
    const grant = await onlyGrant(h, group.id);
    clock.advance(HOUR);
    h.docspace.failNext(1000, 500, { method: 'DELETE' });
    expect((await sweep(h)).expired).toBe(0);
    expect(await h.container.storage.grants.get(grant.id)).toMatchObject({ state: 'expiring', attempts: 1 });
    // Not due again until its backoff has passed.
    expect(await sweep(h)).toMatchObject({ expired: 0 });
    expect((await h.container.storage.grants.get(grant.id))?.attempts).toBe(1);
    for (let i = 0; i < 4; i++) {
      clock.advance(30 * MINUTE);
      await sweep(h);
    }
    expect(await h.container.storage.grants.get(grant.id)).toMatchObject({ state: 'failed', attempts: 5 });
    expect(JSON.stringify(dmsAboutGrant(h, 'owner', grant.id))).toContain('every attempt to change DocSpace failed');
    h.docspace.reset();
  });
});
