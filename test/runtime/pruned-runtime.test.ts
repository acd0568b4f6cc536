/**
 * The container's runtime, checked without Docker (`npm run check:runtime`, run by .ci/run): scripts/build-runtime.sh,
 * the very script the Dockerfile's build stage runs, builds and prunes into a temporary folder; the tests start
 * `node dist/main.js` from there, as the image's entry does, against the DocSpace and Slack doubles.
 * RUNTIME_CHECK_DIR=<folder> reuses a folder that script already wrote (quicker when iterating).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { MIGRATIONS } from '../../src/storage/sql/migrations/index.js';
import { type FakeDocSpace, startFakeDocSpace } from '../fakes/docspace-server.js';
import { formEncodeCommand, slashCommand } from '../fakes/payloads.js';
import { sendSigned } from '../fakes/send-to-app.js';
import { type FakeSlack, startFakeSlack } from '../fakes/slack-api-server.js';
import { COMMAND_CHANNEL, PEOPLE, TEAM_ID } from '../fixtures/people.js';
import { createPostgresSchema, PG_SKIP_NOTE, TEST_DATABASE_URL } from '../integration/storage/factories.js';
import { type BotProcess, buildRuntime, startBot } from './bot-process.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const SIGNING_SECRET = 'runtime-check-signing-secret';

let runtimeDir = process.env['RUNTIME_CHECK_DIR'] ?? '';
let scratch: string | null = null;
let docspace: FakeDocSpace;
let slack: FakeSlack;

beforeAll(async () => {
  if (runtimeDir === '') {
    scratch = mkdtempSync(join(tmpdir(), 'dsg-runtime-'));
    runtimeDir = join(scratch, 'app');
    await buildRuntime(join(repoRoot, 'scripts/build-runtime.sh'), repoRoot, runtimeDir);
  }
  docspace = await startFakeDocSpace();
  slack = await startFakeSlack({ teamId: TEAM_ID });
});

afterAll(async () => {
  await docspace?.close();
  await slack?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function botEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    PORT: '0',
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    DOCSPACE_URL: docspace.url,
    DOCSPACE_API_KEY: docspace.apiKey,
    ADMIN_SLACK_USER_IDS: PEOPLE.owner.slack.id,
    LOG_LEVEL: 'info',
    ...extra,
  };
}

async function started(env: Record<string, string>): Promise<BotProcess> {
  const bot = await startBot(runtimeDir, env);
  onTestFinished(() => bot.kill());
  return bot;
}

/** The status of GET /healthz, the image's HEALTHCHECK. */
async function healthz(bot: BotProcess): Promise<number> {
  const response = await fetch(`${bot.baseUrl}/healthz`);
  await response.arrayBuffer();
  return response.status;
}

describe('the runtime folder (what the image gets)', () => {
  it('holds package.json, dist/ and the production dependencies only, with the compiled SQLite addon', () => {
    expect(readdirSync(runtimeDir).sort()).toEqual(
      ['LICENSE', 'dist', 'node_modules', 'package.json'].filter(
        (f) => f !== 'LICENSE' || existsSync(join(runtimeDir, f)),
      ),
    );
    expect(existsSync(join(runtimeDir, 'dist/main.js'))).toBe(true);
    for (const dev of ['typescript', 'vitest', '@biomejs', 'knip', 'fast-check', 'tsx', 'yaml', 'ws']) {
      expect(existsSync(join(runtimeDir, 'node_modules', dev)), `${dev} was pruned`).toBe(false);
    }
    expect(existsSync(join(runtimeDir, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
  });
});

describe('node dist/main.js from the pruned runtime', () => {
  it('starts on the default SQLite store under ./data, answers /healthz, a signed command, /readyz and /metrics, and exits 0 on SIGTERM', async () => {
    const data = join(runtimeDir, 'data');
    rmSync(data, { recursive: true, force: true });
    onTestFinished(() => rmSync(data, { recursive: true, force: true }));
    const group = docspace.seedGroup({ name: 'Runtime Check' });
    const bot = await started(botEnv());

    expect(await healthz(bot)).toBe(200);
    const fields = slashCommand({
      text: 'list',
      userId: PEOPLE.owner.slack.id,
      teamId: TEAM_ID,
      channelId: COMMAND_CHANNEL,
      responseUrl: slack.responseUrl('runtime-list'),
    });
    const ack = await sendSigned(`${bot.baseUrl}/slack/events`, formEncodeCommand(fields), {
      signingSecret: SIGNING_SECRET,
    });
    expect(ack.status).toBe(200);
    await slack.waitFor(() => slack.responsesTo('runtime-list').length > 0);
    expect(JSON.stringify(slack.responsesTo('runtime-list')[0]?.body)).toContain(group.id);
    // Readiness and metrics come from the pruned dependencies too (prom-client is a production dependency).
    expect((await fetch(`${bot.baseUrl}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${bot.baseUrl}/metrics`)).text()).toMatch(
      /docspace_bot_commands_total\{subcommand="list",outcome="ok"\} 1/,
    );

    expect(await bot.terminate(), bot.output()).toBe(0);
    expect(existsSync(join(data, 'docspace-bot.sqlite'))).toBe(true);
  });
});

describe.skipIf(!TEST_DATABASE_URL)(
  `two replicas of the pruned runtime on one PostgreSQL database ${TEST_DATABASE_URL ? '' : PG_SKIP_NOTE}`,
  () => {
    it('start together on a fresh schema (migrations applied once, under the lock), serve, and both exit 0', async () => {
      const schema = await createPostgresSchema(TEST_DATABASE_URL ?? '');
      onTestFinished(() => schema.drop());
      const env = botEnv({ DATABASE_URL: schema.url });
      const replicas = await Promise.all([started(env), started(env)]);

      for (const bot of replicas) expect(await healthz(bot)).toBe(200);
      expect(await schema.query('SELECT version, name FROM schema_migrations ORDER BY version')).toEqual(
        MIGRATIONS.map((m) => ({ version: m.version, name: m.name })),
      );
      const codes = await Promise.all(replicas.map((bot) => bot.terminate()));
      expect(codes, replicas.map((bot) => bot.output()).join('\n')).toEqual([0, 0]);
    });
  },
);
