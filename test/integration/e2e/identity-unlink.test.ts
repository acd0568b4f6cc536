import { describe, expect, it } from 'vitest';
import { docspaceIdOf, mentionOf, PEOPLE } from '../../fixtures/people.js';
import { mappingOf, peopleRequests, say, seedGroupG, startApp, startDoubles, usersInfoFor } from './identity-kit.js';

/** The design choice: `unlink` blocks automatic email matching for that Slack user until an admin links them again. */

const BLOCKED = `An admin unlinked ${mentionOf('alice')}, so the bot no longer matches them to DocSpace by email`;
const emailLookups = (docspace: Parameters<typeof peopleRequests>[0]) =>
  peopleRequests(docspace).filter((r) => r.path.startsWith('/api/2.0/people/email'));

describe('/docspace-group unlink blocks automatic email matching', () => {
  it('keeps an unlinked user unmapped through their own commands, mentions and a restart, until an admin links them', async () => {
    const doubles = await startDoubles();
    const groupId = seedGroupG(doubles.docspace);
    const first = await startApp(doubles);
    expect(await say(first, 'alice', 'whoami')).toContain('you act in DocSpace as *Alice Archer*');
    const unlinked = await say(first, 'owner', `unlink ${mentionOf('alice')}`);
    expect(unlinked).toContain(`Unlinked ${mentionOf('alice')}.`);
    expect(unlinked).toContain('will not match');
    const audit = await first.container.storage.audit.list({ limit: 1 });
    expect(audit[0]).toMatchObject({ action: 'unlink', actorSlackId: PEOPLE.owner.slack.id });

    doubles.docspace.clearLog();
    doubles.slack.clear();
    const own = await say(first, 'alice', `add "G" ${mentionOf('bob')}`);
    expect(own).toContain('You are not linked to a DocSpace account');
    expect(own).toContain(BLOCKED);
    expect(await mappingOf(first, 'alice')).toBeNull();
    expect(usersInfoFor(doubles.slack, PEOPLE.alice.slack.id)).toEqual([]);
    expect(emailLookups(doubles.docspace)).toEqual([]);

    await first.stop();
    const second = await startApp(doubles);
    expect(await say(second, 'alice', 'whoami')).toContain(BLOCKED);
    const named = await say(second, 'owner', `add "G" ${mentionOf('alice')}`);
    expect(named).toContain(BLOCKED);
    expect(doubles.docspace.getGroup(groupId)?.memberIds).toEqual([]);
    expect(await mappingOf(second, 'alice')).toBeNull();

    await say(second, 'owner', `link ${mentionOf('alice')} alice@example.com`);
    expect(await say(second, 'alice', 'whoami')).toContain('you act in DocSpace as *Alice Archer*');
    expect(await mappingOf(second, 'alice')).toMatchObject({ docspaceUserId: docspaceIdOf('alice'), source: 'manual' });
  });

  it('blocks email matching also for someone who was not linked yet', async () => {
    const h = await startApp(await startDoubles());
    const reply = await say(h, 'owner', `unlink ${mentionOf('alice')}`);
    expect(reply).toContain(`${mentionOf('alice')} was not linked.`);
    expect(reply).toContain('will not match');
    expect(await say(h, 'alice', 'whoami')).toContain(BLOCKED);
    expect(await mappingOf(h, 'alice')).toBeNull();
  });
});
