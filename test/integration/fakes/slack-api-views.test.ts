import { WebAPIPlatformError } from '@slack/web-api';
import { beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack-api-server.js';
import { webClientFor } from './slack-test-kit.js';

let fake: FakeSlack;
beforeEach(async () => {
  fake = await startFakeSlack();
  return () => fake.close();
});

const modal = (title: string, callbackId = 'grp_request') => ({
  type: 'modal' as const,
  callback_id: callbackId,
  private_metadata: '{"k":1}',
  title: { type: 'plain_text' as const, text: title },
  blocks: [],
});

async function errorCodeOf(call: Promise<unknown>): Promise<string | undefined> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof WebAPIPlatformError ? error.data.error : undefined;
}

describe('fake Slack views', () => {
  it('opens a view and echoes it back with a V… id and a hash', async () => {
    const { view } = await webClientFor(fake).views.open({ trigger_id: 'trig-1', view: modal('Loading') });
    expect(view).toMatchObject({
      id: expect.stringMatching(/^V/),
      hash: expect.any(String),
      callback_id: 'grp_request',
    });
    expect(view).toMatchObject({ private_metadata: '{"k":1}', title: { text: 'Loading' }, state: { values: {} } });
  });

  it('lists an opened view with its trigger id', async () => {
    const { view } = await webClientFor(fake).views.open({ trigger_id: 'trig-1', view: modal('Loading') });
    expect(fake.views()).toMatchObject([{ id: view?.id, triggerId: 'trig-1', view: { title: { text: 'Loading' } } }]);
  });

  it('refuses views.open without a trigger id', async () => {
    const open = webClientFor(fake).apiCall('views.open', { view: modal('x') });
    expect(await errorCodeOf(open)).toBe('invalid_trigger_id');
  });

  it('replaces the view content on views.update and issues a new hash', async () => {
    const client = webClientFor(fake);
    const opened = await client.views.open({ trigger_id: 't', view: modal('Loading') });
    const id = opened.view?.id ?? '';
    const updated = await client.views.update({ view_id: id, hash: opened.view?.hash ?? '', view: modal('Ready') });
    expect(updated.view?.hash).not.toBe(opened.view?.hash);
    expect(fake.views()).toMatchObject([{ id, view: { title: { text: 'Ready' } } }]);
  });

  it('refuses views.update with a stale hash as hash_conflict', async () => {
    const client = webClientFor(fake);
    const opened = await client.views.open({ trigger_id: 't', view: modal('Loading') });
    const id = opened.view?.id ?? '';
    await client.views.update({ view_id: id, view: modal('Ready') });
    const stale = client.views.update({ view_id: id, hash: opened.view?.hash ?? '', view: modal('Again') });
    expect(await errorCodeOf(stale)).toBe('hash_conflict');
  });

  it('answers not_found to views.update for an unknown view id', async () => {
    expect(await errorCodeOf(webClientFor(fake).views.update({ view_id: 'V0NOPE', view: modal('x') }))).toBe(
      'not_found',
    );
  });

  it('pushes a second view whose root and previous view are the opened one', async () => {
    const client = webClientFor(fake);
    const opened = await client.views.open({ trigger_id: 't1', view: modal('Root') });
    const pushed = await client.views.push({ trigger_id: 't2', view: modal('Details', 'grp_details') });
    expect(pushed.view).toMatchObject({ root_view_id: opened.view?.id, previous_view_id: opened.view?.id });
    expect(fake.views().map((v) => v.view['callback_id'])).toEqual(['grp_request', 'grp_details']);
  });
});

describe('fake Slack App Home (views.publish)', () => {
  const home = (text: string) => ({
    type: 'home' as const,
    blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text } }],
  });

  it('keeps the last Home published for each user, under one view id', async () => {
    const client = webClientFor(fake);
    const first = await client.views.publish({ user_id: 'U0ALICE001', view: home('one') });
    const second = await client.views.publish({ user_id: 'U0ALICE001', view: home('two') });
    expect(second.view?.id).toBe(first.view?.id);
    expect(JSON.stringify(fake.homeOf('U0ALICE001')?.view['blocks'])).toContain('two');
    expect(fake.homeOf('U0BOB00001')).toBeUndefined();
  });

  it('refuses a view that is not a Home, and a stale hash', async () => {
    const client = webClientFor(fake);
    expect(await errorCodeOf(client.views.publish({ user_id: 'U0ALICE001', view: modal('x') as never }))).toBe(
      'invalid_arguments',
    );
    await client.views.publish({ user_id: 'U0ALICE001', view: home('one') });
    expect(await errorCodeOf(client.views.publish({ user_id: 'U0ALICE001', hash: 'stale', view: home('two') }))).toBe(
      'hash_conflict',
    );
  });

  it('refuses a Home over 100 blocks like Slack does', async () => {
    const blocks = Array.from({ length: 101 }, () => ({ type: 'divider' as const }));
    const client = webClientFor(fake);
    expect(await errorCodeOf(client.views.publish({ user_id: 'U0ALICE001', view: { type: 'home', blocks } }))).toBe(
      'invalid_arguments',
    );
  });
});
