import { describe, expect, it } from 'vitest';
import {
  ACTION_CANCEL_REQUEST,
  ACTION_DENY,
  ACTION_HOME_GROUP,
  ACTION_HOME_NEW_GROUP,
} from '../../../src/slack/ids.js';
import { docspaceIdOf, mentionOf } from '../../fixtures/people.js';
import { useHarness } from '../../helpers/harness.js';
import { approve, ask, fileRequest, storedRequest, waitForCardStatus } from './approvals-kit.js';
import { approveFromHome, groupReads, homeOf, openHome, publishesFor, readQueries, seedGroup } from './home-kit.js';

/** Everyone a test's Home shows is linked first (by email, through whoami), so the render itself reads only groups. */
async function linkAll(h: ReturnType<typeof useHarness>, ...who: ('owner' | 'alice' | 'bob' | 'dave' | 'carol')[]) {
  for (const person of who) await ask(h, person, 'whoami');
}

describe('App Home', () => {
  const h = useHarness();

  it('shows an admin their account and role, their groups, what waits for them, recent changes and New group, with two DocSpace reads', async () => {
    await linkAll(h, 'owner', 'bob');
    const led = seedGroup(h.docspace, 'Owners', 'owner', ['owner', 'bob']);
    const joined = seedGroup(h.docspace, 'Readers', 'alice', ['alice', 'owner']);
    const id = await fileRequest(h, 'bob', `add "${led.name}" ${mentionOf('carol')}`);
    h.docspace.clearLog();

    const home = await openHome(h, 'owner');

    expect(home.json).toContain('the bot acts for you in DocSpace as *Olivia Owner*');
    expect(home.json).toContain('*admin*');
    expect(home.json).toContain('Groups you manage');
    expect(home.json).toContain(`*${led.name}* · manager Olivia Owner · 2 members`);
    expect(home.json).toContain('Groups you belong to');
    expect(home.json).toContain(`*${joined.name}* · manager Alice Archer · 2 members`);
    expect(home.json).toContain('Waiting for you');
    expect(home.json).toContain(`"block_id":"dsg_home_decision:${id}"`);
    expect(home.json).toContain('Recent changes');
    expect(home.json).toContain(ACTION_HOME_NEW_GROUP);
    expect(readQueries(h.docspace).sort()).toEqual([docspaceIdOf('owner'), `${docspaceIdOf('owner')} manager`].sort());
    expect(h.docspace.requests).toHaveLength(2);
  });

  it('shows an approver what waits for them with Approve and Deny, and no audit log', async () => {
    await linkAll(h, 'dave', 'bob');
    const group = seedGroup(h.docspace, 'Ops', 'alice', ['alice', 'bob']);
    const id = await fileRequest(h, 'bob', `add "${group.name}" ${mentionOf('carol')}`);
    h.docspace.clearLog();

    const home = await openHome(h, 'dave');

    expect(home.json).toContain('*approver*');
    expect(home.json).toContain(`"block_id":"dsg_home_decision:${id}"`);
    expect(home.json).toContain(ACTION_DENY);
    expect(home.json).not.toContain('Recent changes');
    expect(groupReads(h.docspace)).toHaveLength(2);
    expect(h.docspace.requests).toHaveLength(2);
  });

  it('shows a manager their groups with hand over and rename, and their own requests with Cancel', async () => {
    await linkAll(h, 'alice');
    const group = seedGroup(h.docspace, 'Design', 'alice', ['alice', 'bob']);
    const id = await fileRequest(h, 'alice', `rename "${group.name}" "${group.name} 2"`);
    h.docspace.clearLog();

    const home = await openHome(h, 'alice');

    expect(home.json).toContain('*member*: your changes go to an approver first.');
    expect(home.json).toContain(`"value":"manager:${group.id}"`);
    expect(home.json).toContain(`"value":"rename:${group.id}"`);
    expect(home.json).toContain(`"value":"members:${group.id}"`);
    expect(home.json).toContain('Your requests');
    expect(home.json).toContain(`"action_id":"${ACTION_CANCEL_REQUEST}"`);
    expect(home.json).toContain(`"value":"${id}"`);
    expect(home.json).not.toContain('Waiting for you');
    expect(h.docspace.requests).toHaveLength(2);
  });

  it('shows a plain member the groups they belong to with show and edit only, and nothing for approvers or admins', async () => {
    await linkAll(h, 'bob');
    const group = seedGroup(h.docspace, 'Support', 'alice', ['alice', 'bob']);
    h.docspace.clearLog();

    const home = await openHome(h, 'bob');

    expect(home.json).toContain(`*${group.name}* · manager Alice Archer · 2 members`);
    expect(home.json).toContain(`"value":"show:${group.id}"`);
    expect(home.json).not.toContain(`"value":"manager:${group.id}"`);
    expect(home.json).not.toContain('Waiting for you');
    expect(home.json).not.toContain('Recent changes');
    expect(h.docspace.requests).toHaveLength(2);
  });

  it('explains linking to a person without a DocSpace account, and shows nothing else', async () => {
    const home = await openHome(h, 'sam');

    expect(home.json).toContain('the bot has no DocSpace account to act as for you');
    expect(home.json).toContain('No DocSpace account has the email of');
    expect(home.json).toContain('link @you');
    expect(home.json).not.toContain('Groups you');
    expect(home.json).not.toContain(ACTION_HOME_NEW_GROUP);
    expect(groupReads(h.docspace)).toHaveLength(0);
  });

  it('publishes nothing when the Messages tab is opened', async () => {
    await h.openHome('carol', 'messages');
    await h.idle();
    expect(h.slack.callsTo('views.publish')).toHaveLength(0);
  });

  it('approves from the Home: the same compare-and-set as the card, and the Home is republished without it', async () => {
    await linkAll(h, 'dave', 'bob');
    const group = seedGroup(h.docspace, 'Home approve', 'alice', ['alice', 'bob']);
    const id = await fileRequest(h, 'bob', `add "${group.name}" ${mentionOf('carol')}`);
    await openHome(h, 'dave');

    await approveFromHome(h, 'dave', id);
    await waitForCardStatus(h.slack, id, 'done');

    expect(h.docspace.getGroup(group.id)?.memberIds).toContain(docspaceIdOf('carol'));
    expect((await homeOf(h, 'dave')).json).not.toContain(`dsg_home_decision:${id}`);
  });

  it('makes one DocSpace write when Approve is clicked on the Home and on the card at once', async () => {
    await linkAll(h, 'dave', 'bob', 'owner');
    const group = seedGroup(h.docspace, 'Race', 'alice', ['alice', 'bob']);
    const id = await fileRequest(h, 'bob', `add "${group.name}" ${mentionOf('carol')}`);
    await openHome(h, 'dave');
    h.docspace.clearLog();

    await Promise.all([approveFromHome(h, 'dave', id), approve(h, 'owner', id)]);
    await waitForCardStatus(h.slack, id, 'done');
    await h.idle();

    const writes = h.docspace.requests.filter((r) => r.method !== 'GET' && r.path.includes(group.id));
    expect(writes).toHaveLength(1);
    expect((await storedRequest(h, id))?.status).toBe('executed');
  });

  it('republishes the Home of the requester, the approvers and the group manager after a decision, and of no one who never opened it', async () => {
    await linkAll(h, 'alice', 'bob', 'dave', 'carol');
    const group = seedGroup(h.docspace, 'Republish', 'alice', ['alice', 'bob']);
    const id = await fileRequest(h, 'bob', `add "${group.name}" ${mentionOf('dave')}`);
    for (const who of ['alice', 'bob', 'dave'] as const) await openHome(h, who);
    expect((await homeOf(h, 'bob')).json).toContain(`"value":"${id}"`);
    h.slack.clear();

    await approve(h, 'owner', id);
    await waitForCardStatus(h.slack, id, 'done');
    await h.idle();

    for (const who of ['alice', 'bob', 'dave'] as const) expect(publishesFor(h, who)).toHaveLength(1);
    expect(publishesFor(h, 'carol')).toHaveLength(0);
    expect((await homeOf(h, 'bob')).json).not.toContain(`"value":"${id}"`);
    expect((await homeOf(h, 'alice')).json).toContain(`*${group.name}* · manager Alice Archer · 3 members`);
  });

  it('lists at most 15 groups a section, says how many more, and stays within Block Kit limits', async () => {
    await linkAll(h, 'carol');
    for (let n = 0; n < 40; n += 1) seedGroup(h.docspace, `Many ${n}`, 'carol', ['carol']);

    const home = await openHome(h, 'carol');

    expect(home.blocks.length).toBeLessThanOrEqual(100);
    expect(home.json).toMatch(/…and \d+ more\./);
    expect(home.json).toContain(ACTION_HOME_GROUP);
    expect(h.slack.rejectedResponses).toHaveLength(0);
    expect(home.json).toContain('Groups you manage (40)');
  });
});

describe('App Home while DocSpace is down', () => {
  const h = useHarness();

  it('still shows what the bot stores, with a line that DocSpace is unreachable', async () => {
    await linkAll(h, 'owner', 'bob');
    const group = seedGroup(h.docspace, 'Down', 'alice', ['alice', 'bob']);
    const id = await fileRequest(h, 'bob', `add "${group.name}" ${mentionOf('carol')}`);
    h.docspace.failNext(50, 503);

    const home = await openHome(h, 'owner');

    expect(home.json).toContain('DocSpace is unreachable right now');
    expect(home.json).toContain('the bot acts for you in DocSpace as *Olivia Owner*');
    expect(home.json).toContain(`dsg_home_decision:${id}`);
    expect(home.json).toContain('Recent changes');
    expect(home.json).not.toContain('Groups you manage');
  });
});
