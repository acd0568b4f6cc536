import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotServices } from '../../../src/domain/services.js';
import { createLogger } from '../../../src/logger.js';
import { createSlackApp, type SlackApp } from '../../../src/slack/app.js';
import { SIGNING_SECRET } from '../../helpers/harness.js';

// The container flips `ready` after start-up and before shutdown; here the test holds the switch.
describe('GET /healthz readiness', () => {
  let ready = false;
  let app: SlackApp;
  let url: string;
  beforeAll(async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
    app = createSlackApp(
      {
        // No listener runs in these tests: only the health route is exercised.
        services: {} as BotServices,
        logger,
        reasonMode: 'optional',
        sendDm: async () => undefined,
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
        health: () => ({ ready, mode: 'http' }),
      },
    );
    const server = await app.start(0, '127.0.0.1');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('answers 503 with status "starting" while the app is not ready', async () => {
    ready = false;
    const res = await fetch(url);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'starting', ready: false, mode: 'http' });
  });

  it('answers 200 with status "ok" once the app is ready', async () => {
    ready = true;
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', ready: true, mode: 'http' });
  });
});
