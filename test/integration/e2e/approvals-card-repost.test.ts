import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { startFakeSlack } from '../../fakes/slack-api-server.js';
import { PEOPLE, TEAM_ID } from '../../fixtures/people.js';
import { createFakeClock, MINUTE } from '../../helpers/clock.js';
import { APPROVAL_CHANNEL, type Harness, startHarness, useHarness } from '../../helpers/harness.js';
import {
  approve,
  ask,
  buttonsOf,
  cardOf,
  requestIdIn,
  seedTeam,
  storedRequest,
  waitForCardStatus,
  writesTo,
} from './approvals-kit.js';
import { opsJson } from './decidable-kit.js';

// Every request stays decidable when its card cannot be posted: it stays pending, the requester is told the truth,
// the admins are told once how to fix the channel, and maintenance posts the card once the channel works again.

const OWNER = PEOPLE.owner.slack.id;

/** The DMs to the admin about the approvals channel. */
const channelAlerts = (h: Harness) => h.slack.dms(OWNER).filter((m) => m.text.includes('cannot post approval cards'));

function logLines(h: Harness): Record<string, unknown>[] {
  return h.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('a card the bot cannot post in the approvals channel', () => {
  const clock = createFakeClock();
  const h = useHarness({ clock });
  afterEach(() => h.slack.setChannel(APPROVAL_CHANNEL, 'member'));

  it('keeps the request pending, DMs the admins once, and re-posts the card once the bot is invited', async () => {
    const group = seedTeam(h.docspace);
    h.slack.setChannel(APPROVAL_CHANNEL, 'not_member');
    const answer = await ask(h, 'alice', `add "${group.name}" <@${PEOPLE.carol.slack.id}>`);
    const first = requestIdIn(answer);
    const second = requestIdIn(await ask(h, 'bob', `add "${group.name}" <@${PEOPLE.erin.slack.id}>`));
    clock.advance(MINUTE);
    await h.container.services.maintain();

    expect([(await storedRequest(h, first)).status, (await storedRequest(h, first)).card]).toEqual(['pending', null]);
    expect(answer).toContain('could not post it to the approvals channel (the bot is not a member of it)');
    expect(answer).toContain('approvers can approve or deny it with `/docspace-group requests`');
    expect(answer).not.toContain(`<#${APPROVAL_CHANNEL}>`);
    expect(channelAlerts(h)).toHaveLength(1);
    expect(JSON.stringify(channelAlerts(h)[0])).toContain(`<#${APPROVAL_CHANNEL}>`);
    expect(JSON.stringify(channelAlerts(h)[0])).toContain('/invite <@U0BOT00001>');
    const warned = logLines(h).filter((l) => l['msg'] === 'could not post the approval card');
    expect(warned.map((l) => [l['level'], l['problem']])).toEqual([
      [40, 'not_in_channel'],
      [40, 'not_in_channel'],
      [40, 'not_in_channel'],
    ]);
    expect((await opsJson(h, '/healthz')).body['approvalChannel']).toBe('not_a_member');

    h.slack.setChannel(APPROVAL_CHANNEL, 'member');
    clock.advance(15 * MINUTE);
    expect(await h.container.services.maintain()).toEqual({
      ok: true,
      value: { expired: 0, recovered: 0, reposted: 2, handoversExpired: 0 },
    });
    expect(buttonsOf(cardOf(h.slack, first))).toEqual(['dsg_approve', 'dsg_deny']);
    expect((await storedRequest(h, second)).card?.channelId).toBe(APPROVAL_CHANNEL);
    expect((await opsJson(h, '/readyz')).body).toMatchObject({ ready: true, approvalChannel: 'member' });

    await approve(h, 'dave', first);
    await waitForCardStatus(h.slack, first, 'done');
    expect(writesTo(h.docspace, group.id).filter((r) => r.path.endsWith('/members'))).toHaveLength(1);
    expect(channelAlerts(h)).toHaveLength(1);
  });

  it('names the channel fix when APPROVAL_CHANNEL_ID names no channel the bot can see, and posts nothing twice', async () => {
    const group = seedTeam(h.docspace);
    h.slack.setChannel(APPROVAL_CHANNEL, 'missing');
    const id = requestIdIn(await ask(h, 'alice', `add "${group.name}" <@${PEOPLE.carol.slack.id}>`));
    const alert = JSON.stringify(channelAlerts(h).at(-1));
    expect(alert).toContain('`APPROVAL_CHANNEL_ID` (`C0APPROVAL1`) names no channel I can see');
    h.slack.setChannel(APPROVAL_CHANNEL, 'member');
    clock.advance(MINUTE);
    await Promise.all([h.container.services.maintain(), h.container.services.maintain()]);
    const posted = h.slack.callsTo('chat.postMessage').filter((c) => JSON.stringify(c.args).includes(id));
    expect(posted.map((c) => c.args['channel'])).toEqual([APPROVAL_CHANNEL, APPROVAL_CHANNEL]);
    expect(h.slack.messages(APPROVAL_CHANNEL).filter((m) => m.text.includes(id))).toHaveLength(1);
  });
});

describe('start-up with the bot outside the approvals channel', () => {
  it('warns naming APPROVAL_CHANNEL_ID and reports it on /healthz and /readyz, which still answer 200', async () => {
    const slack = await startFakeSlack({ teamId: TEAM_ID });
    slack.setChannel(APPROVAL_CHANNEL, 'not_member');
    const h = await startHarness({ slack });
    onTestFinished(async () => {
      await h.close();
      await slack.close();
    });
    const warning = logLines(h).find((l) =>
      String(l['msg']).startsWith('APPROVAL_CHANNEL_ID: the bot is not a member'),
    );
    const [healthz, readyz] = [await opsJson(h, '/healthz'), await opsJson(h, '/readyz')];
    expect([warning?.['level'], warning?.['variable'], String(warning?.['msg'])]).toEqual([
      40,
      'APPROVAL_CHANNEL_ID',
      expect.stringContaining('/invite'),
    ]);
    expect([healthz.status, healthz.body['approvalChannel'], readyz.status, readyz.body['approvalChannel']]).toEqual([
      200,
      'not_a_member',
      200,
      'not_a_member',
    ]);
    expect(slack.callsTo('conversations.info').map((c) => c.args['channel'])).toEqual([APPROVAL_CHANNEL]);
  });
});
