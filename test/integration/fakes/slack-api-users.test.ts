import { WebAPIPlatformError } from '@slack/web-api';
import { beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack-api-server.js';
import { PEOPLE, TEAM_ID } from '../../fixtures/people.js';
import { webClientFor } from './slack-test-kit.js';

let fake: FakeSlack;
beforeEach(async () => {
  fake = await startFakeSlack();
  return () => fake.close();
});

async function platformErrorOf(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  return (error as WebAPIPlatformError).data.error;
}

describe('fake Slack identity methods', () => {
  it('answers auth.test with the bot user, bot id and fixture team', async () => {
    const result = await webClientFor(fake).auth.test();
    expect(result).toMatchObject({ ok: true, team_id: TEAM_ID, user_id: fake.botUserId, bot_id: fake.botId });
    expect(result.url).toMatch(/^https:\/\//);
  });

  it('rejects a call made with another token as invalid_auth', async () => {
    expect(await platformErrorOf(webClientFor(fake, 'xoxb-wrong').auth.test())).toBe('invalid_auth');
  });

  it('logs the token a call carried, even when it was rejected', async () => {
    await webClientFor(fake, 'xoxb-wrong')
      .auth.test()
      .catch(() => undefined);
    expect(fake.callsTo('auth.test').map((c) => c.token)).toEqual(['xoxb-wrong']);
  });

  it('accepts the token as a form field when no Authorization header is sent', async () => {
    const res = await fetch(`${fake.apiUrl}auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: fake.botToken }).toString(),
    });
    expect(await res.json()).toMatchObject({ ok: true, user_id: fake.botUserId });
  });

  it('accepts a JSON body and answers with an application/json content type', async () => {
    const res = await fetch(`${fake.apiUrl}users.info`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user: PEOPLE.alice.slack.id }),
    });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ ok: true, user: { id: PEOPLE.alice.slack.id } });
  });

  it('answers unknown_method for a method the fake does not implement', async () => {
    expect(await platformErrorOf(webClientFor(fake).apiCall('usergroups.list'))).toBe('unknown_method');
  });
});

describe('fake Slack users.info', () => {
  it('returns the fixture profile with name, real name and e-mail', async () => {
    const { user } = await webClientFor(fake).users.info({ user: PEOPLE.alice.slack.id });
    expect(user).toMatchObject({
      id: PEOPLE.alice.slack.id,
      team_id: TEAM_ID,
      name: 'alice',
      real_name: 'Alice Archer',
      deleted: false,
      is_bot: false,
      profile: { email: 'alice@example.com', real_name: 'Alice Archer', display_name: 'alice' },
    });
  });

  it('omits profile.email for a person without an e-mail', async () => {
    const { user } = await webClientFor(fake).users.info({ user: PEOPLE.nora.slack.id });
    expect(user?.profile).not.toHaveProperty('email');
  });

  it('marks a deactivated account as deleted', async () => {
    const { user } = await webClientFor(fake).users.info({ user: PEOPLE.zed.slack.id });
    expect(user?.deleted).toBe(true);
  });

  it('marks a bot account with is_bot', async () => {
    const { user } = await webClientFor(fake).users.info({ user: PEOPLE.robo.slack.id });
    expect(user?.is_bot).toBe(true);
  });

  it('answers user_not_found for an id outside the fixtures', async () => {
    expect(await platformErrorOf(webClientFor(fake).users.info({ user: 'U0NOBODY01' }))).toBe('user_not_found');
  });

  it('serves only the people passed in options when a custom cast is given', async () => {
    const custom = await startFakeSlack({ people: [PEOPLE.bob] });
    onTestFinished(() => custom.close());
    const lookup = webClientFor(custom).users.info({ user: PEOPLE.alice.slack.id });
    expect(await platformErrorOf(lookup)).toBe('user_not_found');
  });
});

describe('fake Slack users.lookupByEmail', () => {
  it('finds a user whatever the case of the e-mail', async () => {
    const { user } = await webClientFor(fake).users.lookupByEmail({ email: 'mia.mixedcase@example.com' });
    expect(user?.id).toBe(PEOPLE.mia.slack.id);
  });

  it('answers users_not_found for a deactivated account, as Slack does', async () => {
    const lookup = webClientFor(fake).users.lookupByEmail({ email: 'zed@example.com' });
    expect(await platformErrorOf(lookup)).toBe('users_not_found');
  });

  it('answers users_not_found for an e-mail nobody in Slack has', async () => {
    const lookup = webClientFor(fake).users.lookupByEmail({ email: 'hal@example.com' });
    expect(await platformErrorOf(lookup)).toBe('users_not_found');
  });
});
