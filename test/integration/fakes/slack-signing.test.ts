import { describe, expect, it, onTestFinished } from 'vitest';
import { formEncodeCommand, slashCommand } from '../../fakes/payloads.js';
import { sendSigned } from '../../fakes/send-to-app.js';
import { signSlackRequest } from '../../fakes/signing.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack-api-server.js';
import { PEOPLE } from '../../fixtures/people.js';
import { type RunningBoltApp, startBoltApp } from './slack-test-kit.js';

// Slack's documented example (api.slack.com/docs/verifying-requests-from-slack), also in bolt-js ExpressReceiver.spec.ts.
const GOLDEN = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: 1531420618,
  body:
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar' +
    '&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com' +
    '%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};

describe('signSlackRequest', () => {
  it("reproduces the signature of Slack's documented golden example", () => {
    const headers = signSlackRequest(GOLDEN.secret, GOLDEN.body, GOLDEN.timestamp);
    expect(headers['x-slack-signature']).toBe(GOLDEN.signature);
  });

  it('sends the exact form content type, without a charset, and the timestamp it signed', () => {
    expect(signSlackRequest('s', 'a=1', 1700000000)).toMatchObject({
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': '1700000000',
    });
  });

  it('defaults the timestamp to the current unix second', () => {
    const before = Math.floor(Date.now() / 1000);
    const ts = Number(signSlackRequest('s', 'a=1')['x-slack-request-timestamp']);
    const after = Math.floor(Date.now() / 1000);
    expect([before <= ts, ts <= after]).toEqual([true, true]);
  });
});

interface Arranged {
  fake: FakeSlack;
  bolt: RunningBoltApp;
  runs: { count: number };
  commandBody(responseId: string): string;
}

/** A fake Slack plus a Bolt app whose /docspace-group listener acks and responds 'hi', counting its runs. */
async function arrange(): Promise<Arranged> {
  const fake = await startFakeSlack();
  onTestFinished(() => fake.close());
  const runs = { count: 0 };
  const bolt = await startBoltApp(fake, (app) => {
    app.command('/docspace-group', async ({ ack, respond }) => {
      runs.count += 1;
      await ack();
      await respond('hi');
    });
  });
  onTestFinished(() => bolt.stop());
  const commandBody = (responseId: string) =>
    formEncodeCommand(
      slashCommand({ text: 'help', userId: PEOPLE.alice.slack.id, responseUrl: fake.responseUrl(responseId) }),
    );
  return { fake, bolt, runs, commandBody };
}

describe('Bolt HTTPReceiver against signed requests', () => {
  it('accepts a signed slash command with 200, and respond() reaches the response_url sink', async () => {
    const { fake, bolt, commandBody } = await arrange();
    const result = await sendSigned(bolt.eventsUrl, commandBody('c1'), { signingSecret: bolt.signingSecret });
    expect(result.status).toBe(200);
    await fake.waitFor(() => fake.responsesTo('c1').length === 1);
    expect(fake.responsesTo('c1')[0]?.body).toMatchObject({ text: 'hi' });
  });

  it('answers 401 to a forged signature and never runs the listener', async () => {
    const { bolt, runs, commandBody } = await arrange();
    const forged = `v0=${'0'.repeat(64)}`;
    const options = { signingSecret: bolt.signingSecret, signature: forged };
    const result = await sendSigned(bolt.eventsUrl, commandBody('c2'), options);
    expect([result.status, runs.count]).toEqual([401, 0]);
  });

  it('answers 401 to a request signed with another secret', async () => {
    const { bolt, runs, commandBody } = await arrange();
    const result = await sendSigned(bolt.eventsUrl, commandBody('c3'), { signingSecret: 'not-the-secret' });
    expect([result.status, runs.count]).toEqual([401, 0]);
  });

  it('answers 401 to a correctly signed request whose timestamp is six minutes old', async () => {
    const { bolt, runs, commandBody } = await arrange();
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const options = { signingSecret: bolt.signingSecret, timestamp: sixMinutesAgo };
    const result = await sendSigned(bolt.eventsUrl, commandBody('c4'), options);
    expect([result.status, runs.count]).toEqual([401, 0]);
  });

  it('answers 400 when the content type carries a charset, which is why signing sets it exactly', async () => {
    const { bolt, runs, commandBody } = await arrange();
    const headers = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
    const result = await sendSigned(bolt.eventsUrl, commandBody('c5'), { signingSecret: bolt.signingSecret, headers });
    expect([result.status, runs.count]).toEqual([400, 0]);
  });
});
