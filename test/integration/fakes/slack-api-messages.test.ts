import { WebAPIPlatformError } from '@slack/web-api';
import { beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack-api-server.js';
import { PEOPLE } from '../../fixtures/people.js';
import { webClientFor } from './slack-test-kit.js';

let fake: FakeSlack;
beforeEach(async () => {
  fake = await startFakeSlack();
  return () => fake.close();
});

const CHANNEL = 'C0APPROVE1';
const section = (text: string) => [{ type: 'section', text: { type: 'mrkdwn', text } }];

async function errorCodeOf(call: Promise<unknown>): Promise<string | undefined> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof WebAPIPlatformError ? error.data.error : undefined;
}

describe('fake Slack chat.postMessage and chat.update', () => {
  it('returns channel, ts and the message, and keeps the message in state', async () => {
    const result = await webClientFor(fake).chat.postMessage({
      channel: CHANNEL,
      text: 'card',
      blocks: section('*eng*'),
    });
    expect(result).toMatchObject({ ok: true, channel: CHANNEL, message: { text: 'card', ts: result.ts } });
    expect(fake.messages(CHANNEL)).toEqual([
      { channel: CHANNEL, ts: result.ts, text: 'card', blocks: section('*eng*'), user: fake.botUserId },
    ]);
  });

  it('assigns increasing, distinct ts values to successive messages', async () => {
    const first = await webClientFor(fake).chat.postMessage({ channel: CHANNEL, text: 'one' });
    const second = await webClientFor(fake).chat.postMessage({ channel: CHANNEL, text: 'two' });
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
  });

  it('rejects a message with neither text nor blocks as no_text', async () => {
    expect(await errorCodeOf(webClientFor(fake).apiCall('chat.postMessage', { channel: CHANNEL }))).toBe('no_text');
  });

  it('applies chat.update to the stored message', async () => {
    const { ts } = await webClientFor(fake).chat.postMessage({
      channel: CHANNEL,
      text: 'pending',
      blocks: section('a'),
    });
    await webClientFor(fake).chat.update({ channel: CHANNEL, ts: ts ?? '', text: 'approved', blocks: section('b') });
    expect(fake.messages(CHANNEL)).toMatchObject([{ ts, text: 'approved', blocks: section('b') }]);
  });

  it('keeps the previous blocks when chat.update sends only text', async () => {
    const { ts } = await webClientFor(fake).chat.postMessage({
      channel: CHANNEL,
      text: 'pending',
      blocks: section('a'),
    });
    await webClientFor(fake).chat.update({ channel: CHANNEL, ts: ts ?? '', text: 'approved' });
    expect(fake.messages(CHANNEL)[0]?.blocks).toEqual(section('a'));
  });

  it('answers message_not_found when chat.update names no existing message', async () => {
    const update = webClientFor(fake).chat.update({ channel: CHANNEL, ts: '1.000001', text: 'x' });
    expect(await errorCodeOf(update)).toBe('message_not_found');
  });

  it('records ephemerals per user and returns a message_ts', async () => {
    const user = PEOPLE.bob.slack.id;
    const result = await webClientFor(fake).chat.postEphemeral({ channel: CHANNEL, user, text: 'only you' });
    expect(result.message_ts).toEqual(expect.any(String));
    expect(fake.ephemerals(user)).toEqual([{ channel: CHANNEL, user, text: 'only you' }]);
  });
});

describe('fake Slack direct messages', () => {
  it('opens the same DM channel every time for the same user', async () => {
    const client = webClientFor(fake);
    const first = await client.conversations.open({ users: PEOPLE.alice.slack.id });
    const second = await client.conversations.open({ users: PEOPLE.alice.slack.id });
    expect(first.channel?.id).toMatch(/^D/);
    expect(second).toMatchObject({ already_open: true, channel: { id: first.channel?.id } });
  });

  it('opens different DM channels for different users', async () => {
    const client = webClientFor(fake);
    const alice = await client.conversations.open({ users: PEOPLE.alice.slack.id });
    const bob = await client.conversations.open({ users: PEOPLE.bob.slack.id });
    expect(alice.channel?.id).not.toBe(bob.channel?.id);
  });

  it('lists under dms(user) the messages posted to that user DM channel', async () => {
    const client = webClientFor(fake);
    const opened = await client.conversations.open({ users: PEOPLE.carol.slack.id });
    await client.chat.postMessage({ channel: opened.channel?.id ?? '', text: 'your request was approved' });
    expect(fake.dms(PEOPLE.carol.slack.id).map((m) => m.text)).toEqual(['your request was approved']);
  });

  it('delivers a message posted to a user id into that user DM channel', async () => {
    const result = await webClientFor(fake).chat.postMessage({ channel: PEOPLE.dave.slack.id, text: 'psst' });
    expect(result.channel).toMatch(/^D/);
    expect(fake.dms(PEOPLE.dave.slack.id).map((m) => m.text)).toEqual(['psst']);
  });

  it('refuses to open a DM with a deactivated user as user_disabled', async () => {
    expect(await errorCodeOf(webClientFor(fake).conversations.open({ users: PEOPLE.zed.slack.id }))).toBe(
      'user_disabled',
    );
  });

  it('refuses to open a DM with an unknown user as user_not_found', async () => {
    expect(await errorCodeOf(webClientFor(fake).conversations.open({ users: 'U0NOBODY01' }))).toBe('user_not_found');
  });
});

describe('fake Slack response_url sink', () => {
  it('records a JSON body POSTed to a response url and answers 200 ok', async () => {
    const res = await fetch(fake.responseUrl('cmd-1'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ replace_original: true, text: 'done' }),
    });
    expect([res.status, await res.text()]).toEqual([200, 'ok']);
    expect(fake.responsesTo('cmd-1').map((r) => r.body)).toEqual([{ replace_original: true, text: 'done' }]);
  });

  it('generates a distinct sink id when responseUrl() is called without one', () => {
    expect(fake.responseUrl()).not.toBe(fake.responseUrl());
  });

  it('answers 400 to a response url POST whose body is not JSON', async () => {
    const res = await fetch(fake.responseUrl('bad'), { method: 'POST', body: 'not json' });
    expect([res.status, fake.responses.length]).toEqual([400, 0]);
  });
});
