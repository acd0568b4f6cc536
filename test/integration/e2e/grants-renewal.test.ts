import { describe, expect, it } from 'vitest';
import { docspaceIdOf } from '../../fixtures/people.js';
import { createFakeClock, HOUR, MINUTE } from '../../helpers/clock.js';
import { type Harness, useHarness } from '../../helpers/harness.js';
import { approve, ask, cardJson, fileRequest, seedTeam, storedRequest, waitForCardStatus } from './approvals-kit.js';
import { answer, clickGrant, dmsAboutGrant, memberDeletes, onlyGrant, sweep } from './grants-kit.js';

// Requests, reminders, Renew and End now for time-bound access, through the real app on an injected clock.

const clock = createFakeClock(new Date('2026-03-02T09:00:00.000Z'));

/** The owner's command, answered in the ack (a parse error) or afterwards (a refusal from the domain). */
async function answerOf(h: Harness, text: string): Promise<string> {
  const sent = await h.command('owner', text);
  if (sent.ack.body.includes('"text"')) return sent.ack.body;
  return JSON.stringify(await h.reply(sent.responseId));
}
const DAY = 24 * HOUR;

describe('time-bound access: requests, reminders, renewal and End now', () => {
  const h = useHarness({ clock });

  it('files a non-admin’s time-bound add as a request whose card says for how long; the grant starts when approved', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001> for 3d`);
    expect(cardJson(h.slack, id)).toContain('For 3 days, until');
    clock.advance(HOUR);
    await approve(h, 'dave', id);
    await waitForCardStatus(h.slack, id, 'done');
    const grant = await onlyGrant(h, group.id);
    expect(grant).toMatchObject({ requesterSlackId: 'U0ALICE001', requestId: id, userId: docspaceIdOf('carol') });
    // Counted from the approval, not from the ask.
    expect(grant.startsAt).toEqual(clock.now());
    expect(grant.endsAt.getTime()).toBe(clock.now().getTime() + 3 * DAY);
    // Different durations are different requests.
    const other = await fileRequest(h, 'bob', `add "${group.name}" <@U0DAVE0001> for 2d`);
    const again = await fileRequest(h, 'mia', `add "${group.name}" <@U0DAVE0001> for 3d`);
    expect(other).not.toBe(again);
  });

  it('reminds the member before the end with Renew and End now; an admin’s Renew applies', async () => {
    const group = seedTeam(h.docspace);
    await ask(h, 'owner', `add "${group.name}" <@U0CAROL001> for 2d`);
    const grant = await onlyGrant(h, group.id);
    clock.advance(DAY - MINUTE);
    expect((await sweep(h)).reminded).toBe(0);
    clock.advance(MINUTE); // REMIND_BEFORE is 24 h
    expect((await sweep(h)).reminded).toBe(1);
    expect((await sweep(h)).reminded).toBe(0);
    const reminder = JSON.stringify(dmsAboutGrant(h, 'carol', grant.id));
    expect(reminder).toContain('dsg_grant_renew');
    expect(reminder).toContain('dsg_grant_end');
    const renewed = await answer(h, await clickGrant(h, 'owner', 'renew', grant.id));
    expect(renewed).toContain('Renewed');
    expect((await onlyGrant(h, group.id)).endsAt.getTime()).toBe(grant.endsAt.getTime() + 2 * DAY);
  });

  it('turns a requester’s Renew into a request that renews the grant when approved', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001> for 1d`);
    await approve(h, 'dave', id);
    await waitForCardStatus(h.slack, id, 'done');
    const grant = await onlyGrant(h, group.id);
    const reply = await answer(h, await clickGrant(h, 'carol', 'renew', grant.id));
    expect(reply).toContain('Your request');
    const renewalId = /R[0-9A-Z]{10}/.exec(reply)?.[0] as string;
    await h.slack.waitFor(() => h.slack.messages().some((m) => JSON.stringify(m).includes(renewalId)));
    expect((await onlyGrant(h, group.id)).endsAt).toEqual(grant.endsAt);
    h.docspace.clearLog();
    await approve(h, 'dave', renewalId);
    await waitForCardStatus(h.slack, renewalId, 'done');
    expect((await storedRequest(h, renewalId)).status).toBe('executed');
    expect((await onlyGrant(h, group.id)).endsAt.getTime()).toBe(grant.endsAt.getTime() + DAY);
    expect(h.docspace.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('lets whoever asked for a grant ask to renew it, and refuses Renew to anyone else', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'mia', `add "${group.name}" <@U0CAROL001> for 1d`);
    await approve(h, 'dave', id);
    await waitForCardStatus(h.slack, id, 'done');
    const grant = await onlyGrant(h, group.id);
    expect(await answer(h, await clickGrant(h, 'dave', 'renew', grant.id))).toContain('Only the member');
    expect(await answer(h, await clickGrant(h, 'mia', 'renew', grant.id))).toContain('Your request');
  });

  it('lets the member end it now, and refuses End now to anyone else who is not the manager or an admin', async () => {
    const group = seedTeam(h.docspace);
    await ask(h, 'owner', `add "${group.name}" <@U0CAROL001> for 1d`);
    const grant = await onlyGrant(h, group.id);
    expect(await answer(h, await clickGrant(h, 'dave', 'end', grant.id))).toContain('Only the member');
    expect(h.docspace.getGroup(group.id)?.memberIds).toContain(docspaceIdOf('carol'));
    h.docspace.clearLog();
    expect(await answer(h, await clickGrant(h, 'carol', 'end', grant.id))).toContain('has ended');
    expect(memberDeletes(h.docspace, group.id)).toHaveLength(1);
    expect(h.docspace.getGroup(group.id)?.memberIds).not.toContain(docspaceIdOf('carol'));
    expect(await answer(h, await clickGrant(h, 'carol', 'end', grant.id))).toContain('no longer active');
  });

  it('lets the group’s manager end an acting-free membership too, and lists grants with End now', async () => {
    const group = seedTeam(h.docspace);
    await ask(h, 'owner', `add "${group.name}" <@U0CAROL001> for 1d`);
    const grant = await onlyGrant(h, group.id);
    expect(await ask(h, 'carol', 'grants')).toContain(grant.id);
    expect(await ask(h, 'bob', 'grants')).toContain('no time-bound access');
    expect(await ask(h, 'owner', 'grants')).toContain(grant.id);
    expect(await answer(h, await clickGrant(h, 'alice', 'end', grant.id))).toContain('has ended');
  });

  it('refuses a renewal beyond MAX_GRANT_DAYS, naming the limit', async () => {
    const group = seedTeam(h.docspace);
    await ask(h, 'owner', `add "${group.name}" <@U0CAROL001> for 60d`);
    const grant = await onlyGrant(h, group.id);
    expect(await answer(h, await clickGrant(h, 'owner', 'renew', grant.id))).toContain('at most 90 days');
    expect((await onlyGrant(h, group.id)).endsAt).toEqual(grant.endsAt);
  });
});

describe('time-bound access: bad input', () => {
  const h = useHarness({ clock });

  it.each([
    ['for 0m', 'more than zero'],
    ['for -3d', 'more than zero'],
    ['for soon', 'is not a duration'],
    ['for 30s', 'is not a duration'],
    ['for 91d', 'at most 90 days'],
    ['for', 'needs a duration'],
  ])('answers add … %s clearly and changes nothing', async (tail, expected) => {
    const group = seedTeam(h.docspace);
    const reply = await answerOf(h, `add "${group.name}" <@U0CAROL001> ${tail}`);
    expect(reply).toContain(expected);
    expect(h.docspace.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(h.docspace.getGroup(group.id)?.memberIds).not.toContain(docspaceIdOf('carol'));
  });

  it.each(['remove "X" <@U0BOB00001> for 3d', 'rename "X" "Y" for 3d', 'delete "X" for 3d', 'create "X" for 2w'])(
    'refuses a duration on a command that takes none: %s',
    async (text) => {
      const reply = await answerOf(h, text);
      expect(reply).toContain('only accepted on add and manager');
      expect(h.docspace.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    },
  );
});
