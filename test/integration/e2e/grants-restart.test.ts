import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDocSpace, startFakeDocSpace } from '../../fakes/docspace-server.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack-api-server.js';
import { docspaceIdOf, TEAM_ID } from '../../fixtures/people.js';
import { createFakeClock, HOUR } from '../../helpers/clock.js';
import { startHarness } from '../../helpers/harness.js';
import { ask, seedTeam } from './approvals-kit.js';
import { memberDeletes, onlyGrant } from './grants-kit.js';

// A bot that was down past an expiry performs it when it starts again, once.

describe('time-bound access across a restart', () => {
  let docspace: FakeDocSpace;
  let slack: FakeSlack;
  const dir = mkdtempSync(join(tmpdir(), 'dsg-grants-restart-'));
  const databaseUrl = `sqlite:${join(dir, 'bot.sqlite')}`;
  beforeAll(async () => {
    docspace = await startFakeDocSpace();
    slack = await startFakeSlack({ teamId: TEAM_ID });
  });
  afterAll(async () => {
    await docspace.close();
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ends a grant that fell due while the bot was stopped, at its next start, with one DELETE …/members', async () => {
    const clock = createFakeClock(new Date('2026-03-02T09:00:00.000Z'));
    const first = await startHarness({ docspace, slack, databaseUrl, clock });
    const group = seedTeam(docspace);
    await ask(first, 'owner', `add "${group.name}" <@U0CAROL001> for 1h`);
    const grant = await onlyGrant(first, group.id);
    await first.stop();

    clock.advance(2 * HOUR);
    docspace.clearLog();
    const second = await startHarness({ docspace, slack, databaseUrl, clock });
    try {
      // start() ran the sweep before it resolved: nothing else has to happen.
      expect(memberDeletes(docspace, group.id)).toHaveLength(1);
      expect(docspace.getGroup(group.id)?.memberIds).not.toContain(docspaceIdOf('carol'));
      expect(await second.container.storage.grants.get(grant.id)).toMatchObject({ state: 'ended', outcome: 'removed' });
    } finally {
      await second.stop();
    }
    // And a third start finds nothing more to do.
    const third = await startHarness({ docspace, slack, databaseUrl, clock });
    await third.stop();
    expect(memberDeletes(docspace, group.id)).toHaveLength(1);
  });

  it('recovers an expiry a crash interrupted after its lease, without writing twice', async () => {
    const clock = createFakeClock(new Date('2026-04-02T09:00:00.000Z'));
    const first = await startHarness({ docspace, slack, databaseUrl, clock });
    const group = seedTeam(docspace);
    await ask(first, 'owner', `add "${group.name}" <@U0CAROL001> for 1h`);
    const grant = await onlyGrant(first, group.id);
    clock.advance(HOUR);
    // The crash: this instance claimed the expiry and removed the member, then died before recording it.
    const claimed = await first.container.storage.grants.claimExpiry(grant.id, {
      now: clock.now(),
      leaseUntil: new Date(clock.now().getTime() + 2 * 60_000),
    });
    expect(claimed).not.toBeNull();
    await first.container.docspace.removeMembers(group.id as never, [docspaceIdOf('carol') as never]);
    await first.stop();

    docspace.clearLog();
    const second = await startHarness({ docspace, slack, databaseUrl, clock });
    try {
      // Still held by the dead instance's lease.
      expect(await second.container.storage.grants.get(grant.id)).toMatchObject({ state: 'expiring' });
      clock.advance(2 * 60_000);
      const done = await second.container.services.sweepGrants();
      expect(done.ok && done.value.expired).toBe(1);
      expect(docspace.requests.filter((r) => r.method !== 'GET')).toEqual([]);
      expect(await second.container.storage.grants.get(grant.id)).toMatchObject({
        state: 'ended',
        outcome: 'already_removed',
      });
    } finally {
      await second.stop();
    }
  });
});
