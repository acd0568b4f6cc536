import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDocSpace } from '../../fakes/docspace-server.js';
import { startFakeSlack } from '../../fakes/slack-api-server.js';
import { docspaceIdOf, TEAM_ID } from '../../fixtures/people.js';
import { createFakeClock, HOUR } from '../../helpers/clock.js';
import { type Harness, startHarness } from '../../helpers/harness.js';
import { createPostgresSchema } from '../storage/factories.js';
import { ask, seedTeam } from './approvals-kit.js';
import { dmsAboutGrant, memberDeletes, onlyGrant, sweep } from './grants-kit.js';

const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'];

describe.skipIf(!TEST_DATABASE_URL)(
  'time-bound access: two app instances on one PostgreSQL schema (skipped: set TEST_DATABASE_URL to run)',
  () => {
    const instances: Harness[] = [];
    const cleanups: (() => Promise<void>)[] = [];
    const clock = createFakeClock(new Date('2026-03-02T09:00:00.000Z'));
    let a: Harness;
    let b: Harness;
    beforeAll(async () => {
      const schema = await createPostgresSchema(TEST_DATABASE_URL as string);
      cleanups.push(schema.drop);
      const docspace = await startFakeDocSpace();
      cleanups.push(() => docspace.close());
      const slack = await startFakeSlack({ teamId: TEAM_ID });
      cleanups.push(() => slack.close());
      for (let i = 0; i < 2; i++)
        instances.push(await startHarness({ docspace, slack, databaseUrl: schema.url, clock }));
      [a, b] = instances as [Harness, Harness];
    });
    afterAll(async () => {
      for (const instance of instances) await instance.close();
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    it('ends a due grant once when both instances sweep at the same moment: one DELETE …/members', async () => {
      const group = seedTeam(a.docspace);
      await ask(a, 'owner', `add "${group.name}" <@U0CAROL001> for 1h`);
      const grant = await onlyGrant(b, group.id);
      clock.advance(HOUR);
      a.docspace.clearLog();
      // Slow DocSpace answers keep the first claimant busy while the other one tries.
      a.docspace.setLatency(80);
      const passes = await Promise.all([sweep(a), sweep(b), sweep(a), sweep(b)]);
      a.docspace.setLatency(0);
      expect(passes.reduce((n, pass) => n + pass.expired, 0)).toBe(1);
      expect(memberDeletes(a.docspace, group.id)).toHaveLength(1);
      expect(a.docspace.getGroup(group.id)?.memberIds).not.toContain(docspaceIdOf('carol'));
      expect(await b.container.storage.grants.get(grant.id)).toMatchObject({ state: 'ended', outcome: 'removed' });
      expect(dmsAboutGrant(a, 'carol', grant.id)).toHaveLength(1);
    });
  },
);
