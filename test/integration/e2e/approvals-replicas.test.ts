import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeDocSpace } from '../../fakes/docspace-server.js';
import { startFakeSlack } from '../../fakes/slack-api-server.js';
import { APPROVAL_CHANNEL, docspaceIdOf, PEOPLE, TEAM_ID } from '../../fixtures/people.js';
import { createFakeClock, HOUR, MINUTE } from '../../helpers/clock.js';
import { type Harness, startHarness } from '../../helpers/harness.js';
import { createPostgresSchema } from '../storage/factories.js';
import {
  approve,
  ask,
  dmsAbout,
  fileRequest,
  requestIdIn,
  seedTeam,
  storedRequest,
  waitForCardStatus,
  writesTo,
} from './approvals-kit.js';

const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'];

describe.skipIf(!TEST_DATABASE_URL)(
  'two app instances sharing one PostgreSQL database (skipped: set TEST_DATABASE_URL to run)',
  () => {
    const instances: Harness[] = [];
    const cleanups: (() => Promise<void>)[] = [];
    // Both instances read one clock, so a test can move time for the whole deployment.
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
      // One after the other: the second instance finds the schema already migrated.
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
      a.docspace.setLatency(60);
    });

    it('lets a card posted by one instance be approved through the other', async () => {
      const group = seedTeam(a.docspace);
      const id = await fileRequest(a, 'alice', `add "${group.name}" <@U0CAROL001>`);
      await approve(b, 'dave', id);
      await waitForCardStatus(a.slack, id, 'done');
      await a.slack.waitFor(() => dmsAbout(a.slack, 'alice', id).length > 0);
      expect((await storedRequest(a, id)).status).toBe('executed');
      expect(a.docspace.getGroup(group.id)?.memberIds).toContain(docspaceIdOf('carol'));
    });

    it('makes exactly one DocSpace change when two approvers click Approve on different instances at once', async () => {
      const group = seedTeam(a.docspace);
      const id = await fileRequest(a, 'alice', `add "${group.name}" <@U0CAROL001>`);
      const clicks = await Promise.all([approve(a, 'owner', id), approve(b, 'dave', id)]);
      await waitForCardStatus(a.slack, id, 'done');
      await a.slack.waitFor(() => clicks.some((c) => a.slack.responsesTo(c).length > 0));
      await Promise.all([a.idle(), b.idle()]);
      expect(writesTo(a.docspace, group.id)).toHaveLength(1);
      const answers = clicks.flatMap((c) => a.slack.responsesTo(c)).map((r) => JSON.stringify(r.body));
      expect(answers).toHaveLength(1);
      expect(answers[0]).toContain('already decided');
      expect((await storedRequest(b, id)).attempts).toBe(1);
    });

    it('makes exactly one DocSpace change when one approver double-clicks and the clicks land on both instances', async () => {
      const group = seedTeam(a.docspace);
      const id = await fileRequest(b, 'alice', `add "${group.name}" <@U0CAROL001>`);
      await Promise.all([approve(a, 'dave', id), approve(b, 'dave', id), approve(a, 'dave', id)]);
      await waitForCardStatus(a.slack, id, 'done');
      await Promise.all([a.idle(), b.idle()]);
      expect(writesTo(a.docspace, group.id)).toHaveLength(1);
    });

    it('files one request, not two, when two people ask for the same change through different instances at once', async () => {
      const group = seedTeam(a.docspace);
      const asks = await Promise.all([
        fileRequest(a, 'alice', `add "${group.name}" <@U0CAROL001>`),
        fileRequest(b, 'bob', `add "${group.name}" <@U0CAROL001>`),
      ]);
      expect(asks[0]).toBe(asks[1]);
      expect((await storedRequest(a, asks[0])).requesterIds).toHaveLength(2);
    });
    it('expires an overdue request once when both instances run maintenance at the same moment', async () => {
      const group = seedTeam(a.docspace);
      const id = await fileRequest(a, 'alice', `add "${group.name}" <@U0CAROL001>`);
      clock.advance(73 * HOUR);
      // maintain() settles only after its card update and DMs are sent: once both have, nothing else will happen.
      await Promise.all([a.container.services.maintain(), b.container.services.maintain()]);
      await waitForCardStatus(a.slack, id, 'expired');
      await a.slack.waitFor(() => dmsAbout(a.slack, 'alice', id).length > 0);
      const entries = await a.container.storage.audit.list({ groupId: group.id as never, limit: 10 });
      expect(entries.filter((e) => e.action === 'expire')).toHaveLength(1);
      expect(dmsAbout(a.slack, 'alice', id)).toHaveLength(1);
    });

    it('re-posts a missing card once, and DMs the admins once, when both instances fail and then run maintenance at once', async () => {
      const group = seedTeam(a.docspace);
      a.slack.setChannel(APPROVAL_CHANNEL, 'not_member');
      const asked = await Promise.all([
        ask(a, 'alice', `add "${group.name}" <@U0CAROL001>`),
        ask(b, 'bob', `add "${group.name}" <@U0ERIN0001>`),
      ]);
      a.slack.setChannel(APPROVAL_CHANNEL, 'member');
      clock.advance(MINUTE);
      await Promise.all([a.container.services.maintain(), b.container.services.maintain()]);
      const ids = asked.map(requestIdIn);
      const cards = ids.map((id) => a.slack.messages(APPROVAL_CHANNEL).filter((m) => m.text.includes(id)).length);
      const alerts = a.slack.dms(PEOPLE.owner.slack.id).filter((m) => m.text.includes('cannot post approval cards'));
      expect([cards, alerts.length]).toEqual([[1, 1], 1]);
    });
  },
);
