import { WebClient } from '@slack/web-api';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { ApprovalChannelState } from '../../../src/domain/model/card.js';
import { isCardPostError } from '../../../src/domain/ports.js';
import { createBoltLogger, createSlackNotifier } from '../../../src/slack/index.js';
import type { SlackMessage } from '../../../src/slack/views/blocks.js';
import { makeRequest } from './views/builders.js';

// The Slack notifier classifies a failed card post for the domain (which retries and tells admins) and reports what
// each post shows about the approvals channel (health endpoints).

type Answer = { status?: number; headers?: Record<string, string>; body: unknown } | Error;

function notifierAnswering(answer: Answer) {
  const fetch = async (): Promise<Response> => {
    if (answer instanceof Error) throw answer;
    return new Response(JSON.stringify(answer.body), {
      status: answer.status ?? 200,
      headers: { 'content-type': 'application/json', ...answer.headers },
    });
  };
  const client = new WebClient('xoxb-test', {
    fetch: fetch as typeof globalThis.fetch,
    retryConfig: { retries: 0 },
    logger: createBoltLogger(pino({ level: 'silent' })),
  });
  const states: ApprovalChannelState[] = [];
  const dms: { user: string; msg: SlackMessage }[] = [];
  const notifier = createSlackNotifier({
    client,
    approvalChannelId: 'C0APPROVAL1',
    clock: { now: () => new Date('2026-03-02T09:00:00Z') },
    sendDm: async (user, msg) => void dms.push({ user, msg }),
    botUserId: 'U0BOT00001',
    onApprovalChannel: (state) => void states.push(state),
  });
  return { notifier, states, dms };
}

async function failedPost(answer: Answer) {
  const { notifier, states } = notifierAnswering(answer);
  const error = await notifier.postCard(makeRequest()).catch((e: unknown) => e);
  if (!isCardPostError(error)) throw new Error(`expected a CardPostError, got ${String(error)}`);
  return { problem: error.problem, retryAfterSeconds: error.retryAfterSeconds, states, cause: error.cause };
}

describe('the Slack notifier posting a card', () => {
  it.each([
    ['not_in_channel', 'not_in_channel', ['not_a_member']],
    ['channel_not_found', 'channel_not_found', ['not_found']],
    ['is_archived', 'is_archived', ['archived']],
    ['restricted_action', 'restricted', []],
    ['invalid_blocks', 'other', []],
  ])('classifies Slack’s %s as %s and reports the channel as %j', async (slackError, problem, states) => {
    const failed = await failedPost({ body: { ok: false, error: slackError } });
    expect([failed.problem, failed.states, (failed.cause as { data?: { error?: string } }).data?.error]).toEqual([
      problem,
      states,
      slackError,
    ]);
  });

  it('classifies a 429 that outlasted the retries as rate_limited with its Retry-After', async () => {
    // The client waits Retry-After before giving up, so 0 keeps the test instant; the parsing is the same.
    const failed = await failedPost({ status: 429, headers: { 'retry-after': '0' }, body: { ok: false } });
    expect([failed.problem, failed.retryAfterSeconds]).toEqual(['rate_limited', 0]);
  });

  it('classifies an unreachable Slack as network', async () => {
    expect((await failedPost(new Error('connect ECONNREFUSED'))).problem).toBe('network');
  });

  it('reports the channel as one the bot is a member of after a successful post', async () => {
    const { notifier, states } = notifierAnswering({ body: { ok: true, channel: 'C0APPROVAL1', ts: '1.000100' } });
    expect(await notifier.postCard(makeRequest())).toEqual({ channelId: 'C0APPROVAL1', ts: '1.000100' });
    expect(states).toEqual(['member']);
  });

  it('DMs every admin the fix for the channel problem', async () => {
    const { notifier, dms } = notifierAnswering({ body: { ok: true } });
    await notifier.tellAdmins(['U0OWNER001', 'U0ERIN0001'] as never, {
      channelId: 'C0APPROVAL1',
      problem: 'not_in_channel',
    });
    expect(dms.map((d) => d.user)).toEqual(['U0OWNER001', 'U0ERIN0001']);
    expect(dms[0]?.msg.text).toContain(
      'I am not a member of <#C0APPROVAL1>. *Fix:* invite me: open <#C0APPROVAL1> and type `/invite <@U0BOT00001>`',
    );
  });
});
