import { beforeEach, describe, expect, it } from 'vitest';
import { slackIdOf } from '../../fixtures/people.js';
import { createFakeClock, HOUR } from '../../helpers/clock.js';
import { useReplicas } from '../../helpers/replicas.js';
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
    const clock = createFakeClock(new Date());
    const replicas = useReplicas(TEST_DATABASE_URL, clock);
    beforeEach(() => {
      replicas.a.slack.clear();
      replicas.a.docspace.clearLog();
    });

    it('removes once when the reviewer submits on both instances at the same moment', async () => {
      const group = seedReviewedGroup(replicas.a.docspace);
      await linkByUse(replicas.a, 'alice');
      const id = await startReview(replicas.a, group);
      await replicas.a.slack.waitFor(() => reviewDms(replicas.a, 'alice', id).length > 0);
      await remove(replicas.b, id, 'carol');
      replicas.a.docspace.setLatency(60);
      const answers = await Promise.all([submit(replicas.a, id), submit(replicas.b, id)]);
      replicas.a.docspace.setLatency(0);
      await Promise.all([replicas.a.idle(), replicas.b.idle()]);
      expect(answers.filter((x) => x.includes('already submitted'))).toHaveLength(1);
      expect(writesTo(replicas.a.docspace, group.id)).toHaveLength(1);
      expect((await storedReview(replicas.b, id)).outcome?.kind).toBe('applied');
    });

    it('sends one overdue report to admins when both instances sweep at once', async () => {
      const group = seedReviewedGroup(replicas.a.docspace);
      await linkByUse(replicas.a, 'alice');
      const id = await startReview(replicas.a, group);
      clock.advance(8 * 24 * HOUR);
      const runs = await Promise.all([replicas.a.container.reviews.sweep(), replicas.b.container.reviews.sweep()]);
      expect(runs.reduce((n, r) => n + r.escalated, 0)).toBe(1);
      const reports = replicas.a.slack
        .dms(slackIdOf('owner'))
        .filter((m) => m.text.includes(id) && m.text.includes('overdue'));
      expect(reports).toHaveLength(1);
    });
  },
);
