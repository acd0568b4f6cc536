import { beforeEach, describe, expect, it } from 'vitest';
import { docspaceIdOf, mentionOf } from '../../fixtures/people.js';
import { useHarness } from '../../helpers/harness.js';
import { commandReply, docspaceWrites, resetDoubles } from './slack-kit.js';

/**
 * Honest timeouts under bursts: with DocSpace's connections all held, a command that cannot get one is told DocSpace is
 * busy and that nothing changed, and nothing reaches DocSpace. Two connections and a queue wait far above the time the
 * test takes to react, so a request queued on purpose is never the one that expires.
 */
describe('a burst against a slow DocSpace, end to end', () => {
  const h = useHarness({ env: { DOCSPACE_MAX_CONNECTIONS: '2', DOCSPACE_QUEUE_TIMEOUT_MS: '3000' } });
  beforeEach(() => {
    resetDoubles(h);
  });

  const inFlight = (path: string) => h.docspace.requests.filter((r) => r.path === path && r.status === 0).length;

  it('answers "DocSpace is busy" to a change whose look-ups find every connection taken, sending nothing', async () => {
    const group = h.docspace.seedGroup({ name: 'Busy Team' });
    h.docspace.seedGroup({ name: 'Slow One' });
    h.docspace.hold();
    const shows = [await h.command('bob', 'show "Slow One"'), await h.command('bob', 'show "Slow One"')];
    await h.docspace.waitFor(() => inFlight('/api/2.0/group') === 2);
    const arrived = h.docspace.requests.length;

    // alice is not mapped yet: looking her up (her authority included) is the first read, and it finds no connection free.
    const { json } = await commandReply(h, 'alice', 'add "Busy Team" carol@example.com');

    expect(json).toContain('DocSpace is busy (every connection to it stayed in use, so the bot sent nothing)');
    expect(json).toContain('nothing was changed');
    expect(json).not.toMatch(/may (not )?have been applied/);
    expect(h.docspace.requests).toHaveLength(arrived);
    h.docspace.release();
    for (const show of shows) await h.reply(show.responseId);
    expect(docspaceWrites(h)).toEqual([]);
    expect(h.docspace.getGroup(group.id)?.memberIds).toEqual([]);
  });

  it('answers "DocSpace is busy", not "may have been applied", to a write that never got a connection', async () => {
    const target = h.docspace.seedGroup({ name: 'Write Team' });
    const other = h.docspace.seedGroup({ name: 'Other Team' });
    // Maps owner and carol, so the change below looks nobody up: its only reads are the group's.
    await commandReply(h, 'owner', `add "Other Team" ${mentionOf('carol')}`);
    h.docspace.clearLog();
    const groupRead = `/api/2.0/group/${target.id}`;
    h.docspace.hold((r) => r.path === groupRead || r.path === '/api/2.0/people/email');

    // 1. The change reads its group on one connection, and that answer is held.
    const change = await h.command('owner', `add "Write Team" ${mentionOf('carol')}`);
    await h.docspace.waitFor(() => inFlight(groupRead) === 1);
    // 2. Another command looks two people up at once: one takes the other connection, the other queues behind it.
    const burst = await h.command('owner', `add "Other Team" dave@example.com erin@example.com`);
    await h.docspace.waitFor(() => inFlight('/api/2.0/people/email') >= 1);
    // 3. The group read is answered: its connection goes to the queued look-up, and the change's write must wait.
    h.docspace.release((r) => r.path === groupRead);

    const answer = JSON.stringify(await h.reply(change.responseId));
    expect(answer).toContain(
      'DocSpace is busy: every connection to it stayed in use, so the bot sent nothing (while changing the members); nothing was changed.',
    );
    expect(answer).not.toMatch(/may (not )?have been applied/);
    expect(docspaceWrites(h)).toEqual([]);
    expect(h.docspace.getGroup(target.id)?.memberIds).toEqual([]);
    h.docspace.release();
    await h.reply(burst.responseId);
    expect(h.docspace.getGroup(other.id)?.memberIds).toContain(docspaceIdOf('dave'));
  });
});
