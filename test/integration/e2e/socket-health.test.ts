import { describe, expect, it } from 'vitest';
import { useHarness } from '../../helpers/harness.js';

/**
 * In Socket Mode Slack's requests come over the WebSocket, and the app's small HTTP server (on PORT) is only there for
 * probes: /healthz, /readyz and /metrics, and 404 to anything else.
 */
describe('the Socket Mode ops server', () => {
  const h = useHarness({ socketMode: true });
  const get = (path: string) => fetch(`${h.baseUrl}${path}`);

  it('answers GET /healthz 200 while the app is connected to Slack', async () => {
    expect(h.slack.socket.openCount()).toBe(1);
    const res = await get('/healthz');
    expect([res.status, await res.json()]).toEqual([
      200,
      { status: 'ok', mode: 'socket', approvalChannel: 'member', dryRun: false },
    ]);
  });

  it('answers GET /readyz 200 with every check ok', async () => {
    const res = await get('/readyz');
    expect([res.status, await res.json()]).toMatchObject([200, { status: 'ready', failed: [] }]);
  });

  it('shows a command sent over the socket on /metrics: its counter and its ack time', async () => {
    const sent = await h.command('owner', 'list');
    await h.reply(sent.responseId);
    await h.idle();
    const text = await (await get('/metrics')).text();
    expect(text).toContain('docspace_bot_commands_total{subcommand="list",outcome="ok"} 1');
    expect(text).toContain('docspace_bot_ack_duration_seconds_count{kind="command"} 1');
  });

  it('answers 404 to every other path', async () => {
    const statuses = await Promise.all(['/', '/slack/events', '/admin'].map(async (p) => (await get(p)).status));
    expect(statuses).toEqual([404, 404, 404]);
  });
});
