import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createContainer } from '../../../src/container.js';
import { createLogger } from '../../../src/logger.js';
import { ACTION_APPROVE } from '../../../src/slack/ids.js';
import { startFakeDocSpace } from '../../fakes/docspace-server.js';
import { formEncodeCommand, slashCommand } from '../../fakes/payloads.js';
import { type SendResult, sendSigned } from '../../fakes/send-to-app.js';
import { startFakeSlack } from '../../fakes/slack-api-server.js';
import { TEAM_ID } from '../../fixtures/people.js';
import { baseEnv, type Harness, SIGNING_SECRET } from '../../helpers/harness.js';
import {
  clickOnCard,
  commandText,
  fileRequest,
  logRecords,
  PEOPLE,
  requesterToldAbout,
  requestIdIn,
  seedOps,
  waitForStatus,
  warmUp,
} from './kit.js';
import { startUnscrubbedApp } from './unscrubbed-app.js';

// Every kind of failure goes through one app whose log has no scrubbing stream; then the bot token, the signing
// secret and the DocSpace API key are searched for in every log line, every Web API call and every message.

const MANAGER_BOB = `manager "Ops" <@${PEOPLE.bob.slack.id}>`;

async function forgedCommands(h: Harness): Promise<SendResult[]> {
  const raw = formEncodeCommand(
    slashCommand({ text: 'list', userId: PEOPLE.alice.slack.id, teamId: TEAM_ID, responseUrl: h.slack.responseUrl() }),
  );
  const stale = Math.floor(Date.now() / 1000) - 3600;
  return [
    await sendSigned(h.eventsUrl, raw, { signingSecret: 'not-the-signing-secret-000000' }),
    await sendSigned(h.eventsUrl, raw, { signingSecret: SIGNING_SECRET, timestamp: stale }),
    await sendSigned(h.eventsUrl, raw, { signingSecret: SIGNING_SECRET, signature: `v0=${'0'.repeat(64)}` }),
  ];
}

async function docspaceFailures(h: Harness): Promise<void> {
  const arms = [
    () => h.docspace.failNext(3, 500),
    () => h.docspace.failNext(1, 401),
    () => h.docspace.malformedNext(1),
    () => h.docspace.driftNext(1),
    () => h.docspace.rateLimitNext(1, 30),
    () => h.docspace.hold(),
  ];
  for (const arm of arms) {
    arm();
    await commandText(h, 'alice', 'show "Ops"');
  }
  h.docspace.release();
  h.docspace.failNext(1, 502, { method: 'PUT' });
  await commandText(h, 'owner', MANAGER_BOB);
  const id = await fileRequest(h);
  h.docspace.failNext(1, 503, { method: 'PUT' });
  await clickOnCard(h, 'dave', ACTION_APPROVE, id);
  await waitForStatus(h, id, ['failed']);
  await requesterToldAbout(h, id);
}

async function slackFailures(h: Harness): Promise<void> {
  h.slack.failNext('chat.postMessage', 'channel_not_found');
  const carols = requestIdIn(await commandText(h, 'carol', `add "Ops" <@${PEOPLE.bob.slack.id}>`));
  h.slack.failNext('views.open', 'expired_trigger_id');
  await commandText(h, 'alice', '');
  h.slack.failNext('users.info', 'invalid_auth');
  await commandText(h, 'mia', 'whoami');
  h.slack.failNext('conversations.open', 'invalid_auth');
  await h.click('dave', ACTION_APPROVE, carols);
  await h.slack.waitFor(() => logRecords(h).some((r) => r['msg'] === 'could not notify the requester'));
  const alices = requestIdIn(await commandText(h, 'alice', `add "Ops" <@${PEOPLE.carol.slack.id}>`));
  h.slack.rateLimitNext('chat.update', 1);
  await clickOnCard(h, 'dave', ACTION_APPROVE, alices);
  await waitForStatus(h, alices, ['executed']);
  await requesterToldAbout(h, alices);
}

