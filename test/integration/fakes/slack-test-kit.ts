import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type Logger, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { FakeSlack } from '../../fakes/slack-api-server.js';

/** A Slack SDK logger that drops everything: the console guard fails any test that logs. */
function silentLogger(): Logger {
  let level = LogLevel.ERROR;
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/** The real WebClient pointed at the fake, with retries off so knobs surface at once. */
export function webClientFor(fake: FakeSlack, token: string = fake.botToken): WebClient {
  return new WebClient(token, {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: silentLogger(),
  });
}

export interface RunningBoltApp {
  readonly app: App;
  /** http://127.0.0.1:<port>/slack/events */
  readonly eventsUrl: string;
  readonly signingSecret: string;
  stop(): Promise<void>;
}

/** A real Bolt App on an HTTPReceiver bound to 127.0.0.1:0, talking to the fake Slack. */
export async function startBoltApp(fake: FakeSlack, register: (app: App) => void): Promise<RunningBoltApp> {
  const signingSecret = 'test-signing-secret-0123456789';
  const receiver = new HTTPReceiver({ signingSecret, logger: silentLogger() });
  const app = new App({
    receiver,
    token: fake.botToken,
    botId: fake.botId,
    botUserId: fake.botUserId,
    logger: silentLogger(),
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true },
  });
  register(app);
  const server = await receiver.start({ port: 0, host: '127.0.0.1' });
  const { port } = server.address() as AddressInfo;
  return {
    app,
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    signingSecret,
    stop: () => app.stop().then(() => undefined),
  };
}

/** The Socket Mode client's ping timeout here; @slack/socket-mode also waits this long before each reconnect. */
const SOCKET_PING_TIMEOUT_MS = 900;

/** A real Bolt App on a SocketModeReceiver, connected (hello received) to the fake Slack's Socket Mode. */
export async function startSocketBoltApp(
  fake: FakeSlack,
  register: (app: App) => void,
): Promise<{ stop(): Promise<void> }> {
  const receiver = new SocketModeReceiver({
    appToken: fake.appToken,
    logger: silentLogger(),
    clientPingTimeout: SOCKET_PING_TIMEOUT_MS,
    installerOptions: { clientOptions: { slackApiUrl: fake.apiUrl } },
  });
  const app = new App({
    receiver,
    token: fake.botToken,
    botId: fake.botId,
    botUserId: fake.botUserId,
    logger: silentLogger(),
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
  });
  register(app);
  await app.start();
  return { stop: () => app.stop().then(() => undefined) };
}
