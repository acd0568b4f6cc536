import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SlackTeamId, SlackUserId } from '../../../src/domain/model/ids.js';
import { APPROVAL_CHANNEL, mentionOf, slackIdOf, TEAM_ID } from '../../fixtures/people.js';
import { createFakeClock } from '../../helpers/clock.js';
import { useHarness } from '../../helpers/harness.js';
import { ask, fileRequest } from './approvals-kit.js';
import { docspaceWrites, resetDoubles } from './slack-kit.js';

/** Issue 10, problem 4: one requester or one command must not flood the approvers or the bot's Slack rate limit. */

const TEAM = TEAM_ID as SlackTeamId;
const unknownMention = (n: number) => `<@U0NOBODY${String(n).padStart(3, '0')}>`;

describe('limits with clear answers, end to end', () => {
  const clock = createFakeClock(new Date());
  const h = useHarness({ clock });
  beforeEach(() => {
    resetDoubles(h);
  });

  it('refuses an 11th pending request with a reply naming the limit and `requests`, storing and posting nothing', async () => {
    const run = randomUUID().slice(0, 6);
    for (let n = 1; n <= 10; n += 1) await fileRequest(h, 'alice', `create "Flood ${run} ${n}"`);
    const alice = slackIdOf('alice') as SlackUserId;
    const pendingBefore = await h.container.storage.requests.listPending(TEAM, { requesterId: alice, limit: 100 });
    const auditBefore = await h.container.storage.audit.list({ limit: 1000 });
    const cardsBefore = h.slack.messages(APPROVAL_CHANNEL).length;

    const answer = await ask(h, 'alice', `create "Flood ${run} 11"`);

    expect(answer).toContain(
      'You already have 10 pending requests, and one person may have at most 10 waiting; nothing was filed. See them with `/docspace-group requests`',
    );
    await h.idle();
    const pendingAfter = await h.container.storage.requests.listPending(TEAM, { requesterId: alice, limit: 100 });
    expect(pendingAfter).toEqual(pendingBefore);
    expect(await h.container.storage.audit.list({ limit: 1000 })).toEqual(auditBefore);
    expect(h.slack.messages(APPROVAL_CHANNEL)).toHaveLength(cardsBefore);
    expect(docspaceWrites(h)).toEqual([]);
  });

  it('refuses a 51-person change with the count before any Slack or DocSpace look-up', async () => {
    const group = h.docspace.seedGroup({ name: 'Crowd Team' });
    const mentions = Array.from({ length: 51 }, (_, i) => unknownMention(i)).join(' ');

    const answer = await ask(h, 'owner', `add "Crowd Team" ${mentions}`);

    expect(answer).toContain('This change names 51 people; one change may name at most 50. Nothing was changed');
    await h.idle();
    expect(h.slack.callsTo('users.info')).toEqual([]);
    expect(h.docspace.requests).toEqual([]);
    expect(h.docspace.getGroup(group.id)?.memberIds).toEqual([]);
  });

  it('adds 50 members (the limit) with one PUT /group/{id}/members', async () => {
    const group = h.docspace.seedGroup({ name: 'Big Team' });
    const members = Array.from({ length: 50 }, (_, i) =>
      h.docspace.addUser({
        firstName: 'Member',
        lastName: `No${i}`,
        email: `member${i}@example.com`,
        type: 'user',
        status: 'active',
      }),
    );
    const emails = members.map((m) => m.email).join(' ');

    const answer = await ask(h, 'owner', `add "Big Team" ${emails}`);

    expect(answer).not.toContain('at most');
    const writes = docspaceWrites(h);
    expect(writes.map((w) => `${w.method} ${w.path}`)).toEqual([`PUT /api/2.0/group/${group.id}/members`]);
    const sent = (writes[0]?.body as { members?: string[] } | undefined)?.members ?? [];
    expect([...sent].sort()).toEqual(members.map((m) => m.id.toLowerCase()).sort());
    expect(h.docspace.getGroup(group.id)?.memberIds).toEqual(expect.arrayContaining(members.map((m) => m.id)));
  });

  it('answers a repeated command with bad mentions within 60 s without asking Slack again', async () => {
    h.docspace.seedGroup({ name: 'Mention Team' });
    const bad = [mentionOf('nora'), ...Array.from({ length: 20 }, (_, i) => unknownMention(i))];
    const command = `add "Mention Team" ${bad.join(' ')}`;

    const first = await ask(h, 'owner', command);
    expect(first).toContain('<@U0NOBODY000> is not a user of this Slack workspace.');
    expect(first).toContain('<@U0NORA0001> has no email address in Slack');
    const badIds = new Set(bad.map((m) => m.slice(2, -1)));
    const lookups = () => h.slack.callsTo('users.info').filter((c) => badIds.has(String(c.args['user']))).length;
    expect(lookups()).toBe(21);

    clock.advance(59_000);
    const again = await ask(h, 'owner', command);
    expect(again).toBe(first);
    expect(lookups()).toBe(21);

    // A minute on, Slack is asked again: the people may have been invited or given an email since.
    clock.advance(1_000);
    await ask(h, 'owner', command);
    expect(lookups()).toBe(42);
    expect(docspaceWrites(h)).toEqual([]);
  });
});
