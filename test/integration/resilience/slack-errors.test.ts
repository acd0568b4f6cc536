import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackTeamId } from '../../../src/domain/model/ids.js';
import { TEAM_ID } from '../../fixtures/people.js';
import { type Harness, startHarness } from '../../helpers/harness.js';
import {
  ACTION_APPROVE,
  APPROVAL_CHANNEL,
  clickOnCard,
  commandText,
  fileRequest,
  logRecords,
  PEOPLE,
  requestIdIn,
  requestsTo,
  seedOps,
  storedRequest,
  waitForStatus,
  warmUp,
} from './kit.js';

// Slack Web API errors: logged with context, the user told where Slack still lets us, and the request state intact.

const ADD_BOB = `add "Ops" <@${PEOPLE.bob.slack.id}> reason: on call`;

describe('Slack failing the calls the bot makes', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    seedOps(h);
    await warmUp(h, 'alice', 'bob', 'dave');
  });
  afterEach(async () => {
    await h?.close();
  });

  const logged = (msg: string) => logRecords(h).filter((r) => r['msg'] === msg);
  const slackErrorOf = (record: Record<string, unknown> | undefined) =>
    (record?.['err'] as { slackError?: string } | undefined)?.slackError;

  it.each(['channel_not_found', 'invalid_auth'])(
    'keeps the request pending and tells the requester it is saved when the card post fails with %s',
    async (error) => {
      h.slack.failNext('chat.postMessage', error);
      const text = await commandText(h, 'alice', ADD_BOB);
      const request = await storedRequest(h, requestIdIn(text));
      expect([request.status, request.card, text]).toEqual([
        'pending',
        null,
        expect.stringMatching(/is saved, but I could not post it.*`\/docspace-group requests`/),
      ]);
    },
  );

  it('logs a failed card post with the request id and Slack error, as a warning since the channel is to blame', async () => {
    h.slack.failNext('chat.postMessage', 'channel_not_found');
    const id = requestIdIn(await commandText(h, 'alice', ADD_BOB));
    const record = logged('could not post the approval card')[0];
    expect([record?.['level'], record?.['requestId'], slackErrorOf(record)]).toEqual([40, id, 'channel_not_found']);
  });

  it('lists a request whose card could not be posted to approvers running `requests`', async () => {
    h.slack.failNext('chat.postMessage', 'channel_not_found');
    const id = requestIdIn(await commandText(h, 'alice', ADD_BOB));
    expect(await commandText(h, 'dave', 'requests')).toContain(id);
  });

  it('keeps the request pending, tells the requester and logs the wait when the card post is rate limited', async () => {
    h.slack.rateLimitNext('chat.postMessage', 1);
    const text = await commandText(h, 'alice', ADD_BOB);
    const request = await storedRequest(h, requestIdIn(text));
    const record = logged('could not post the approval card')[0];
    expect([request.status, text.includes('is saved'), record?.['requestId'], JSON.stringify(record)]).toEqual([
      'pending',
      true,
      request.id,
      expect.stringContaining('retry-after: 1'),
    ]);
  });

  it('tells the user to try again, and logs a warning, when views.open fails with expired_trigger_id', async () => {
    h.slack.failNext('views.open', 'expired_trigger_id');
    const text = await commandText(h, 'alice', '');
    const record = logRecords(h).find((r) => r['slackError'] === 'expired_trigger_id');
    expect([text, record?.['level'], record?.['command'], record?.['user']]).toEqual([
      'Slack did not open the form because it took too long to get ready. Please try again.',
      40,
      'open_menu',
      PEOPLE.alice.slack.id,
    ]);
  });

  it('executes an approved request once when every chat.update of its card fails', async () => {
    const id = await fileRequest(h);
    h.slack.failNext('chat.update', 'message_not_found', 5);
    await clickOnCard(h, 'dave', ACTION_APPROVE, id);
    const request = await waitForStatus(h, id, ['executed', 'failed']);
    await h.slack.waitFor(() => h.slack.dms(PEOPLE.alice.slack.id).some((m) => m.text.includes(id)));
    // A quick execution updates the card once, straight to its outcome (no interim "applying" update).
    const records = logged('could not update the approval card').filter((r) => r['requestId'] === id);
    expect([request.status, requestsTo(h.docspace.requests, 'PUT', '/members').length, records.length]).toEqual([
      'executed',
      1,
      1,
    ]);
  });

  it('answers a second Approve on a card left stale by a failed update with "already decided", writing nothing', async () => {
    const id = await fileRequest(h);
    h.slack.failNext('chat.update', 'message_not_found', 5);
    await clickOnCard(h, 'dave', ACTION_APPROVE, id);
    await waitForStatus(h, id, ['executed']);
    const again = await clickOnCard(h, 'dave', ACTION_APPROVE, id);
    const reply = await h.reply(again.responseId);
    expect([String(reply['text']), requestsTo(h.docspace.requests, 'PUT', '/members').length]).toEqual([
      expect.stringContaining(`Request \`${id}\` was already decided`),
      1,
    ]);
  });

  it('executes an approved request once and logs it when the chat.update of its card is rate limited', async () => {
    const id = await fileRequest(h);
    h.slack.rateLimitNext('chat.update', 1);
    await clickOnCard(h, 'dave', ACTION_APPROVE, id);
    const request = await waitForStatus(h, id, ['executed', 'failed']);
    // The card is updated after the outcome is stored: wait for that update's failure to be logged.
    await h.slack.waitFor(() => logged('could not update the approval card').some((r) => r['requestId'] === id));
    const records = logged('could not update the approval card').filter((r) => r['requestId'] === id);
    expect([request.status, requestsTo(h.docspace.requests, 'PUT', '/members').length, records.length]).toEqual([
      'executed',
      1,
      1,
    ]);
  });

  it('executes an approved request and logs it when the requester cannot be sent a DM', async () => {
    const id = await fileRequest(h);
    h.slack.failNext('conversations.open', 'cannot_dm_bot');
    await clickOnCard(h, 'dave', ACTION_APPROVE, id);
    const request = await waitForStatus(h, id, ['executed', 'failed']);
    await h.slack.waitFor(() => logged('could not notify the requester').length > 0);
    expect([request.status, slackErrorOf(logged('could not notify the requester')[0])]).toEqual([
      'executed',
      'cannot_dm_bot',
    ]);
  });

  it('apologises with an id that is in the error log when users.info fails with invalid_auth', async () => {
    h.slack.failNext('users.info', 'invalid_auth');
    const text = await commandText(h, 'mia', ADD_BOB);
    const id = /`([0-9a-f]{8})`/.exec(text)?.[1];
    const record = logRecords(h).find((r) => r['correlationId'] === id);
    const pending = await h.container.storage.requests.listPending(TEAM_ID as SlackTeamId, { limit: 10 });
    expect([text.startsWith('Sorry, something went wrong'), record?.['level'], slackErrorOf(record)]).toEqual([
      true,
      50,
      'invalid_auth',
    ]);
    expect([pending, h.slack.messages(APPROVAL_CHANNEL)]).toEqual([[], []]);
  });
});
