import { describe, expect, it } from 'vitest';
import { useHarness } from '../../helpers/harness.js';

/**
 * In Socket Mode Slack's requests come over the WebSocket, and the app's small HTTP server (on PORT) is only there for
 * probes. Each probe path gets its own test below.
 */
describe('the Socket Mode health server', () => {
  const h = useHarness({ socketMode: true });
  const get = (path: string) => fetch(`${h.baseUrl}${path}`);

  it('answers GET /healthz 200 while the app is connected to Slack', async () => {
    expect(h.slack.socket.openCount()).toBe(1);
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', ready: true, mode: 'socket' });
  });
});
