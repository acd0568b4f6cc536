import { describe, expect, it } from 'vitest';
import { docspaceIdOf, mentionOf, PEOPLE } from '../../fixtures/people.js';
import { createFakeClock, HOUR } from '../../helpers/clock.js';
import { mappingOf, peopleRequests, say, seedGroupG, startApp, startDoubles, usersInfoFor } from './identity-kit.js';

describe('identity mappings across restarts and re-verification', () => {
  it('matches a user by email on the first command and stores the mapping', async () => {
    const doubles = await startDoubles();
    const groupId = seedGroupG(doubles.docspace);
    const h = await startApp(doubles);
    expect(await say(h, 'owner', `add "G" ${mentionOf('alice')}`)).toContain('Updated the members of *G*');
    const mapping = await mappingOf(h, 'alice');
    expect(mapping).toMatchObject({ docspaceUserId: docspaceIdOf('alice'), source: 'email', createdBy: null });
    expect(doubles.docspace.getGroup(groupId)?.memberIds).toContain(docspaceIdOf('alice'));
    expect(usersInfoFor(doubles.slack, PEOPLE.alice.slack.id)).toHaveLength(1);
  });

  it('uses a stored mapping after a restart with no DocSpace people look-up and no Slack users.info call', async () => {
    const doubles = await startDoubles();
    const groupId = seedGroupG(doubles.docspace);
    const first = await startApp(doubles);
    await say(first, 'owner', `add "G" ${mentionOf('alice')}`);
    await first.stop();
    const second = await startApp(doubles);
    doubles.docspace.clearLog();
    doubles.slack.clear();
    expect(await say(second, 'owner', `remove "G" ${mentionOf('alice')}`)).toContain('Removed:');
    expect(peopleRequests(doubles.docspace)).toEqual([]);
    expect(usersInfoFor(doubles.slack, PEOPLE.alice.slack.id)).toEqual([]);
    expect(usersInfoFor(doubles.slack, PEOPLE.owner.slack.id)).toEqual([]);
    expect(doubles.docspace.getGroup(groupId)?.memberIds).not.toContain(docspaceIdOf('alice'));
  });

  it('re-verifies a mapping older than MAPPING_TTL_HOURS with one GET /people/{id} and no users.info', async () => {
    const doubles = await startDoubles();
    seedGroupG(doubles.docspace);
    const clock = createFakeClock();
    const h = await startApp(doubles, { clock, env: { MAPPING_TTL_HOURS: '24' } });
    await say(h, 'owner', `add "G" ${mentionOf('alice')}`);
    clock.advance(25 * HOUR);
    doubles.docspace.clearLog();
    doubles.slack.clear();
    expect(await say(h, 'owner', `remove "G" ${mentionOf('alice')}`)).toContain('Removed:');
    const aliceId = docspaceIdOf('alice');
    const aliceLookups = peopleRequests(doubles.docspace).filter((r) => r.path.includes(aliceId));
    expect(aliceLookups.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /api/2.0/people/${aliceId}`]);
    expect(doubles.slack.callsTo('users.info')).toEqual([]);
    expect((await mappingOf(h, 'alice'))?.verifiedAt).toEqual(clock.now());
  });

  it('uses a mapping younger than MAPPING_TTL_HOURS without any network look-up (only the caller’s authority is re-read)', async () => {
    const doubles = await startDoubles();
    seedGroupG(doubles.docspace);
    const clock = createFakeClock();
    const h = await startApp(doubles, { clock, env: { MAPPING_TTL_HOURS: '24' } });
    await say(h, 'owner', `add "G" ${mentionOf('alice')}`);
    clock.advance(23 * HOUR);
    doubles.docspace.clearLog();
    doubles.slack.clear();
    await say(h, 'owner', `remove "G" ${mentionOf('alice')}`);
    // The owner acts: what their account may do is older than AUTHORITY_TTL_SECONDS, so it is read; alice is only named.
    expect(peopleRequests(doubles.docspace).map((r) => r.path)).toEqual([`/api/2.0/people/${docspaceIdOf('owner')}`]);
    expect(doubles.slack.callsTo('users.info')).toEqual([]);
  });

  it('refuses a mapped user whose DocSpace account was disabled since, once the mapping is re-verified', async () => {
    const doubles = await startDoubles();
    const groupId = seedGroupG(doubles.docspace);
    const clock = createFakeClock();
    const h = await startApp(doubles, { clock });
    await say(h, 'owner', `add "G" ${mentionOf('alice')}`);
    await say(h, 'owner', `remove "G" ${mentionOf('alice')}`);
    const verifiedAt = (await mappingOf(h, 'alice'))?.verifiedAt;
    doubles.docspace.setUserStatus(docspaceIdOf('alice'), 'disabled');
    clock.advance(25 * HOUR);
    const text = await say(h, 'owner', `add "G" ${mentionOf('alice')}`);
    expect(text).toContain(
      `The DocSpace account of ${mentionOf('alice')} is disabled; a DocSpace admin has to enable it first.`,
    );
    expect(doubles.docspace.getGroup(groupId)?.memberIds).not.toContain(docspaceIdOf('alice'));
    expect((await mappingOf(h, 'alice'))?.verifiedAt).toEqual(verifiedAt);
  });
});
