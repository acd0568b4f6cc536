import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotServices } from '../../../src/domain/services.js';
import { createLogger } from '../../../src/logger.js';
import { createSlackApp, type SlackApp } from '../../../src/slack/app.js';
import { SIGNING_SECRET } from '../../helpers/harness.js';

// The ops endpoints as Bolt custom routes in HTTP mode: the app passes each answer through unchanged, and the
// test holds the readiness switch (the container derives it from its checks; see ops-endpoints.test.ts).
describe('GET /healthz, /readyz and /metrics on the HTTP receiver', () => {
  let ready = false;
  let app: SlackApp;
  let base: string;
  beforeAll(async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
    app = createSlackApp(
      {
        // No listener runs in these tests: only the ops routes are exercised.
        services: {} as BotServices,
        logger,
        reasonMode: 'optional',
        sendDm: async () => undefined,
        deliveries: { first: async () => true, forget: async () => undefined },
        submitDeadlineMs: 2000,
      },
      {
        botToken: 'xoxb-not-used-here',
        signingSecret: SIGNING_SECRET,
        appToken: null,
        apiUrl: 'http://127.0.0.1:9/api/',
        retryConfig: { retries: 0 },
        botId: 'B0BOT00001',
        botUserId: 'U0BOT00001',
        logger,
        ops: {
          live: () => ({ mode: 'http' }),
          ready: async () => ({ ready, body: { status: ready ? 'ready' : 'not_ready' } }),
          metrics: async () => ({ contentType: 'text/plain; version=0.0.4; charset=utf-8', body: 'up 1\n' }),
        },
      },
    );
    const server = await app.start(0, '127.0.0.1');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('answers /healthz 200 whether or not the app is ready: liveness only says the process serves', async () => {
    ready = false;
    const res = await fetch(`${base}/healthz`);
    expect([res.status, await res.json()]).toEqual([200, { status: 'ok', mode: 'http' }]);
  });

  it('answers /readyz 503 while not ready and 200 once ready', async () => {
    ready = false;
    const before = await fetch(`${base}/readyz`);
    expect([before.status, await before.json()]).toEqual([503, { status: 'not_ready' }]);
    ready = true;
    const after = await fetch(`${base}/readyz`);
    expect([after.status, await after.json()]).toEqual([200, { status: 'ready' }]);
  });

  it('answers /metrics with the exposition text and its content type', async () => {
    const res = await fetch(`${base}/metrics`);
    expect([res.status, res.headers.get('content-type'), await res.text()]).toEqual([
      200,
      'text/plain; version=0.0.4; charset=utf-8',
      'up 1\n',
    ]);
  });

  it('answers 404 to a path it does not serve', async () => {
    const res = await fetch(`${base}/admin`);
    await res.arrayBuffer();
    expect(res.status).toBe(404);
  });
});
