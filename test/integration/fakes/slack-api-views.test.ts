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
