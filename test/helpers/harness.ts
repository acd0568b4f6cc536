import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type Container, createContainer } from '../../src/container.js';
import type { Clock } from '../../src/domain/ports.js';
import { createLogger } from '../../src/logger.js';
import type { SocketModeTuning } from '../../src/slack/index.js';
import { type FakeDocSpace, startFakeDocSpace } from '../fakes/docspace-server.js';
import { appHomeOpened, blockAction, slashCommand } from '../fakes/payloads.js';
import type { SendResult } from '../fakes/send-to-app.js';
import { type FakeSlack, startFakeSlack } from '../fakes/slack-api-server.js';
import { APPROVAL_CHANNEL, COMMAND_CHANNEL, PEOPLE, type SlackHandle, slackIdOf, TEAM_ID } from '../fixtures/people.js';
import { httpTransport, socketTransport } from './transport.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export { APPROVAL_CHANNEL, COMMAND_CHANNEL } from '../fixtures/people.js';

export interface HarnessOptions {
  /** Extra or overriding environment variables for loadConfig. */
  readonly env?: Record<string, string>;
  /** Share doubles between harnesses (two app instances, restarts). */
  readonly docspace?: FakeDocSpace;
  readonly slack?: FakeSlack;
  /** Defaults to a fresh SQLite file in a temp folder. */
  readonly databaseUrl?: string;
  readonly clock?: Clock;
  readonly submitDeadlineMs?: number;
  /** false turns off the log stream's last-line secret scrubbing, to test the structural protections alone. */
  readonly scrubSecrets?: boolean;
  /**
   * Runs the app in Socket Mode (SLACK_APP_TOKEN set) against the Slack double's Socket Mode: true for Bolt's
   * heartbeat timings, or shorter ones to see reconnects quickly. command/interact/click then send envelopes.
   */
  readonly socketMode?: true | SocketModeTuning;
  /** The grant sweep's timer (default off here, like maintenance: tests run the sweep themselves). */
  readonly grantSweepIntervalMs?: number;
}

export interface Harness {
  readonly docspace: FakeDocSpace;
  readonly slack: FakeSlack;
  readonly container: Container;
  /** How Slack's requests reach the app: signed HTTP, or envelopes over the Slack double's Socket Mode. */
  readonly mode: 'http' | 'socket';
  /** Where HTTP mode takes Slack's requests (not served in Socket Mode). */
  readonly eventsUrl: string;
  /** The app's HTTP server: events and /healthz in HTTP mode, /healthz only in Socket Mode. */
  readonly baseUrl: string;
  readonly databaseUrl: string;
  /** Every log line the app wrote (JSON strings). */
  readonly logs: string[];
  /** Sends a slash command as that person (signed, or as an envelope); the reply arrives at slack.responsesTo(responseId). */
  command(who: SlackHandle | (string & {}), text: string): Promise<{ ack: SendResult; responseId: string }>;
  /** Waits for the first response_url post for that command and returns its body. */
  reply(responseId: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Sends an interactive payload (view_submission, block_actions, block_suggestion); resolves with the ack. */
  interact(payload: object): Promise<SendResult>;
  /** Clicks a button on a message (e.g. an approval card) as that person. */
  click(
    who: SlackHandle | (string & {}),
    actionId: string,
    value: string,
    message?: { channel: string; ts: string },
  ): Promise<SendResult>;
  /** Opens that person's App Home tab (a signed app_home_opened event); resolves with the ack. */
  openHome(who: SlackHandle | (string & {}), tab?: 'home' | 'messages'): Promise<SendResult>;
  /** Resolves once the app has finished handling every Slack request it received (a definite "nothing else will happen"). */
  idle(): Promise<void>;
  /** Stops the app (doubles and database stay). */
  stop(): Promise<void>;
  /** Stops everything this harness owns and removes its temp files. */
  close(): Promise<void>;
}

export function baseEnv(docspace: FakeDocSpace, slack: FakeSlack, databaseUrl: string): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    DOCSPACE_URL: docspace.url,
    DOCSPACE_API_KEY: docspace.apiKey,
    DOCSPACE_TIMEOUT_MS: '8000',
    DOCSPACE_MAX_RETRIES: '2',
    DOCSPACE_RETRY_BASE_MS: '5',
    DOCSPACE_RETRY_MAX_MS: '50',
    LOG_LEVEL: 'info',
    DATABASE_URL: databaseUrl,
    ADMIN_SLACK_USER_IDS: PEOPLE.owner.slack.id,
    APPROVER_SLACK_USER_IDS: PEOPLE.dave.slack.id,
    APPROVAL_CHANNEL_ID: APPROVAL_CHANNEL,
  };
}

