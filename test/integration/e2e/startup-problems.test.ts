import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { type Container, createContainer } from '../../../src/container.js';
import { createLogger } from '../../../src/logger.js';
import { StartupError } from '../../../src/startup-problems.js';
import { startFakeDocSpace } from '../../fakes/docspace-server.js';
import { startFakeSlack } from '../../fakes/slack-api-server.js';
import { TEAM_ID } from '../../fixtures/people.js';
import { baseEnv, startHarness } from '../../helpers/harness.js';

// Start-up against the doubles with several things wrong at once: one StartupError names every variable, holds no
// secret, and the failed start leaves nothing behind (no database file, only reads sent to DocSpace).

async function doubles() {
  const docspace = await startFakeDocSpace();
  const slack = await startFakeSlack({ teamId: TEAM_ID });
  onTestFinished(async () => {
    await docspace.close();
    await slack.close();
  });
  return { docspace, slack };
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dsg-startup-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function listeningPort(port = 0): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

async function start(env: Record<string, string>) {
  const logs: string[] = [];
  // No secrets handed to the logger's scrubber: the app itself must keep them out of what it writes.
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void logs.push(line) } });
  const container = await createContainer(loadConfig(env), {
    logger,
    host: '127.0.0.1',
    slackRetryConfig: { retries: 0 },
    maintenanceIntervalMs: 0,
  }).then(
    (c) => c,
    (e: unknown) => e as Error,
  );
  return { container, logs };
}

describe('start-up with several problems at once', () => {
  it('names every variable in one error, echoes no secret and writes nothing', async () => {
    const { docspace, slack } = await doubles();
    const dir = tempDir();
    writeFileSync(join(dir, 'blocker'), 'a file where the data directory should be');
    const writeOnlyKey = docspace.createApiKey('owner', { scopes: ['accounts:write'] });
    const secrets = {
      SLACK_BOT_TOKEN: 'xoxb-0000-1111-wrongBotTokenValue',
      SLACK_APP_TOKEN: 'xapp-1-A0WRONG-2222-wrongAppTokenValue',
      DOCSPACE_API_KEY: writeOnlyKey,
    };
    // The Slack double rejects any token but its bot token; the knob says the same if it learns app tokens.
    slack.failNext('apps.connections.open', 'invalid_auth');
    const env = {
      ...baseEnv(docspace, slack, `sqlite:${join(dir, 'blocker', 'data', 'bot.sqlite')}`),
      ...secrets,
      PORT: String(await listeningPort()),
    };
    const { container: error, logs } = await start(env);

    expect(error).toBeInstanceOf(StartupError);
    const { problems, message, stack } = error as StartupError;
    expect(problems.map((p) => p.variable)).toEqual([
      'SLACK_BOT_TOKEN',
      'SLACK_APP_TOKEN',
      'DOCSPACE_API_KEY',
      'PORT',
      'DATABASE_URL',
    ]);
    expect(message).toMatch(/SLACK_BOT_TOKEN: Slack rejected the token: .*\(invalid_auth\)/);
    expect(message).toMatch(/SLACK_APP_TOKEN: Slack rejected the token: .*connections:write/);
    expect(message).toMatch(/DOCSPACE_API_KEY: DocSpace does not let this key read groups .*accounts:read/);
    expect(message).toMatch(new RegExp(`PORT: port ${env.PORT} on 127\\.0\\.0\\.1 \\(HOST\\) is already in use`));
    expect(message).toMatch(/DATABASE_URL: Cannot open SQLite file .*blocker is a file/);
    const everything = [message, stack ?? '', ...logs].join('\n');
    for (const secret of [...Object.values(secrets), docspace.apiKey, slack.botToken]) {
      expect(everything).not.toContain(secret);
    }
    expect(slack.callsTo('apps.connections.open').map((c) => c.token)).toEqual([secrets.SLACK_APP_TOKEN]);
    expect(docspace.requests.every((r) => r.method === 'GET')).toBe(true);
    expect(readdirSync(dir)).toEqual(['blocker']);
  });

  it('creates no database when another check fails, and creates it once every check passes', async () => {
    const { docspace, slack } = await doubles();
    const dir = tempDir();
    const env = { ...baseEnv(docspace, slack, `sqlite:${join(dir, 'data', 'bot.sqlite')}`), APPROVAL_CHANNEL_ID: '' };
    const readOnly = docspace.createApiKey('owner', { scopes: ['files:read'] });
    const failed = await start({ ...env, DOCSPACE_API_KEY: readOnly });
    expect((failed.container as StartupError).problems).toEqual([
      {
        variable: 'DOCSPACE_API_KEY',
        message: expect.stringMatching(/^DocSpace does not let this key read people .*answered 403\)/),
      },
    ]);
    expect(readdirSync(dir)).toEqual([]);

    const { container, logs } = await start(env);
    onTestFinished(async () => {
      await (container as Container).stop();
    });
    expect(readdirSync(join(dir, 'data'))).toContain('bot.sqlite');
    const warnings = logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((r) => r['level'] === 40);
    expect(warnings.map((w) => [w['variable'], w['msg']])).toEqual([
      ['APPROVAL_CHANNEL_ID', expect.stringMatching(/^APPROVAL_CHANNEL_ID: is not set, so non-admins cannot file/)],
    ]);
  });

  it('names PORT when another program takes the port between the checks and the start', async () => {
    const { docspace, slack } = await doubles();
    // A port that is free now: bound on 0, then let go.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const { container } = await start({ ...baseEnv(docspace, slack, 'sqlite::memory:'), PORT: String(port) });
    await listeningPort(port);
    const error = await (container as Container).start().catch((e: unknown) => e);
    expect((error as StartupError).problems).toEqual([
      { variable: 'PORT', message: expect.stringMatching(new RegExp(`^port ${port} on 127\\.0\\.0\\.1 \\(HOST\\)`)) },
    ]);
  });
});

describe('a DocSpace key without accounts:write', () => {
  it('starts (it may read), and a change that DocSpace refuses names the scope the key needs', async () => {
    const docspace = await startFakeDocSpace();
    const h = await startHarness({
      docspace,
      env: { DOCSPACE_API_KEY: docspace.createApiKey('owner', { scopes: ['accounts:read'] }) },
    });
    onTestFinished(async () => {
      await h.close();
      await docspace.close();
    });
    const sent = await h.command('owner', 'create "Scoped Team"');
    const text = String((await h.reply(sent.responseId))['text']);
    expect(text).toMatch(/^DocSpace refused \(while creating the group\); nothing was changed\./);
    expect(text).toContain('needs the `accounts:write` scope');
    expect(text).toContain('DOCSPACE_API_KEY');
    expect(docspace.listGroups()).toEqual([]);
  });
});
