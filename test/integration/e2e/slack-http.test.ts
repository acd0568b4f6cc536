import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createContainer } from '../../../src/container.js';
import { createLogger } from '../../../src/logger.js';
import { ACTION_CONFIRM_DELETE } from '../../../src/slack/ids.js';
import { startFakeDocSpace } from '../../fakes/docspace-server.js';
import { blockAction, formEncodeCommand, formEncodeInteractive, slashCommand } from '../../fakes/payloads.js';
import { sendSigned } from '../../fakes/send-to-app.js';
import { computeSlackSignature } from '../../fakes/signing.js';
import { startFakeSlack } from '../../fakes/slack-api-server.js';
import { PEOPLE, TEAM_ID } from '../../fixtures/people.js';
import { baseEnv, COMMAND_CHANNEL, type Harness, SIGNING_SECRET, startHarness } from '../../helpers/harness.js';
import { resetDoubles } from './slack-kit.js';

describe('the HTTP surface: /healthz, request signing and the start-up token check', () => {
  // Not useHarness(): its per-test clear would wipe the start-up auth.test call the first test counts.
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const createBody = () =>
    formEncodeCommand(
      slashCommand({
        text: 'create "Forged Team"',
        userId: PEOPLE.owner.slack.id,
        teamId: TEAM_ID,
        channelId: COMMAND_CHANNEL,
        responseUrl: h.slack.responseUrl('forged'),
      }),
    );

  describe('once started', () => {
    it('checks the bot token with auth.test exactly once at start-up and not again per request', async () => {
      expect(h.slack.callsTo('auth.test')).toHaveLength(1);
      const sent = await h.command('owner', 'list');
      await h.reply(sent.responseId);
      expect(h.slack.callsTo('auth.test')).toHaveLength(1);
    });

    it('answers GET /healthz and GET /readyz with 200 and small, secret-free JSON', async () => {
      for (const [path, expected] of [
        ['/healthz', { status: 'ok', mode: 'http' }],
        ['/readyz', { status: 'ready', ready: true }],
      ] as const) {
        const res = await fetch(`${h.baseUrl}${path}`);
        expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 200, 'application/json']);
        const text = await res.text();
        expect(text.length).toBeLessThan(300);
        expect(JSON.parse(text)).toMatchObject(expected);
        expect(text).not.toContain(h.docspace.apiKey);
        expect(text).not.toContain(h.slack.botToken);
      }
    });
  });

  describe('request signing', () => {
    beforeEach(() => {
      resetDoubles(h);
    });

    it('refuses a slash command with a wrong signature with 401 and calls neither DocSpace nor Slack', async () => {
      const res = await sendSigned(h.eventsUrl, createBody(), { signingSecret: 'not-the-signing-secret-0000000000' });
      expect(res.status).toBe(401);
      await h.idle();
      expect(h.docspace.requests).toEqual([]);
      expect(h.slack.calls).toEqual([]);
      expect(h.slack.responses).toEqual([]);
    });

    it('refuses a correctly signed slash command older than five minutes with 401 and changes nothing', async () => {
      const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
      const res = await sendSigned(h.eventsUrl, createBody(), {
        signingSecret: SIGNING_SECRET,
        timestamp: sixMinutesAgo,
      });
      expect(res.status).toBe(401);
      await h.idle();
      expect(h.docspace.requests).toEqual([]);
      expect(h.slack.calls).toEqual([]);
      expect(h.docspace.listGroups()).toEqual([]);
    });

    it('refuses a button click whose body was changed after signing with 401 and deletes nothing', async () => {
      const group = h.docspace.seedGroup({ name: 'Keep Me' });
      const click = (groupId: string) =>
        formEncodeInteractive(
          blockAction({
            actionId: ACTION_CONFIRM_DELETE,
            value: JSON.stringify({ g: groupId, r: null }),
            userId: PEOPLE.owner.slack.id,
            responseUrl: h.slack.responseUrl('tampered'),
          }),
        );
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = computeSlackSignature(SIGNING_SECRET, click('00000000-0000-4000-8000-000000000000'), timestamp);
      const res = await sendSigned(h.eventsUrl, click(group.id), {
        signingSecret: SIGNING_SECRET,
        timestamp,
        signature,
      });
      expect(res.status).toBe(401);
      await h.idle();
      expect(h.docspace.getGroup(group.id)?.removed).toBe(false);
      expect(h.docspace.requests).toEqual([]);
      expect(h.slack.responses).toEqual([]);
    });

    it('accepts the same slash command when it is signed correctly and fresh', async () => {
      const res = await sendSigned(h.eventsUrl, createBody(), { signingSecret: SIGNING_SECRET });
      expect(res.status).toBe(200);
      await h.reply('forged');
      expect(h.docspace.listGroups().map((g) => g.name)).toEqual(['Forged Team']);
    });
  });
});

describe('start-up with a wrong Slack bot token', () => {
  it('rejects with a message that names SLACK_BOT_TOKEN and the Slack error, and never prints the token', async () => {
    const docspace = await startFakeDocSpace();
    onTestFinished(() => docspace.close());
    const slack = await startFakeSlack({ botToken: 'xoxb-other', teamId: TEAM_ID });
    onTestFinished(() => slack.close());
    const dir = mkdtempSync(join(tmpdir(), 'dsg-wrong-token-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const wrongToken = 'xoxb-1111-2222-wrongTokenValue';
    const env = { ...baseEnv(docspace, slack, `sqlite:${join(dir, 'bot.sqlite')}`), SLACK_BOT_TOKEN: wrongToken };
    const lines: string[] = [];
    // No secrets handed to the logger on purpose: the app itself must keep the token out of what it writes.
    const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
    const error = await createContainer(loadConfig(env), { logger, host: '127.0.0.1', maintenanceIntervalMs: 0 }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.name).toBe('StartupError');
    expect(error?.message).toContain('SLACK_BOT_TOKEN');
    expect(error?.message).toContain('invalid_auth');
    expect(error?.message).not.toContain(wrongToken);
    expect(lines.join('\n')).not.toContain(wrongToken);
    expect(slack.callsTo('auth.test')).toHaveLength(1);
    // The DocSpace checks ran beside it (reads only), and the store was never created.
    expect(docspace.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /api/2.0/group',
      'GET /api/2.0/people/@self',
    ]);
    expect(readdirSync(dir)).toEqual([]);
  });
});
