import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackTeamId } from '../../../src/domain/model/ids.js';
import type { ChangeRequest } from '../../../src/domain/model/request.js';
import { type FakeDocSpace, startFakeDocSpace } from '../../fakes/docspace-server.js';
import { TEAM_ID } from '../../fixtures/people.js';
import { type Harness, startHarness } from '../../helpers/harness.js';
import {
  ACTION_APPROVE,
  ACTION_RETRY,
  APPROVAL_CHANNEL,
  auditTrail,
  buttonsOf,
  cardOf,
  clickOnCard,
  closedPortUrl,
  commandText,
  fileRequest,
  logRecords,
  PEOPLE,
  seedOps,
  waitForStatus,
  warmUp,
  writesIn,
} from './kit.js';

// DocSpace refuses connections: at start-up (the bot starts and says so), for reads, for changes, and while a
// request waits for approval.

describe('the bot started while DocSpace refuses connections', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { DOCSPACE_URL: await closedPortUrl() } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('starts anyway, warns in the log naming DOCSPACE_URL, stays live and reports DocSpace unreachable on /readyz', async () => {
    const live = await fetch(`${h.baseUrl}/healthz`);
    const ready = await fetch(`${h.baseUrl}/readyz`);
    const report = (await ready.json()) as { failed?: string[]; checks?: Record<string, string> };
    const warning = logRecords(h).find((r) => r['variable'] === 'DOCSPACE_URL');
    expect([
      live.status,
      ready.status,
      report.failed,
      report.checks?.['docspace'],
      warning?.['level'],
      warning?.['msg'],
    ]).toEqual([
      200,
      503,
      ['docspace'],
      'unreachable',
      40,
      expect.stringMatching(
        /^DOCSPACE_URL: DocSpace at http:\/\/127\.0\.0\.1:\d+ cannot be checked right now \(network\)\. Starting anyway/,
      ),
    ]);
  });

  it('answers a read with "unavailable, nothing was changed"', async () => {
    expect(await commandText(h, 'alice', 'show "Ops"')).toBe(
      'DocSpace is unavailable right now; nothing was changed. Try again in a moment.',
    );
  });

  it("answers an admin's change with a DocSpace failure and audits nothing as done", async () => {
    const text = await commandText(h, 'owner', 'create "Night Shift"');
    const audit = await h.container.storage.audit.list({ teamId: TEAM_ID as SlackTeamId, limit: 50 });
    expect([text.includes('nothing was changed'), audit.filter((e) => e.outcome === 'succeeded')]).toEqual([true, []]);
  });

  it("answers a requester's change with a DocSpace failure and stores no request and posts no card", async () => {
    const text = await commandText(h, 'alice', `add "Ops" <@${PEOPLE.bob.slack.id}>`);
    const pending = await h.container.storage.requests.listPending(TEAM_ID as SlackTeamId, { limit: 10 });
    expect([text.includes('nothing was changed'), pending, h.slack.messages(APPROVAL_CHANNEL)]).toEqual([true, [], []]);
  });
});

describe('DocSpace going away while a request waits for approval', () => {
  let docspace: FakeDocSpace;
  let h: Harness;
  let id: string;
  let request: ChangeRequest;
  let reply: Record<string, unknown>;
  beforeAll(async () => {
    docspace = await startFakeDocSpace();
    h = await startHarness({ docspace });
    seedOps(h);
    await warmUp(h, 'alice', 'bob', 'dave');
    id = await fileRequest(h);
    await docspace.close();
    const click = await clickOnCard(h, 'dave', ACTION_APPROVE, id);
    request = await waitForStatus(h, id, ['executed', 'failed']);
    reply = await h.reply(click.responseId);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('ends the approved request failed, with a Retry button on its card', async () => {
    await h.slack.waitFor(() => buttonsOf(cardOf(h.slack, id)).includes(ACTION_RETRY));
    expect([request.status, request.attempts]).toEqual(['failed', 1]);
  });

  it('tells the approver that nothing was changed', () => {
    expect(reply['text']).toBe('DocSpace is unavailable right now; nothing was changed. Try again in a moment.');
  });

  it('sends no write and audits no change as succeeded', async () => {
    const trail = await auditTrail(h, id);
    expect([writesIn(docspace.requests), trail.filter((e) => e.outcome === 'succeeded')]).toEqual([[], []]);
  });
});
