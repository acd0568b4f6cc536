import { beforeEach, describe, expect, it } from 'vitest';
import { APPROVAL_CHANNEL, docspaceIdOf, PEOPLE } from '../../fixtures/people.js';
import { createFakeClock, HOUR, MINUTE } from '../../helpers/clock.js';
import { useReplicas } from '../../helpers/replicas.js';
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
    // Both instances read one clock, so a test can move time for the whole deployment.
    const clock = createFakeClock(new Date());
    const replicas = useReplicas(TEST_DATABASE_URL, clock);
    beforeEach(() => {
      replicas.a.slack.clear();
      replicas.a.docspace.clearLog();
      replicas.a.docspace.setLatency(60);
    });

    it('lets a card posted by one instance be approved through the other', async () => {
      const group = seedTeam(replicas.a.docspace);
      const id = await fileRequest(replicas.a, 'alice', `add "${group.name}" <@U0CAROL001>`);
      await approve(replicas.b, 'dave', id);
      await waitForCardStatus(replicas.a.slack, id, 'done');
      await replicas.a.slack.waitFor(() => dmsAbout(replicas.a.slack, 'alice', id).length > 0);
      expect((await storedRequest(replicas.a, id)).status).toBe('executed');
      expect(replicas.a.docspace.getGroup(group.id)?.memberIds).toContain(docspaceIdOf('carol'));
    });

    it('makes exactly one DocSpace change when two approvers click Approve on different instances at once', async () => {
      const group = seedTeam(replicas.a.docspace);
      const id = await fileRequest(replicas.a, 'alice', `add "${group.name}" <@U0CAROL001>`);
      const clicks = await Promise.all([approve(replicas.a, 'owner', id), approve(replicas.b, 'dave', id)]);
      await waitForCardStatus(replicas.a.slack, id, 'done');
      await replicas.a.slack.waitFor(() => clicks.some((c) => replicas.a.slack.responsesTo(c).length > 0));
      await Promise.all([replicas.a.idle(), replicas.b.idle()]);
      expect(writesTo(replicas.a.docspace, group.id)).toHaveLength(1);
      const answers = clicks.flatMap((c) => replicas.a.slack.responsesTo(c)).map((r) => JSON.stringify(r.body));
      expect(answers).toHaveLength(1);
      expect(answers[0]).toContain('already decided');
      expect((await storedRequest(replicas.b, id)).attempts).toBe(1);
    });

    it('makes exactly one DocSpace change when one approver double-clicks and the clicks land on both instances', async () => {
      const group = seedTeam(replicas.a.docspace);
      const id = await fileRequest(replicas.b, 'alice', `add "${group.name}" <@U0CAROL001>`);
      await Promise.all([
        approve(replicas.a, 'dave', id),
        approve(replicas.b, 'dave', id),
        approve(replicas.a, 'dave', id),
      ]);
      await waitForCardStatus(replicas.a.slack, id, 'done');
      await Promise.all([replicas.a.idle(), replicas.b.idle()]);
      expect(writesTo(replicas.a.docspace, group.id)).toHaveLength(1);
    });

    it('files one request, not two, when two people ask for the same change through different instances at once', async () => {
      const group = seedTeam(replicas.a.docspace);
      const asks = await Promise.all([
        fileRequest(replicas.a, 'alice', `add "${group.name}" <@U0CAROL001>`),
        fileRequest(replicas.b, 'bob', `add "${group.name}" <@U0CAROL001>`),
      ]);
      expect(asks[0]).toBe(asks[1]);
      expect((await storedRequest(replicas.a, asks[0])).requesterIds).toHaveLength(2);
    });
    it('expires an overdue request once when both instances run maintenance at the same moment', async () => {
      const group = seedTeam(replicas.a.docspace);
      const id = await fileRequest(replicas.a, 'alice', `add "${group.name}" <@U0CAROL001>`);
      clock.advance(73 * HOUR);
      // maintain() settles only after its card update and DMs are sent: once both have, nothing else will happen.
      await Promise.all([replicas.a.container.services.maintain(), replicas.b.container.services.maintain()]);
      await waitForCardStatus(replicas.a.slack, id, 'expired');
      await replicas.a.slack.waitFor(() => dmsAbout(replicas.a.slack, 'alice', id).length > 0);
      const entries = await replicas.a.container.storage.audit.list({ groupId: group.id as never, limit: 10 });
      expect(entries.filter((e) => e.action === 'expire')).toHaveLength(1);
      expect(dmsAbout(replicas.a.slack, 'alice', id)).toHaveLength(1);
    });

    it('re-posts a missing card once, and DMs the admins once, when both instances fail and then run maintenance at once', async () => {
      const group = seedTeam(replicas.a.docspace);
      replicas.a.slack.setChannel(APPROVAL_CHANNEL, 'not_member');
      const asked = await Promise.all([
        ask(replicas.a, 'alice', `add "${group.name}" <@U0CAROL001>`),
        ask(replicas.b, 'bob', `add "${group.name}" <@U0ERIN0001>`),
      ]);
      replicas.a.slack.setChannel(APPROVAL_CHANNEL, 'member');
      clock.advance(MINUTE);
      await Promise.all([replicas.a.container.services.maintain(), replicas.b.container.services.maintain()]);
      const ids = asked.map(requestIdIn);
      const cards = ids.map(
        (id) => replicas.a.slack.messages(APPROVAL_CHANNEL).filter((m) => m.text.includes(id)).length,
      );
      const alerts = replicas.a.slack
        .dms(PEOPLE.owner.slack.id)
        .filter((m) => m.text.includes('cannot post approval cards'));
      expect([cards, alerts.length]).toEqual([[1, 1], 1]);
    });
  },
);
