import { WebClient } from '@slack/web-api';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createBoltLogger } from '../../src/slack/index.js';
import type { StartupProblem } from '../../src/startup-problems.js';
import { checkSlackAppToken, checkSlackBotToken } from '../../src/startup-slack.js';

const BOT_TOKEN = 'xoxb-1111-2222-botTokenThatMustNotLeak';
const APP_TOKEN = 'xapp-1-A0APP-3333-appTokenThatMustNotLeak';

type Answer = { readonly status?: number; readonly body?: unknown } | Error;

/** A fetch for a real WebClient: records each call's URL and token, answers with what `answer` gives. */
function clientAnswering(token: string, answer: () => Answer, apiUrl?: string) {
  const calls: { url: string; token: string | null }[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const authorization = new Headers(init?.headers).get('authorization');
    calls.push({ url: String(input), token: authorization?.replace(/^Bearer /, '') ?? null });
    const reply = answer();
    if (reply instanceof Error) throw reply;
    return new Response(JSON.stringify(reply.body ?? {}), {
      status: reply.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  const client = new WebClient(token, {
    fetch: fetch as typeof globalThis.fetch,
    retryConfig: { retries: 0 },
    logger: createBoltLogger(pino({ level: 'silent' })),
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
  });
  return { client, calls };
}

const dnsFailure = () =>
  Object.assign(new Error('getaddrinfo ENOTFOUND slack.com'), { code: 'ENOTFOUND', syscall: 'getaddrinfo' });

async function botProblem(answer: () => Answer, apiUrl: string | null = null): Promise<StartupProblem> {
  const { client } = clientAnswering(BOT_TOKEN, answer, apiUrl ?? undefined);
  const result = await checkSlackBotToken(client, apiUrl);
  if (result.ok || !result.problems[0]) throw new Error('expected a problem');
  expect(JSON.stringify(result.problems)).not.toContain(BOT_TOKEN);
  return result.problems[0];
}

describe('checkSlackBotToken', () => {
  it('returns the ids auth.test answers, so Bolt need not ask again', async () => {
    const { client, calls } = clientAnswering(BOT_TOKEN, () => ({
      body: { ok: true, user_id: 'U0BOT00001', bot_id: 'B0BOT00001', team_id: 'T0TEAM0001' },
    }));
    expect(await checkSlackBotToken(client, null)).toEqual({
      ok: true,
      value: { botId: 'B0BOT00001', botUserId: 'U0BOT00001', teamId: 'T0TEAM0001' },
      warnings: [],
    });
    expect(calls).toEqual([{ url: 'https://slack.com/api/auth.test', token: BOT_TOKEN }]);
  });

  it.each([
    ['invalid_auth', /^Slack rejected the token: Slack does not know this token \(invalid_auth\).*Copy the Bot User/],
    ['token_revoked', /^Slack rejected the token: the token was revoked \(token_revoked\): the app was uninstalled/],
    ['account_inactive', /^Slack rejected the token: .*deactivated user or workspace \(account_inactive\)/],
    ['some_new_error', /^Slack rejected the token: Slack answered "some_new_error"\. Copy the Bot User/],
  ])('says Slack rejected the token when it answers %s', async (error, expected) => {
    const problem = await botProblem(() => ({ body: { ok: false, error } }));
    expect(problem).toEqual({ variable: 'SLACK_BOT_TOKEN', message: expect.stringMatching(expected) });
  });

  it('tells a DNS failure apart from a rejection, whether fetch wraps it or not', async () => {
    for (const failure of [dnsFailure(), new TypeError('fetch failed', { cause: dnsFailure() })]) {
      const problem = await botProblem(() => failure);
      expect(problem.variable).toBe('SLACK_BOT_TOKEN');
      expect(problem.message).toMatch(
        /^could not be checked: cannot reach Slack at slack\.com \(DNS ENOTFOUND: the name does not resolve\)/,
      );
      expect(problem.message).toContain('Slack has not rejected the token');
      expect(problem.message).not.toMatch(/rejected the token:|Copy the Bot User/);
    }
  });

  it('names the network error when the connection fails otherwise', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const problem = await botProblem(() => refused, 'http://127.0.0.1:9/api/');
    expect(problem.message).toMatch(/cannot reach Slack at 127\.0\.0\.1:9 \(network: ECONNREFUSED\).*SLACK_API_URL/);
  });

  it('blames SLACK_API_URL when what answers is not the Web API', async () => {
    const problem = await botProblem(() => ({ status: 404, body: {} }), 'https://example.com/nope/');
    expect(problem).toEqual({
      variable: 'SLACK_API_URL',
      message: expect.stringMatching(/^example\.com answered HTTP 404, not like the Slack Web API, so SLACK_BOT_TOKEN/),
    });
  });
});

describe('checkSlackAppToken', () => {
  it('calls apps.connections.open with the app-level token', async () => {
    const { client, calls } = clientAnswering(APP_TOKEN, () => ({ body: { ok: true, url: 'wss://example/x' } }));
    expect(await checkSlackAppToken(client, null)).toMatchObject({ ok: true });
    expect(calls).toEqual([{ url: 'https://slack.com/api/apps.connections.open', token: APP_TOKEN }]);
  });

  it.each([
    ['invalid_auth', /Slack does not know this token/],
    ['not_allowed_token_type', /wrong kind of token/],
  ])('names SLACK_APP_TOKEN and how to make one when Slack answers %s', async (error, expected) => {
    const { client } = clientAnswering(APP_TOKEN, () => ({ body: { ok: false, error } }));
    const result = await checkSlackAppToken(client, null);
    expect(result).toEqual({
      ok: false,
      problems: [{ variable: 'SLACK_APP_TOKEN', message: expect.stringMatching(expected) }],
    });
    if (!result.ok) expect(result.problems[0]?.message).toContain('connections:write');
    expect(JSON.stringify(result)).not.toContain(APP_TOKEN);
  });

  it('says Slack could not be reached, naming SLACK_APP_TOKEN, on a network failure', async () => {
    const { client } = clientAnswering(APP_TOKEN, dnsFailure);
    const result = await checkSlackAppToken(client, null);
    expect(result).toEqual({
      ok: false,
      problems: [
        { variable: 'SLACK_APP_TOKEN', message: expect.stringMatching(/^could not be checked: cannot reach/) },
      ],
    });
  });
});