describe('secrets while everything fails', () => {
  let h: Harness;
  let secrets: Record<string, string>;
  let forged: SendResult[];
  beforeAll(async () => {
    h = await startUnscrubbedApp({ DOCSPACE_TIMEOUT_MS: '300' });
    secrets = { botToken: h.slack.botToken, signingSecret: SIGNING_SECRET, apiKey: h.docspace.apiKey };
    seedOps(h);
    await warmUp(h, 'owner', 'alice', 'bob', 'carol', 'dave');
    forged = await forgedCommands(h);
    await docspaceFailures(h);
    await slackFailures(h);
  }, 30_000);
  afterAll(async () => {
    await h?.close();
  });

  const leaks = (texts: readonly string[]) =>
    Object.entries(secrets).flatMap(([name, value]) => (texts.some((t) => t.includes(value)) ? [name] : []));

  it('went through rejected signatures, DocSpace failures, Slack errors and an unexpected error', () => {
    const messages = new Set(logRecords(h).map((r) => r['msg']));
    const expected = [
      'DocSpace call failed',
      'could not post the approval card',
      'unexpected error while handling a Slack request',
    ];
    const authenticated = h.slack.calls.some((c) => c.token === secrets['botToken']);
    expect([forged.map((r) => r.status), expected.filter((m) => !messages.has(m)), authenticated]).toEqual([
      [401, 401, 401],
      [],
      true,
    ]);
  });

  it('writes none of the three secrets in any log line, even with the scrubbing stream off', () => {
    expect([h.logs.length > 50, leaks(h.logs)]).toEqual([true, []]);
  });

  it('puts none of the three secrets in any argument of any Slack Web API call', () => {
    expect(leaks(h.slack.calls.map((c) => JSON.stringify(c.args)))).toEqual([]);
  });

  it('puts none of the three secrets in any response_url message or ack body', () => {
    const bodies = [...h.slack.responses.map((r) => JSON.stringify(r.body)), ...forged.map((r) => r.body)];
    expect([bodies.length > 10, leaks(bodies)]).toEqual([true, []]);
  });
});

const WRONG_KEY = `sk-${'5ec7e7'.repeat(10)}abcd`;
const WRONG_TOKEN = 'xoxb-0000000000-wrong-bot-token-value';

/** Builds the app with one env override and returns how start-up failed (the database is never reached). */
async function startupFailure(override: Record<string, string>) {
  const docspace = await startFakeDocSpace();
  const slack = await startFakeSlack({ teamId: TEAM_ID });
  const logs: string[] = [];
  const env = { ...baseEnv(docspace, slack, 'sqlite::memory:'), LOG_LEVEL: 'debug', ...override };
  const logger = createLogger({
    level: 'debug',
    secrets: [],
    destination: { write: (line: string) => logs.push(line) },
  });
  try {
    const container = await createContainer(loadConfig(env), {
      logger,
      host: '127.0.0.1',
      slackRetryConfig: { retries: 0 },
    });
    await container.stop();
    return { error: null, logs, realKey: docspace.apiKey, docspaceStatuses: docspace.requests.map((r) => r.status) };
  } catch (error) {
    return {
      error: error as Error,
      logs,
      realKey: docspace.apiKey,
      docspaceStatuses: docspace.requests.map((r) => r.status),
    };
  } finally {
    await docspace.close();
    await slack.close();
  }
}

describe('secrets in start-up failures', () => {
  it('rejects a wrong DocSpace key at start-up with a message that contains neither key', async () => {
    const { error, logs, realKey, docspaceStatuses } = await startupFailure({ DOCSPACE_API_KEY: WRONG_KEY });
    const everything = [error?.message ?? '', error?.stack ?? '', ...logs].join('\n');
    expect([error?.name, docspaceStatuses, everything.includes(WRONG_KEY), everything.includes(realKey)]).toEqual([
      'StartupError',
      [401, 401],
      false,
      false,
    ]);
  });

  it('rejects a wrong Slack token at start-up with a message that does not contain it', async () => {
    const { error, logs } = await startupFailure({ SLACK_BOT_TOKEN: WRONG_TOKEN });
    const everything = [error?.message ?? '', error?.stack ?? '', ...logs].join('\n');
    expect([error?.message, everything.includes(WRONG_TOKEN)]).toEqual([
      expect.stringContaining(
        'SLACK_BOT_TOKEN: Slack rejected the token: Slack does not know this token (invalid_auth)',
      ),
      false,
    ]);
  });
});
