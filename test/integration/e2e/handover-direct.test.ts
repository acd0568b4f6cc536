import { describe, expect, it } from 'vitest';
import { docspaceIdOf, slackIdOf, TEAM_ID } from '../../fixtures/people.js';
import { createFakeClock, HOUR, MINUTE } from '../../helpers/clock.js';
import { useHarness } from '../../helpers/harness.js';
import { ask, seedTeam, writesTo } from './approvals-kit.js';
import {
  answerHandover,
  answersTo,
  findHandoverDm,
  HANDOVER_ON,
  handoverClick,
  handoverDm,
  offersAnswer,
  storedHandover,
} from './handover-kit.js';

const BOB = '<@U0BOB00001>';

describe('HANDOVER_ACCEPTANCE=on: an admin’s manager change waits for the incoming manager to accept', () => {
  const clock = createFakeClock(new Date());
  const h = useHarness({ clock, env: HANDOVER_ON });

  it('answers the admin that the change waits for the incoming manager, and writes nothing yet', async () => {
    const group = seedTeam(h.docspace);
    const answer = await ask(h, 'owner', `manager "${group.name}" ${BOB}`);
    expect(answer).toContain('waits for <@U0BOB00001> to accept');
    await h.idle();
    expect(writesTo(h.docspace, group.id)).toEqual([]);
    expect(h.docspace.getGroup(group.id)?.managerId).toBe(docspaceIdOf('alice'));
  });

  it('DMs the incoming manager who asks, which group and its members, with Accept and Decline', async () => {
    const group = seedTeam(h.docspace);
    await ask(h, 'owner', `manager "${group.name}" ${BOB}`);
    const { dm } = await handoverDm(h, 'bob', group.name);
    const shown = JSON.stringify(dm.blocks);
    expect(shown).toContain('<@U0OWNER001> asks you to become the manager');
    expect(shown).toContain(group.name);
    expect(shown).toContain('Alice Archer');
    expect(shown).toContain('Bob Baker');
    expect(offersAnswer(dm)).toBe(true);
  });

  it('makes the change once the incoming manager accepts: one DocSpace write, the DM updated, the admin told', async () => {
    const group = seedTeam(h.docspace);
    await ask(h, 'owner', `manager "${group.name}" ${BOB}`);
    const { dm, id } = await handoverDm(h, 'bob', group.name);
    const responseId = await answerHandover(h, 'bob', 'accept', id, dm);
    expect(answersTo(h, responseId)).toBe('');
    expect(writesTo(h.docspace, group.id)).toHaveLength(1);
    expect(h.docspace.getGroup(group.id)?.managerId).toBe(docspaceIdOf('bob'));
    const updated = findHandoverDm(h, 'bob', group.name);
    expect(updated && offersAnswer(updated)).toBe(false);
    expect(JSON.stringify(updated?.blocks)).toContain('You accepted');
    expect(h.slack.dms(slackIdOf('owner')).some((m) => m.text.includes('accepted becoming the manager'))).toBe(true);
    expect((await storedHandover(h, id)).status).toBe('accepted');
  });

  it('keeps an acting manager’s time (for <duration>) until acceptance: the grant starts when the change runs', async () => {
    const group = seedTeam(h.docspace);
    await ask(h, 'owner', `manager "${group.name}" ${BOB} for 2h`);
    const { dm, id } = await handoverDm(h, 'bob', group.name);
    expect(await h.container.storage.grants.listActiveForGroup(TEAM_ID as never, group.id as never)).toEqual([]);
    clock.advance(30 * MINUTE);
    await answerHandover(h, 'bob', 'accept', id, dm);
    expect(h.docspace.getGroup(group.id)?.managerId).toBe(docspaceIdOf('bob'));
    const grants = await h.container.storage.grants.listActiveForGroup(TEAM_ID as never, group.id as never);
    expect(grants.map((g) => [g.kind, g.userId, g.previousManagerId])).toEqual([
      ['acting_manager', docspaceIdOf('bob'), docspaceIdOf('alice')],
    ]);
    expect(grants[0]?.endsAt.getTime()).toBe(clock.now().getTime() + 2 * HOUR);
  });

  it('audits the handover: asked by the admin, accepted by the incoming manager, then the manager change', async () => {
    const group = seedTeam(h.docspace);
    await ask(h, 'owner', `manager "${group.name}" ${BOB}`);
    const { dm, id } = await handoverDm(h, 'bob', group.name);
    await answerHandover(h, 'bob', 'accept', id, dm);
    const entries = await h.container.storage.audit.list({ groupId: group.id as never, limit: 10 });
    expect(entries.map((e) => [e.action, e.actorSlackId]).reverse()).toEqual([
      ['handover_ask', slackIdOf('owner')],
      ['handover_accept', slackIdOf('bob')],
      ['set_manager', slackIdOf('owner')],
    ]);
  });

  it('writes nothing when the incoming manager declines, and tells the admin', async () => {
    const group = seedTeam(h.docspace);
    await ask(h, 'owner', `manager "${group.name}" ${BOB}`);
    const { dm, id } = await handoverDm(h, 'bob', group.name);
    await answerHandover(h, 'bob', 'decline', id, dm);
    expect(writesTo(h.docspace, group.id)).toEqual([]);
    expect(JSON.stringify(findHandoverDm(h, 'bob', group.name)?.blocks)).toContain('You declined');
    expect(h.slack.dms(slackIdOf('owner')).some((m) => m.text.includes('declined becoming the manager'))).toBe(true);
    expect((await storedHandover(h, id)).status).toBe('declined');
  });

  it('refuses Accept by anyone but the incoming manager, clearly, and changes nothing', async () => {
    const group = seedTeam(h.docspace);
    await ask(h, 'owner', `manager "${group.name}" ${BOB}`);
    const { dm, id } = await handoverDm(h, 'bob', group.name);
    for (const who of ['carol', 'owner'] as const) {
      const responseId = await answerHandover(h, who, 'accept', id, dm);
      expect(answersTo(h, responseId)).toContain('Only <@U0BOB00001>, the incoming manager, can accept');
    }
    const audit = await h.container.storage.audit.list({ teamId: TEAM_ID as never, limit: 20 });
    const refused = audit.filter((e) => e.action === 'refused' && e.actorSlackId === slackIdOf('carol'));
    expect(refused.map((e) => e.detail)).toEqual(['handover_accept refused: not the incoming manager']);
    expect(writesTo(h.docspace, group.id)).toEqual([]);
    expect((await storedHandover(h, id)).status).toBe('waiting');
  });

  it('makes one DocSpace write when Accept is clicked twice at once, and tells the second click it was answered', async () => {
    const group = seedTeam(h.docspace);
    await ask(h, 'owner', `manager "${group.name}" ${BOB}`);
    const { dm, id } = await handoverDm(h, 'bob', group.name);
    const clicks = ['first', 'second'].map((n) => `double-${n}-${id}`);
    await Promise.all(clicks.map((responseId) => h.interact(handoverClick(h, 'bob', 'accept', id, dm, responseId))));
    await h.idle();
    expect(writesTo(h.docspace, group.id)).toHaveLength(1);
    const answers = clicks.map((responseId) => answersTo(h, responseId));
    expect(answers.filter((a) => a.includes('already answered: accepted'))).toHaveLength(1);
  });

  it('handles a repeated delivery of one Accept click once', async () => {
    const group = seedTeam(h.docspace);
    await ask(h, 'owner', `manager "${group.name}" ${BOB}`);
    const { dm, id } = await handoverDm(h, 'bob', group.name);
    const payload = handoverClick(h, 'bob', 'accept', id, dm, `repeat-${id}`);
    await Promise.all([h.interact(payload), h.interact(payload)]);
    await h.idle();
    expect(writesTo(h.docspace, group.id)).toHaveLength(1);
    expect(h.docspace.getGroup(group.id)?.managerId).toBe(docspaceIdOf('bob'));
  });

  it('expires an unanswered handover after HANDOVER_TTL_HOURS on maintenance, tells the admin, and a late Accept changes nothing', async () => {
    const group = seedTeam(h.docspace);
    await ask(h, 'owner', `manager "${group.name}" ${BOB}`);
    const { dm, id } = await handoverDm(h, 'bob', group.name);
    clock.advance(71 * HOUR);
    expect(await h.container.services.maintain()).toMatchObject({ ok: true, value: { handoversExpired: 0 } });
    clock.advance(HOUR + MINUTE);
    const maintained = await h.container.services.maintain();
    // Handovers earlier tests left waiting expire with it.
    expect(maintained.ok && maintained.value.handoversExpired).toBeGreaterThanOrEqual(1);
    expect((await storedHandover(h, id)).status).toBe('expired');
    expect(JSON.stringify(findHandoverDm(h, 'bob', group.name)?.blocks)).toContain('expired without an answer');
    expect(h.slack.dms(slackIdOf('owner')).some((m) => m.text.includes('did not answer in time'))).toBe(true);
    const late = await answerHandover(h, 'bob', 'accept', id, dm);
    expect(answersTo(h, late)).toContain('already answered: expired');
    expect(writesTo(h.docspace, group.id)).toEqual([]);
  });

  it('refuses a handover to a guest or a disabled account up front, asking nobody', async () => {
    const group = seedTeam(h.docspace);
    const guest = await ask(h, 'owner', `manager "${group.name}" <@U0GUS00001>`);
    expect(guest).toMatch(/guest/i);
    const disabled = await ask(h, 'owner', `manager "${group.name}" <@U0DORA0001>`);
    expect(disabled).toMatch(/disabled/i);
    await h.idle();
    expect(h.slack.dms(slackIdOf('gus'))).toEqual([]);
    expect(h.slack.dms(slackIdOf('dora'))).toEqual([]);
    expect(writesTo(h.docspace, group.id)).toEqual([]);
  });

  it('refuses a handover to someone with no Slack account linked: nobody could accept it', async () => {
    const group = seedTeam(h.docspace);
    const answer = await ask(h, 'owner', `manager "${group.name}" hal@example.com`);
    expect(answer).toContain('has no Slack account linked');
    expect(writesTo(h.docspace, group.id)).toEqual([]);
  });

  it('tells the admin when Slack refuses the DM to the incoming manager, drops the handover and changes nothing', async () => {
    const group = seedTeam(h.docspace);
    h.slack.failNext('chat.postMessage', 'restricted_action');
    const answer = await ask(h, 'owner', `manager "${group.name}" ${BOB}`);
    expect(answer).toContain('could not send <@U0BOB00001> the message asking them to accept');
    expect(await h.container.storage.handovers.findWaiting(TEAM_ID as never, group.id as never)).toBeNull();
    const again = await ask(h, 'owner', `manager "${group.name}" ${BOB}`);
    expect(again).toContain('waits for <@U0BOB00001> to accept');
    expect(writesTo(h.docspace, group.id)).toEqual([]);
  });

  it('re-checks the incoming manager at Accept: an account disabled meanwhile is refused and nothing is written', async () => {
    const group = seedTeam(h.docspace);
    await ask(h, 'owner', `manager "${group.name}" ${BOB}`);
    const { dm, id } = await handoverDm(h, 'bob', group.name);
    h.docspace.setUserStatus(docspaceIdOf('bob'), 'disabled');
    // Past AUTHORITY_TTL_SECONDS, so the account is read again.
    clock.advance(10 * MINUTE);
    try {
      const responseId = await answerHandover(h, 'bob', 'accept', id, dm);
      expect(answersTo(h, responseId)).toContain('DocSpace account is disabled');
      expect(writesTo(h.docspace, group.id)).toEqual([]);
      expect((await storedHandover(h, id)).status).toBe('waiting');
    } finally {
      h.docspace.setUserStatus(docspaceIdOf('bob'), 'active');
      clock.advance(10 * MINUTE);
    }
  });

  it('asks nobody when the admin makes themself the manager: asking is accepting', async () => {
    const group = seedTeam(h.docspace);
    const answer = await ask(h, 'owner', `manager "${group.name}" <@U0OWNER001>`);
    expect(answer).not.toContain('waits for');
    expect(h.docspace.getGroup(group.id)?.managerId).toBe(docspaceIdOf('owner'));
  });

  it('refuses a second handover of a group while one waits', async () => {
    const group = seedTeam(h.docspace);
    await ask(h, 'owner', `manager "${group.name}" ${BOB}`);
    await handoverDm(h, 'bob', group.name);
    const second = await ask(h, 'owner', `manager "${group.name}" <@U0CAROL001>`);
    expect(second).toContain('already waits for <@U0BOB00001> to accept');
    await h.idle();
    expect(findHandoverDm(h, 'carol', group.name)).toBeUndefined();
  });

  it('does not execute if the group was deleted meanwhile: the acceptance says so, and nothing is written', async () => {
    const group = seedTeam(h.docspace);
    await ask(h, 'owner', `manager "${group.name}" ${BOB}`);
    const { dm, id } = await handoverDm(h, 'bob', group.name);
    // Another DocSpace admin removes the group in the portal meanwhile.
    const deleted = await fetch(`${h.docspace.url}/api/2.0/group/${group.id}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${h.docspace.apiKey}` },
    });
    expect(deleted.ok).toBe(true);
    h.docspace.clearLog();
    await answerHandover(h, 'bob', 'accept', id, dm);
    expect(writesTo(h.docspace, group.id)).toEqual([]);
    expect((await storedHandover(h, id)).outcome).toContain('no longer exists');
  });
});
