import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeDocSpace } from '../../fakes/docspace-server.js';
import { slashCommand } from '../../fakes/payloads.js';
import { type SendResult, sendCommand } from '../../fakes/send-to-app.js';
import { startFakeSlack } from '../../fakes/slack-api-server.js';
import { slackIdOf, TEAM_ID } from '../../fixtures/people.js';
import { COMMAND_CHANNEL, type Harness, SIGNING_SECRET, startHarness } from '../../helpers/harness.js';
import { createPostgresSchema } from '../storage/factories.js';
import { createPosts, groupsNamed, overlapNameChecks, uniqueName } from './names-kit.js';

const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'];

describe.skipIf(!TEST_DATABASE_URL)(
  'one group per name across two app instances sharing one PostgreSQL database (skipped: set TEST_DATABASE_URL to run)',
  () => {
    const instances: Harness[] = [];
    const cleanups: (() => Promise<void>)[] = [];
    let a: Harness;
    let b: Harness;
    beforeAll(async () => {
      const schema = await createPostgresSchema(TEST_DATABASE_URL as string);
      cleanups.push(schema.drop);
      const docspace = await startFakeDocSpace();
      cleanups.push(() => docspace.close());
      const slack = await startFakeSlack({ teamId: TEAM_ID });
      cleanups.push(() => slack.close());
      for (let i = 0; i < 2; i++) instances.push(await startHarness({ docspace, slack, databaseUrl: schema.url }));
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

    it('makes exactly one POST /group when two people create one name on different instances at once', async () => {
      const name = uniqueName('Replicas');
      const sent: { responseId: string }[] = [];
      await overlapNameChecks(
        a.docspace,
        a.slack,
        async () => {
          sent.push(
            ...(await Promise.all([a.command('owner', `create "${name}"`), b.command('erin', `create "${name}"`)])),
          );
        },
        () => false,
      );
      const texts = await Promise.all(sent.map((s) => a.reply(s.responseId).then((body) => JSON.stringify(body))));
      await Promise.all([a.idle(), b.idle()]);
      expect(createPosts(a.docspace)).toHaveLength(1);
      expect(groupsNamed(a.docspace, name)).toHaveLength(1);
      expect(texts.filter((t) => t.includes('Created group'))).toHaveLength(1);
      expect(texts.filter((t) => /right now|already exists/.test(t))).toHaveLength(1);
    });

    it('makes exactly one POST /group when one signed create reaches both instances (a replay to another replica)', async () => {
      const name = uniqueName('Replayed replicas');
      const responseId = `replay-${randomUUID()}`;
      const fields = slashCommand({
        text: `create "${name}"`,
        userId: slackIdOf('owner'),
        teamId: TEAM_ID,
        channelId: COMMAND_CHANNEL,
        responseUrl: a.slack.responseUrl(responseId),
      });
      const acks: Promise<SendResult>[] = [];
      await overlapNameChecks(
        a.docspace,
        a.slack,
        async () => {
          acks.push(sendCommand(a.eventsUrl, SIGNING_SECRET, fields), sendCommand(b.eventsUrl, SIGNING_SECRET, fields));
        },
        () => a.slack.responsesTo(responseId).length > 0,
      );
      await Promise.all(acks);
      await a.slack.waitFor(() => a.slack.responsesTo(responseId).length === 2);
      await Promise.all([a.idle(), b.idle()]);
      expect(createPosts(a.docspace)).toHaveLength(1);
      expect(groupsNamed(a.docspace, name)).toHaveLength(1);
    });
  },
);
