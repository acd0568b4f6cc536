import { describe, expect, it } from 'vitest';
import { docspaceIdOf } from '../../fixtures/people.js';
import { createFakeClock, HOUR } from '../../helpers/clock.js';
import { useReplicas } from '../../helpers/replicas.js';
import { ask, seedTeam } from './approvals-kit.js';
import { dmsAboutGrant, memberDeletes, onlyGrant, sweep } from './grants-kit.js';

const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'];

describe.skipIf(!TEST_DATABASE_URL)(
  'time-bound access: two app instances on one PostgreSQL schema (skipped: set TEST_DATABASE_URL to run)',
  () => {
    const clock = createFakeClock(new Date('2026-03-02T09:00:00.000Z'));
    const replicas = useReplicas(TEST_DATABASE_URL, clock);

    it('ends a due grant once when both instances sweep at the same moment: one DELETE …/members', async () => {
      const group = seedTeam(replicas.a.docspace);
      await ask(replicas.a, 'owner', `add "${group.name}" <@U0CAROL001> for 1h`);
      const grant = await onlyGrant(replicas.b, group.id);
      clock.advance(HOUR);
      replicas.a.docspace.clearLog();
      // Slow DocSpace answers keep the first claimant busy while the other one tries.
      replicas.a.docspace.setLatency(80);
      const passes = await Promise.all([sweep(replicas.a), sweep(replicas.b), sweep(replicas.a), sweep(replicas.b)]);
      replicas.a.docspace.setLatency(0);
      expect(passes.reduce((n, pass) => n + pass.expired, 0)).toBe(1);
      expect(memberDeletes(replicas.a.docspace, group.id)).toHaveLength(1);
      expect(replicas.a.docspace.getGroup(group.id)?.memberIds).not.toContain(docspaceIdOf('carol'));
      expect(await replicas.b.container.storage.grants.get(grant.id)).toMatchObject({
        state: 'ended',
        outcome: 'removed',
      });
      expect(dmsAboutGrant(replicas.a, 'carol', grant.id)).toHaveLength(1);
    });
  },
);
