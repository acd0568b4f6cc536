import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeDocSpace } from '../../fakes/docspace-server.js';
import { startFakeSlack } from '../../fakes/slack-api-server.js';
import { slackIdOf, TEAM_ID } from '../../fixtures/people.js';
import { createFakeClock, HOUR } from '../../helpers/clock.js';
import { type Harness, startHarness } from '../../helpers/harness.js';
import { createPostgresSchema } from '../storage/factories.js';
import {
  linkByUse,
  remove,
  reviewDms,
  seedReviewedGroup,
  startReview,
  storedReview,
  submit,
  writesTo,
} from './reviews-kit.js';

const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'];

describe.skipIf(!TEST_DATABASE_URL)(
  'access reviews on two app instances sharing one PostgreSQL database (skipped: set TEST_DATABASE_URL to run)',
  () => {
    const instances: Harness[] = [];
    const cleanups: (() => Promise<void>)[] = [];
    const clock = createFakeClock(new Date());
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
    beforeEach(() => {
      a.slack.clear();
      a.docspace.clearLog();
    });

    it('removes once when the reviewer submits on both instances at the same moment', async () => {
      const group = seedReviewedGroup(a.docspace);
      await linkByUse(a, 'alice');
      const id = await startReview(a, group);
      await a.slack.waitFor(() => reviewDms(a, 'alice', id).length > 0);
      await remove(b, id, 'carol');
      a.docspace.setLatency(60);
      const answers = await Promise.all([submit(a, id), submit(b, id)]);
      a.docspace.setLatency(0);
      await Promise.all([a.idle(), b.idle()]);
      expect(answers.filter((x) => x.includes('already submitted'))).toHaveLength(1);
      expect(writesTo(a.docspace, group.id)).toHaveLength(1);
      expect((await storedReview(b, id)).outcome?.kind).toBe('applied');
    });

    it('sends one overdue report to admins when both instances sweep at once', async () => {
      const group = seedReviewedGroup(a.docspace);
      await linkByUse(a, 'alice');
      const id = await startReview(a, group);
      clock.advance(8 * 24 * HOUR);
      const runs = await Promise.all([a.container.reviews.sweep(), b.container.reviews.sweep()]);
      expect(runs.reduce((n, r) => n + r.escalated, 0)).toBe(1);
      const reports = a.slack.dms(slackIdOf('owner')).filter((m) => m.text.includes(id) && m.text.includes('overdue'));
      expect(reports).toHaveLength(1);
    });
  },
);
