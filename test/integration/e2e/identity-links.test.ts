import { describe, expect, it } from 'vitest';
import { docspaceIdOf, mentionOf, PEOPLE } from '../../fixtures/people.js';
import { createFakeClock, HOUR } from '../../helpers/clock.js';
import { mappingOf, peopleRequests, say, seedGroupG, startApp, startDoubles } from './identity-kit.js';

describe('/docspace-group link, unlink, mappings and whoami', () => {
  it('lets an admin link a Slack user to a DocSpace account by email, recorded as a manual link by that admin', async () => {
    const h = await startApp(await startDoubles());
    const text = await say(h, 'owner', `link ${mentionOf('alice')} hal@example.com`);
    expect(text).toContain(`Linked ${mentionOf('alice')} to DocSpace account \`${docspaceIdOf('hal')}\``);
    expect(await mappingOf(h, 'alice')).toMatchObject({
      docspaceUserId: docspaceIdOf('hal'),
      source: 'manual',
      createdBy: PEOPLE.owner.slack.id,
    });
    const audit = await h.container.storage.audit.list({ limit: 5 });
    expect(audit[0]).toMatchObject({ action: 'link', actorSlackId: PEOPLE.owner.slack.id, outcome: 'succeeded' });
  });

  it('lets an admin link by DocSpace user id', async () => {
    const h = await startApp(await startDoubles());
    await say(h, 'owner', `link ${mentionOf('nora')} ${docspaceIdOf('hal')}`);
    expect((await mappingOf(h, 'nora'))?.docspaceUserId).toBe(docspaceIdOf('hal'));
  });

  it('refuses link from someone who is not an admin and stores nothing', async () => {
    const h = await startApp(await startDoubles());
    const text = await say(h, 'carol', `link ${mentionOf('nora')} hal@example.com`);
    expect(text).toContain('You are not allowed to link users.');
    expect(await mappingOf(h, 'nora')).toBeNull();
  });

  it('refuses to link to a DocSpace guest or a disabled account', async () => {
    const h = await startApp(await startDoubles());
    expect(await say(h, 'owner', `link ${mentionOf('nora')} gus@example.com`)).toContain('is a guest in DocSpace');
    expect(await say(h, 'owner', `link ${mentionOf('nora')} ${docspaceIdOf('dora')}`)).toContain('is disabled');
    expect(await mappingOf(h, 'nora')).toBeNull();
  });

  it('makes a manual link win over the email match, also after re-verification', async () => {
    const doubles = await startDoubles();
    const clock = createFakeClock();
    const h = await startApp(doubles, { clock });
    await say(h, 'owner', `link ${mentionOf('alice')} hal@example.com`);
    expect(await say(h, 'alice', 'whoami')).toContain('you act in DocSpace as *Hal');
    clock.advance(25 * HOUR);
    doubles.docspace.clearLog();
    const whoami = await say(h, 'alice', 'whoami');
    expect(whoami).toContain('you act in DocSpace as *Hal');
    expect(whoami).toContain(`linked by hand by ${mentionOf('owner')}`);
    expect(peopleRequests(doubles.docspace).map((r) => r.path)).toEqual([`/api/2.0/people/${docspaceIdOf('hal')}`]);
    expect(await mappingOf(h, 'alice')).toMatchObject({ docspaceUserId: docspaceIdOf('hal'), source: 'manual' });
  });

  it('uses a manual link when the user is named in a change, not their email match', async () => {
    const doubles = await startDoubles();
    const groupId = seedGroupG(doubles.docspace);
    const h = await startApp(doubles);
    await say(h, 'owner', `link ${mentionOf('alice')} hal@example.com`);
    await say(h, 'owner', `add "G" ${mentionOf('alice')}`);
    expect(doubles.docspace.getGroup(groupId)?.memberIds).toEqual([docspaceIdOf('hal')]);
  });

  it('unlinks a user; their next command does not match them by email again (identity-unlink.test.ts)', async () => {
    const h = await startApp(await startDoubles());
    await say(h, 'owner', `link ${mentionOf('alice')} hal@example.com`);
    expect(await say(h, 'owner', `unlink ${mentionOf('alice')}`)).toContain(`Unlinked ${mentionOf('alice')}.`);
    expect(await mappingOf(h, 'alice')).toBeNull();
    expect(await say(h, 'alice', 'whoami')).toContain(`An admin unlinked ${mentionOf('alice')}`);
    expect(await mappingOf(h, 'alice')).toBeNull();
  });

  it('says so when unlinking a user who was not linked', async () => {
    const h = await startApp(await startDoubles());
    expect(await say(h, 'owner', `unlink ${mentionOf('nora')}`)).toContain(`${mentionOf('nora')} was not linked.`);
  });

  it('refuses unlink from someone who is not an admin and keeps the mapping', async () => {
    const h = await startApp(await startDoubles());
    await say(h, 'owner', `link ${mentionOf('alice')} hal@example.com`);
    expect(await say(h, 'bob', `unlink ${mentionOf('alice')}`)).toContain('You are not allowed to unlink users.');
    expect(await mappingOf(h, 'alice')).not.toBeNull();
  });

  it('lists every mapping for an admin, or one user when named', async () => {
    const h = await startApp(await startDoubles());
    await say(h, 'owner', `link ${mentionOf('nora')} hal@example.com`);
    await say(h, 'alice', 'whoami');
    const all = await say(h, 'owner', 'mappings');
    expect(all).toContain(`${mentionOf('nora')} → *Hal`);
    expect(all).toContain(`${mentionOf('alice')} → *Alice Archer*`);
    const one = await say(h, 'owner', `mappings ${mentionOf('nora')}`);
    expect(one).toContain(mentionOf('nora'));
    expect(one).not.toContain(mentionOf('alice'));
  });

  it('refuses the mappings list to someone who is not an admin', async () => {
    const h = await startApp(await startDoubles());
    expect(await say(h, 'carol', 'mappings')).toContain('You are not allowed to see mappings.');
  });

  it('tells anyone who they act as in DocSpace, or why they cannot act', async () => {
    const h = await startApp(await startDoubles());
    expect(await say(h, 'carol', 'whoami')).toContain("you act in DocSpace as *Carol O'Neil*");
    const nora = await say(h, 'nora', 'whoami');
    expect(nora).toContain('you are not linked to a DocSpace account');
    expect(nora).toContain('has no email address in Slack');
    expect(await mappingOf(h, 'nora')).toBeNull();
  });
});
