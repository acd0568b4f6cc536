import { WebAPIPlatformError, WebAPIRateLimitedError } from '@slack/web-api';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack-api-server.js';
import { PEOPLE } from '../../fixtures/people.js';
import { track, until, useManualTimers } from '../../helpers/manual-timers.js';
import { webClientFor } from './slack-test-kit.js';

let fake: FakeSlack;
beforeEach(async () => {
  fake = await startFakeSlack();
  return () => fake.close();
});

const post = (f: FakeSlack, text = 'hello') => webClientFor(f).chat.postMessage({ channel: 'C0GENERAL1', text });
/** What a call ended with: 'ok', or the error it threw. */
const outcomeOf = (call: Promise<unknown>) =>
  call.then(
    () => 'ok' as const,
    (e: unknown) => e,
  );

describe('fake Slack failure knobs', () => {
  it('surfaces failNext as a WebAPIPlatformError carrying the error code', async () => {
    fake.failNext('views.open', 'expired_trigger_id');
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Group' }, blocks: [] };
    const error = await outcomeOf(webClientFor(fake).views.open({ trigger_id: 't', view }));
    expect(error).toBeInstanceOf(WebAPIPlatformError);
    expect((error as WebAPIPlatformError).data.error).toBe('expired_trigger_id');
  });

  it('fails exactly the next n calls of the method and then answers normally', async () => {
    fake.failNext('chat.postMessage', 'channel_not_found', 2);
    const outcomes = [await outcomeOf(post(fake)), await outcomeOf(post(fake)), await outcomeOf(post(fake))];
    expect(outcomes.map((o) => (o instanceof WebAPIPlatformError ? o.data.error : o))).toEqual([
      'channel_not_found',
      'channel_not_found',
      'ok',
    ]);
  });

  it('leaves other methods alone while a failure is queued', async () => {
    fake.failNext('chat.postMessage', 'channel_not_found');
    await expect(webClientFor(fake).users.info({ user: PEOPLE.bob.slack.id })).resolves.toMatchObject({ ok: true });
  });

  it('surfaces rateLimitNext as the web-api rate-limited error with the Retry-After seconds', async () => {
    fake.rateLimitNext('chat.postMessage', 7);
    const error = await outcomeOf(post(fake));
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(7);
  });

  it('answers a rate-limited call with HTTP 429, a Retry-After header and error ratelimited', async () => {
    fake.rateLimitNext('auth.test', 3);
    const res = await fetch(`${fake.apiUrl}auth.test`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.botToken}` },
    });
    expect([res.status, res.headers.get('retry-after')]).toEqual([429, '3']);
    expect(await res.json()).toEqual({ ok: false, error: 'ratelimited' });
  });

  it('delays the answers of the method given to setLatency', async () => {
    useManualTimers();
    fake.setLatency(150, 'auth.test');
    const answer = track(webClientFor(fake).auth.test());
    await until(() => fake.callsTo('auth.test').length === 1);
    await vi.advanceTimersByTimeAsync(149);
    expect(answer.settled()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(answer.promise).resolves.toMatchObject({ ok: true });
  });

  it('does not delay other methods when latency is set for one method', async () => {
    useManualTimers();
    fake.setLatency(2000, 'chat.postMessage');
    await expect(webClientFor(fake).auth.test()).resolves.toMatchObject({ ok: true });
  });

  it('delays every method when setLatency is given no method', async () => {
    useManualTimers();
    fake.setLatency(150);
    const answer = track(webClientFor(fake).users.info({ user: PEOPLE.bob.slack.id }));
    await until(() => fake.callsTo('users.info').length === 1);
    await vi.advanceTimersByTimeAsync(149);
    expect(answer.settled()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(answer.promise).resolves.toMatchObject({ ok: true });
  });
});

describe('fake Slack reset and clear', () => {
  it('reset() forgets calls, messages and queued failures', async () => {
    await post(fake);
    fake.failNext('chat.postMessage', 'channel_not_found');
    fake.reset();
    await post(fake, 'after reset');
    expect([fake.calls.length, fake.messages().map((m) => m.text)]).toEqual([1, ['after reset']]);
  });

  it('reset() turns latency off', async () => {
    useManualTimers();
    fake.setLatency(2000);
    fake.reset();
    await expect(webClientFor(fake).auth.test()).resolves.toMatchObject({ ok: true });
  });

  it('clear() empties the logs but keeps the posted messages', async () => {
    await post(fake);
    fake.clear();
    expect([fake.calls.length, fake.messages().length]).toEqual([0, 1]);
  });
});

describe('fake Slack call log and waitFor', () => {
  it('logs each call with JSON-string form fields parsed back into objects', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }];
    await webClientFor(fake).chat.postMessage({ channel: 'C0GENERAL1', text: '[not json]', blocks });
    const [call] = fake.callsTo('chat.postMessage');
    expect(call?.args).toMatchObject({ channel: 'C0GENERAL1', text: '[not json]', blocks });
    expect(call?.token).toBe(fake.botToken);
  });

  it('waitFor resolves once the awaited call has arrived', async () => {
    const posted = post(fake);
    await fake.waitFor(() => fake.callsTo('chat.postMessage').length === 1);
    expect(fake.messages()).toHaveLength(1);
    await posted;
  });

  it('waitFor rejects after the timeout with a message listing the recent calls', async () => {
    await webClientFor(fake).auth.test();
    await expect(fake.waitFor(() => false, 50)).rejects.toThrow(/within 50ms[\s\S]*auth\.test/);
  });
});
