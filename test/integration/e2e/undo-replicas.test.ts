import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDocSpace } from '../../fakes/docspace-server.js';
import { startFakeSlack } from '../../fakes/slack-api-server.js';
import { docspaceIdOf, mentionOf, TEAM_ID } from '../../fixtures/people.js';
import { createFakeClock } from '../../helpers/clock.js';
import { type Harness, startHarness } from '../../helpers/harness.js';
import { createPostgresSchema } from '../storage/factories.js';
import { answerTo, seedTeam } from './approvals-kit.js';
import { change, clickUndo, undoValueIn, writes } from './undo-kit.js';

const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'];

describe.skipIf(!TEST_DATABASE_URL)(
  'Undo with two app instances sharing one PostgreSQL database (skipped: set TEST_DATABASE_URL to run)',
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

    it('makes exactly one DocSpace write when Undo is clicked on both instances at once', async () => {
      const group = seedTeam(a.docspace);
      const reply = await change(a, 'owner', `add "${group.name}" ${mentionOf('carol')}`);
      const value = undoValueIn(reply);
      a.docspace.clearLog();
      a.docspace.setLatency(60);
      const clicks = await Promise.all([clickUndo(a, 'owner', value), clickUndo(b, 'owner', value)]);
      const answers = await Promise.all(clicks.map((c) => answerTo(a.slack, c)));
      await Promise.all([a.idle(), b.idle()]);
      a.docspace.setLatency(0);
      expect(writes(a.docspace)).toHaveLength(1);
      expect(answers.filter((text) => text.includes('already undid that change'))).toHaveLength(1);
      expect(a.docspace.getGroup(group.id)?.memberIds).not.toContain(docspaceIdOf('carol'));
      const entries = await b.container.storage.audit.list({ limit: 50 });
      expect(entries.filter((e) => e.action === 'undo')).toHaveLength(1);
    });
  },
);
