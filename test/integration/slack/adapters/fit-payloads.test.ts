import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fitSlackPayloads } from '../../../../src/slack/adapters/fit-payloads.js';
import { type FakeSlack, startFakeSlack } from '../../../fakes/slack-api-server.js';

/**
 * The send boundary against the strict Slack double: what the bot's Web API clients and respond() send through the
 * fitting fetch is accepted even when it was built over the limits, by code that knows nothing of them.
 */

const section = (text: string) => ({ type: 'section' as const, text: { type: 'mrkdwn' as const, text } });

let fake: FakeSlack;
let warnings: { obj: object; msg: string | undefined }[];
let client: WebClient;
let fitting: typeof fetch;

beforeEach(async () => {
  fake = await startFakeSlack();
  warnings = [];
  fitting = fitSlackPayloads(fetch, { warn: (obj: object, msg?: string) => void warnings.push({ obj, msg }) });
  client = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, fetch: fitting });
  return () => fake.close();
});
afterEach(() => {
  fake.reset();
});

describe('fitting every message and view at the send boundary', () => {
  it('lets a chat.postMessage with a 5 000-character section through, cut to fit, and warns', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => `• line ${i} ${'x'.repeat(90)}`);
    await client.chat.postMessage({ channel: 'C0GENERAL1', text: 'list', blocks: [section(lines.join('\n'))] });
    const [posted] = fake.messages();
    const text = ((posted?.blocks ?? []) as { text: { text: string; verbatim: boolean } }[])[0]?.text;
    expect(text?.text.length).toBeLessThanOrEqual(3000);
    expect(text?.text).toMatch(/\n…and \d+ more$/);
    expect(text?.verbatim).toBe(true);
    expect(warnings).toEqual([
      {
        obj: { method: 'chat.postMessage', changes: [expect.stringMatching(/^blocks\[0\]\.text: \d+ > 3000/)] },
        msg: 'a Slack message broke Block Kit limits and was fitted',
      },
    ]);
  });

  it('fits chat.update, chat.postEphemeral and views.open too', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0GENERAL1', text: 'card' });
    const big = [section('y'.repeat(3500))];
    await client.chat.update({ channel: 'C0GENERAL1', ts: posted.ts as string, text: 'card', blocks: big });
    await client.chat.postEphemeral({ channel: 'C0GENERAL1', user: 'U0ALICE001', text: 'hi', blocks: big });
    const title = { type: 'plain_text' as const, text: 'A title far over 24 characters' };
    await client.views.open({ trigger_id: 't', view: { type: 'modal', title, blocks: big } });
    expect(fake.callsTo('chat.update')).toHaveLength(1);
    expect(fake.ephemerals()).toHaveLength(1);
    expect(fake.views()).toHaveLength(1);
    expect(warnings.map((w) => (w.obj as { method: string }).method)).toEqual([
      'chat.update',
      'chat.postEphemeral',
      'views.open',
    ]);
  });

  it('fits a response_url post (Bolt respond()), which Slack would refuse with 400', async () => {
    const url = fake.responseUrl('r1');
    const body = JSON.stringify({ response_type: 'ephemeral', text: 'x', blocks: [section('z'.repeat(3500))] });
    const res = await fitting(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(200);
    expect(fake.responsesTo('r1')[0]?.body).toMatchObject({ response_type: 'ephemeral', text: 'x' });
  });

  it('sends what is already valid exactly as built, and leaves other methods alone', async () => {
    const blocks = [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'ok', verbatim: true } }];
    await client.chat.postMessage({ channel: 'C0GENERAL1', text: 'ok', blocks });
    await client.users.info({ user: 'U0ALICE001' });
    expect(fake.callsTo('chat.postMessage')[0]?.args['blocks']).toEqual(blocks);
    expect(warnings).toEqual([]);
  });
});
