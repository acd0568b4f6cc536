import { WebClient } from '@slack/web-api';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createBoltLogger } from '../../src/slack/index.js';
import { checkApprovalChannel } from '../../src/startup-channel.js';

const CHANNEL = 'C0APPROVAL1';

/** A real WebClient whose every call gets this body (or throws this error); records the calls. */
function clientAnswering(answer: unknown) {
  const calls: string[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    calls.push(`${String(input).split('/').pop()} ${String(init?.body ?? '')}`);
    if (answer instanceof Error) throw answer;
    return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const client = new WebClient('xoxb-test', {
    fetch: fetch as typeof globalThis.fetch,
    retryConfig: { retries: 0 },
    logger: createBoltLogger(pino({ level: 'silent' })),
  });
  return { client, calls };
}

const info = (channel: Record<string, unknown>) => ({
  ok: true,
  channel: { id: CHANNEL, name: 'approvals', ...channel },
});

describe('checkApprovalChannel', () => {
  it('passes quietly when the bot is a member, asking conversations.info once', async () => {
    const { client, calls } = clientAnswering(info({ is_member: true }));
    expect(await checkApprovalChannel(client, CHANNEL)).toEqual({ ok: true, value: 'member', warnings: [] });
    expect(calls).toEqual([expect.stringMatching(/^conversations\.info .*C0APPROVAL1/)]);
  });

  it('warns, naming APPROVAL_CHANNEL_ID, the channel and the fix, when the bot is not a member', async () => {
    const { client } = clientAnswering(info({ is_member: false }));
    expect(await checkApprovalChannel(client, CHANNEL)).toEqual({
      ok: true,
      value: 'not_a_member',
      warnings: [
        {
          variable: 'APPROVAL_CHANNEL_ID',
          message: expect.stringMatching(/not a member of C0APPROVAL1 \(#approvals\).*\/invite @<the bot>.*requests/),
        },
      ],
    });
  });

  it.each([
    [{ ok: false, error: 'channel_not_found' }, 'not_found', /names no channel the bot can see/],
    [{ ok: false, error: 'missing_scope' }, 'unknown', /channels:read and groups:read/],
    [info({ is_member: true, is_archived: true }), 'archived', /is archived/],
  ])('answers %j with %s and a warning', async (answer, state, warning) => {
    const { client } = clientAnswering(answer);
    const result = await checkApprovalChannel(client, CHANNEL);
    expect([result.ok && result.value, result.ok && result.warnings[0]?.message]).toEqual([
      state,
      expect.stringMatching(warning),
    ]);
  });

  it('adds nothing when Slack rejects the token or cannot be reached: the token check says so', async () => {
    for (const answer of [{ ok: false, error: 'invalid_auth' }, new Error('connect ECONNREFUSED')]) {
      const { client } = clientAnswering(answer);
      expect(await checkApprovalChannel(client, CHANNEL)).toEqual({ ok: true, value: 'unknown', warnings: [] });
    }
  });

  it('asks nothing when no approvals channel is configured (start-up warns about that already)', async () => {
    const { client, calls } = clientAnswering(info({}));
    expect(await checkApprovalChannel(client, null)).toEqual({ ok: true, value: 'not_configured', warnings: [] });
    expect(calls).toEqual([]);
  });
});
