import { beforeEach, describe, expect, it } from 'vitest';
import type { SlackHandle } from '../../fixtures/people.js';
import { docspaceIdOf, mentionOf } from '../../fixtures/people.js';
import { useHarness } from '../../helpers/harness.js';
import { commandReply, docspaceWrites, resetDoubles } from './slack-kit.js';

/** Who is refused, and the words of the reply that say why. */
const REFUSED: readonly { who: SlackHandle; why: string; says: string }[] = [
  { who: 'gus', why: 'a DocSpace guest', says: 'is a guest in DocSpace; guests cannot be group members' },
  { who: 'dora', why: 'a disabled DocSpace account', says: 'The DocSpace account of <@U0DORA0001> is disabled' },
  { who: 'nora', why: 'a Slack user with no email', says: '<@U0NORA0001> has no email address in Slack' },
  { who: 'robo', why: 'a Slack bot', says: '<@U0ROBO0001> is a bot' },
  { who: 'zed', why: 'a deactivated Slack user', says: '<@U0ZED00001> is deactivated in Slack' },
  {
    who: 'sam',
    why: 'a Slack user with no DocSpace account',
    says: 'No DocSpace account has the email of <@U0SAM00001>',
  },
];

describe('resolving Slack users to DocSpace accounts end to end', () => {
  const h = useHarness();
  beforeEach(() => {
    resetDoubles(h);
  });

  const seedTeam = (name = 'Development Team') =>
    h.docspace.seedGroup({ name, managerId: docspaceIdOf('alice'), memberIds: [docspaceIdOf('alice')] });

  it.each(REFUSED)('refuses to add $why ($who), says why, and changes nothing', async ({ who, says }) => {
    const group = seedTeam();
    const { json } = await commandReply(h, 'owner', `add "Development Team" ${mentionOf(who)} ${mentionOf('bob')}`);
    expect(json).toContain(says);
    expect(json).toMatch(/nothing was changed/i);
    expect(docspaceWrites(h)).toEqual([]);
    expect(h.docspace.getGroup(group.id)?.memberIds).toEqual([docspaceIdOf('alice')]);
  });

  it('refuses to create a group managed by a guest and creates nothing', async () => {
    const { json } = await commandReply(h, 'owner', `create "Guest Team" manager ${mentionOf('gus')}`);
    expect(json).toContain('<@U0GUS00001> is a guest in DocSpace');
    expect(h.docspace.listGroups()).toEqual([]);
    expect(docspaceWrites(h)).toEqual([]);
  });

  it('refuses an email address that belongs to a DocSpace guest, naming the address', async () => {
    const group = seedTeam();
    const { json } = await commandReply(h, 'owner', 'add "Development Team" gus@example.com');
    expect(json).toContain('`gus@example.com` is a guest in DocSpace');
    expect(h.docspace.getGroup(group.id)?.memberIds).toEqual([docspaceIdOf('alice')]);
  });

  it('refuses an email address no DocSpace account has', async () => {
    seedTeam();
    const { json } = await commandReply(h, 'owner', 'add "Development Team" nobody@example.com');
    expect(json).toContain('No DocSpace account has the email of `nobody@example.com`');
    expect(docspaceWrites(h)).toEqual([]);
  });

  it('matches a Slack email in mixed case to the DocSpace account', async () => {
    const group = seedTeam();
    await commandReply(h, 'owner', `add "Development Team" ${mentionOf('mia')}`);
    expect(h.docspace.getGroup(group.id)?.memberIds).toContain(docspaceIdOf('mia'));
  });

  it('looks the person up by their Slack email (users.info, then DocSpace people/email)', async () => {
    seedTeam();
    await commandReply(h, 'owner', `add "Development Team" ${mentionOf('carol')}`);
    expect(h.slack.callsTo('users.info').map((c) => c.args['user'])).toContain('U0CAROL001');
    const lookups = h.docspace.requests.filter((r) => r.path === '/api/2.0/people/email');
    expect(lookups.map((r) => r.query['email'])).toContain('carol@example.com');
  });

  it('reports the ids DocSpace silently ignored when it skips someone in a write', async () => {
    const first = seedTeam('First Team');
    const second = h.docspace.seedGroup({ name: 'Second Team' });
    // Maps @bob (fresh for MAPPING_TTL_HOURS), then disables him in DocSpace behind the bot's back.
    await commandReply(h, 'owner', `add "First Team" ${mentionOf('bob')}`);
    expect(h.docspace.getGroup(first.id)?.memberIds).toContain(docspaceIdOf('bob'));
    h.docspace.setUserStatus(docspaceIdOf('bob'), 'disabled');
    const { json } = await commandReply(h, 'owner', `add "Second Team" ${mentionOf('bob')}`);
    expect(h.docspace.getGroup(second.id)?.memberIds).toEqual([]);
    expect(json).toContain('DocSpace ignored part of it');
    expect(json).toContain('DocSpace did not add: Bob Baker');
  });
});