/**
 * Starts the real app (container; Bolt HTTP receiver on 127.0.0.1:0, or Socket Mode connected to the Slack double)
 * against the DocSpace and Slack doubles.
 * Everyone in test/fixtures/people.ts exists in both; owner is an admin, dave an approver, erin a DocSpace admin.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const docspace = options.docspace ?? (await startFakeDocSpace());
  const slack = options.slack ?? (await startFakeSlack({ teamId: TEAM_ID }));
  const dir = options.databaseUrl ? null : mkdtempSync(join(tmpdir(), 'dsg-harness-'));
  const databaseUrl = options.databaseUrl ?? `sqlite:${join(dir as string, 'bot.sqlite')}`;
  const socketEnv = options.socketMode ? { SLACK_APP_TOKEN: slack.appToken } : {};
  const config = loadConfig({ ...baseEnv(docspace, slack, databaseUrl), ...socketEnv, ...options.env });
  const logs: string[] = [];
  const secrets = [config.slack.botToken, SIGNING_SECRET, config.docspace.apiKey, config.slack.appToken ?? ''];
  const logger = createLogger({
    level: config.logLevel,
    secrets: options.scrubSecrets === false ? [] : secrets.filter(Boolean),
    destination: { write: (line: string) => void logs.push(line) },
  });
  const container = await createContainer(config, {
    logger,
    host: '127.0.0.1',
    slackRetryConfig: { retries: 0 },
    maintenanceIntervalMs: 0,
    ...(options.grantSweepIntervalMs === undefined ? {} : { grantSweepIntervalMs: options.grantSweepIntervalMs }),
    submitDeadlineMs: options.submitDeadlineMs ?? 1500,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(typeof options.socketMode === 'object' ? { socketMode: options.socketMode } : {}),
  });
  const { port } = await container.start();
  const baseUrl = `http://127.0.0.1:${port}`;
  const eventsUrl = `${baseUrl}/slack/events`;
  let counter = 0;
  let stopped = false;
  const transport =
    config.slack.mode === 'socket' ? socketTransport(slack.socket) : httpTransport(eventsUrl, SIGNING_SECRET);
  const harness: Harness = {
    docspace,
    slack,
    container,
    mode: transport.mode,
    eventsUrl,
    baseUrl,
    databaseUrl,
    logs,
    async command(who, text) {
      const responseId = `cmd-${++counter}-${Date.now()}`;
      const fields = slashCommand({
        text,
        userId: slackIdOf(who),
        teamId: TEAM_ID,
        channelId: COMMAND_CHANNEL,
        responseUrl: slack.responseUrl(responseId),
        triggerId: `trigger-${counter}`,
      });
      return { ack: await transport.command(fields), responseId };
    },
    async reply(responseId, timeoutMs = 10_000) {
      await slack.waitFor(() => slack.responsesTo(responseId).length > 0, timeoutMs);
      return slack.responsesTo(responseId)[0]?.body as Record<string, unknown>;
    },
    interact: (payload) => transport.interact(payload),
    click(who, actionId, value, message) {
      const responseId = `act-${++counter}`;
      return transport.interact(
        blockAction({
          actionId,
          value,
          userId: slackIdOf(who),
          teamId: TEAM_ID,
          responseUrl: slack.responseUrl(responseId),
          ...(message ? { channelId: message.channel, messageTs: message.ts } : {}),
        }),
      );
    },
    openHome: (who, tab = 'home') => transport.event(appHomeOpened({ userId: slackIdOf(who), teamId: TEAM_ID, tab })),
    async idle() {
      await container.slack.idle();
      await container.homes.idle();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await container.stop();
    },
    async close() {
      await harness.stop();
      if (!options.docspace) await docspace.close();
      if (!options.slack) await slack.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/**
 * Registers a harness for the enclosing describe: started before its tests, closed after, doubles' logs cleared before
 * each test, and the app idle after each. Returns a stand-in that forwards to the running harness.
 */
export function useHarness(options: HarnessOptions = {}): Harness {
  let current: Harness | null = null;
  beforeAll(async () => {
    current = await startHarness(options);
  });
  afterAll(async () => {
    await current?.close();
  });
  beforeEach(() => {
    current?.slack.clear();
    current?.docspace.clearLog();
  });
  // A test's late work (a losing click, a released DocSpace answer) finishes before the next test starts.
  afterEach(async () => {
    await current?.idle();
  });
  return new Proxy({} as Harness, {
    get(_target, key) {
      if (!current) throw new Error('useHarness: the harness is used before beforeAll started it');
      const value = (current as unknown as Record<string | symbol, unknown>)[key];
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}
