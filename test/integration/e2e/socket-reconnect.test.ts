import { beforeEach, describe, expect, it } from 'vitest';
import type { DisconnectReason } from '../../fakes/slack-api-server.js';
import { seedDevTeam } from '../../fixtures/groups.js';
import { type Harness, useHarness } from '../../helpers/harness.js';
import { resetDoubles } from './slack-kit.js';

/**
 * The client's ping timeout, shortened from Bolt's 5 s: @slack/socket-mode waits this long before each reconnect, and
 * a stalled link is noticed once a pong is this late. Every wait below is for a definite signal (a new connection,
 * an ack, a reply), never for this much time.
 */
const PING_TIMEOUT_MS = 900;

/** Waits for the connection after the current one, returns its number. */
async function reconnected(h: Harness): Promise<number> {
  const next = h.slack.socket.connections().length + 1;
  await h.slack.socket.waitForConnections(next, 10_000);
  return next;
}

/** Sends `show` for each group at once; resolves with every ack and every reply body. */
async function burst(h: Harness, groupIds: readonly string[]) {
  const sent = await Promise.all(groupIds.map((id) => h.command('owner', `show ${id}`)));
  const replies = await Promise.all(sent.map((s) => h.reply(s.responseId)));
  return { acks: sent.map((s) => s.ack), replies: replies.map((r) => JSON.stringify(r)) };
}

describe('Socket Mode reconnects (the real container against the Slack double)', () => {
  const h = useHarness({ socketMode: { clientPingTimeoutMs: PING_TIMEOUT_MS } });
  beforeEach(() => {
    resetDoubles(h);
  });

  /** Five groups, so each envelope of a burst has its own answer to check. */
  const seedFive = () =>
    ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'].map((name) => h.docspace.seedGroup({ name }).id);

  it.each<DisconnectReason>(['refresh_requested', 'warning'])(
    'closes the connection cleanly on disconnect (%s), opens a new one and handles what comes on it',
    async (reason) => {
      const old = h.slack.socket.connections().length;
      expect(h.slack.socket.disconnect(reason)).toBe(1);
      const next = await reconnected(h);
      expect(h.slack.socket.connections()[old - 1]).toMatchObject({ state: 'closed', closeCode: 1000 });
      expect(h.slack.socket.openCount()).toBe(1);
      expect(h.slack.callsTo('apps.connections.open').map((c) => c.token)).toEqual([h.slack.appToken]);
      const group = seedDevTeam(h.docspace, ['alice']);
      const { acks, replies } = await burst(h, [group.id]);
      expect(acks[0]?.status).toBe(200);
      expect(replies[0]).toContain('Development Team');
      expect(h.slack.socket.acks.map((a) => a.connection)).toEqual([next]);
    },
  );

  it('reconnects after the socket is dropped and loses none of the envelopes sent after it reconnected', async () => {
    const old = h.slack.socket.connections().length;
    expect(h.slack.socket.drop()).toBe(1);
    const next = await reconnected(h);
    expect(h.slack.socket.connections()[old - 1]).toMatchObject({ state: 'closed', closeCode: 1006 });
    const names = seedFive();
    const { acks, replies } = await burst(h, names);
    expect(acks.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    for (const [i, name] of ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'].entries())
      expect(replies[i]).toContain(name);
    expect(h.slack.socket.unacked()).toEqual([]);
    expect(h.slack.socket.acks.map((a) => a.connection)).toEqual([next, next, next, next, next]);
  });

  it('notices a stalled link by its missing pongs, reconnects, and handles what comes after', async () => {
    const old = h.slack.socket.connections().length;
    expect(h.slack.socket.stall()).toBe(1);
    const next = await reconnected(h);
    expect(h.slack.socket.connections()[old - 1]?.state).toBe('stalled');
    const { replies } = await burst(h, seedFive());
    expect(replies).toHaveLength(5);
    expect(h.slack.socket.unacked()).toEqual([]);
    expect(new Set(h.slack.socket.acks.map((a) => a.connection))).toEqual(new Set([next]));
  });

  it('still delivers the result of a command acked before the drop (the reply goes over HTTP)', async () => {
    const group = seedDevTeam(h.docspace, ['alice']);
    h.docspace.hold();
    const sent = await h.command('owner', `show ${group.id}`);
    await h.docspace.waitFor(() => h.docspace.requests.some((r) => r.status === 0));
    h.slack.socket.drop();
    await reconnected(h);
    h.docspace.release();
    expect(JSON.stringify(await h.reply(sent.responseId))).toContain('Development Team');
  });
});
