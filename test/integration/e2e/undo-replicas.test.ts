import { describe, expect, it } from 'vitest';
import { docspaceIdOf, mentionOf } from '../../fixtures/people.js';
import { createFakeClock } from '../../helpers/clock.js';
import { useReplicas } from '../../helpers/replicas.js';
import { answerTo, seedTeam } from './approvals-kit.js';
import { change, clickUndo, undoValueIn, writes } from './undo-kit.js';

const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'];

describe.skipIf(!TEST_DATABASE_URL)(
  'Undo with two app instances sharing one PostgreSQL database (skipped: set TEST_DATABASE_URL to run)',
  () => {
    const clock = createFakeClock(new Date());
    const replicas = useReplicas(TEST_DATABASE_URL, clock);

    it('makes exactly one DocSpace write when Undo is clicked on both instances at once', async () => {
      const group = seedTeam(replicas.a.docspace);
      const reply = await change(replicas.a, 'owner', `add "${group.name}" ${mentionOf('carol')}`);
      const value = undoValueIn(reply);
      replicas.a.docspace.clearLog();
      replicas.a.docspace.setLatency(60);
      const clicks = await Promise.all([clickUndo(replicas.a, 'owner', value), clickUndo(replicas.b, 'owner', value)]);
      const answers = await Promise.all(clicks.map((c) => answerTo(replicas.a.slack, c)));
      await Promise.all([replicas.a.idle(), replicas.b.idle()]);
      replicas.a.docspace.setLatency(0);
      expect(writes(replicas.a.docspace)).toHaveLength(1);
      expect(answers.filter((text) => text.includes('already undid that change'))).toHaveLength(1);
      expect(replicas.a.docspace.getGroup(group.id)?.memberIds).not.toContain(docspaceIdOf('carol'));
      const entries = await replicas.b.container.storage.audit.list({ limit: 50 });
      expect(entries.filter((e) => e.action === 'undo')).toHaveLength(1);
    });
  },
);
