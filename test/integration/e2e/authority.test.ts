import { describe, expect, it } from 'vitest';
import { APPROVAL_CHANNEL, docspaceIdOf, mentionOf } from '../../fixtures/people.js';
import { createFakeClock, MINUTE } from '../../helpers/clock.js';
import type { Harness } from '../../helpers/harness.js';
import { mappingOf, peopleRequests, say, seedGroupG, startApp, startDoubles } from './identity-kit.js';

/** Fresh authority: what a mapped account may do is re-read after AUTHORITY_TTL_SECONDS (here the default, 300). */

const cardsPosted = (h: Harness) =>
  h.slack.callsTo('chat.postMessage').filter((c) => c.args['channel'] === APPROVAL_CHANNEL);

/** GET /people/{id} of that person's DocSpace account (the authority read), as the DocSpace double received them. */
const authorityReads = (h: Harness, id: string) =>
  peopleRequests(h.docspace).filter((r) => r.method === 'GET' && r.path === `/api/2.0/people/${id}`);

async function startWithClock() {
  const doubles = await startDoubles();
  const groupId = seedGroupG(doubles.docspace);
  const clock = createFakeClock();
  const h = await startApp(doubles, { clock, env: { TRUST_DOCSPACE_ADMINS: 'true' } });
  return { h, clock, groupId };
}

const membersOf = (h: Harness, groupId: string) => h.docspace.getGroup(groupId)?.memberIds ?? [];

describe('fresh authority (AUTHORITY_TTL_SECONDS)', () => {
  it('keeps a demoted DocSpace admin an admin within the window with no look-up, then turns their next change into a request', async () => {
    const { h, clock, groupId } = await startWithClock();
    expect(await say(h, 'erin', `add "G" ${mentionOf('carol')}`)).toContain('Updated the members of *G*');
    h.docspace.setUserType(docspaceIdOf('erin'), 'user');

    clock.advance(4 * MINUTE);
    h.docspace.clearLog();
    expect(await say(h, 'erin', `add "G" ${mentionOf('bob')}`)).toContain('Updated the members of *G*');
    expect(authorityReads(h, docspaceIdOf('erin'))).toEqual([]);

    clock.advance(2 * MINUTE);
    h.docspace.clearLog();
    const reply = await say(h, 'erin', `add "G" ${mentionOf('dave')}`);
    expect(reply).toContain('waiting for approval');
    expect(membersOf(h, groupId)).not.toContain(docspaceIdOf('dave'));
    expect(cardsPosted(h)).toHaveLength(1);
    expect(authorityReads(h, docspaceIdOf('erin'))).toHaveLength(1);
    expect(await mappingOf(h, 'erin')).toMatchObject({ docspaceType: 'user', authorityReadAt: clock.now() });

    // The re-read facts hold for the next window: no second look-up.
    h.docspace.clearLog();
    clock.advance(MINUTE);
    expect(await say(h, 'erin', `remove "G" ${mentionOf('carol')}`)).toContain('waiting for approval');
    expect(authorityReads(h, docspaceIdOf('erin'))).toEqual([]);
  });

  it('refuses a disabled account with a reply that says so, and within the window without asking DocSpace again', async () => {
    const { h, clock, groupId } = await startWithClock();
    expect(await say(h, 'alice', `add "G" ${mentionOf('bob')}`)).toContain('waiting for approval');
    h.docspace.setUserStatus(docspaceIdOf('alice'), 'disabled');
    clock.advance(6 * MINUTE);
    h.slack.clear();
    const refused = await say(h, 'alice', `add "G" ${mentionOf('carol')}`);
    expect(refused).toContain('Your DocSpace account is disabled, so the bot will not act for you.');
    expect(cardsPosted(h)).toEqual([]);
    expect(membersOf(h, groupId)).toEqual([]);
    expect(await mappingOf(h, 'alice')).toMatchObject({ docspaceStatus: 'disabled', authorityReadAt: clock.now() });

    clock.advance(MINUTE);
    h.docspace.clearLog();
    expect(await say(h, 'alice', 'requests')).toContain('Your DocSpace account is disabled');
    expect(authorityReads(h, docspaceIdOf('alice'))).toEqual([]);
    const warned = h.logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'refused privileged action');
    expect(warned.map((l) => [l.level, l.refused.actor, l.refused.reason])).toContainEqual([
      40,
      'U0ALICE001',
      'account_disabled',
    ]);
  });

  it('refuses when the authority is due and DocSpace does not answer, instead of acting on the old facts', async () => {
    const { h, clock, groupId } = await startWithClock();
    expect(await say(h, 'erin', `add "G" ${mentionOf('carol')}`)).toContain('Updated the members of *G*');
    clock.advance(6 * MINUTE);
    h.docspace.failNext(3, 503, { method: 'GET' });
    h.docspace.clearLog();
    const reply = await say(h, 'erin', `add "G" ${mentionOf('bob')}`);
    expect(reply).toContain('The bot cannot confirm your DocSpace access right now');
    expect(reply).toContain('nothing was changed');
    expect(membersOf(h, groupId)).not.toContain(docspaceIdOf('bob'));
    expect(h.docspace.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(cardsPosted(h)).toEqual([]);

    // DocSpace is back: the read happens and erin, still a DocSpace admin, acts directly again.
    expect(await say(h, 'erin', `add "G" ${mentionOf('bob')}`)).toContain('Updated the members of *G*');
  });
});
