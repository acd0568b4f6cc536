import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeDocSpace, startFakeDocSpace } from '../../fakes/docspace-server.js';
import { type Harness, startHarness } from '../../helpers/harness.js';
import {
  ACTION_APPROVE,
  ACTION_RETRY,
  auditTrail,
  buttonsOf,
  cardOf,
  clickOnCard,
  fileRequest,
  PEOPLE,
  requestsTo,
  seedOps,
  waitForStatus,
  warmUp,
  writesIn,
} from './kit.js';
import { startWriteFaultProxy, type WriteFaultProxy } from './write-fault-proxy.js';

// alice asks to add bob to Ops; dave approves while DocSpace fails. The request must end `failed` with a Retry
// button, the audit must say what happened, and no change may run twice.

describe('a request approved while DocSpace fails', () => {
  let docspace: FakeDocSpace;
  let proxy: WriteFaultProxy;
  let h: Harness;
  let groupId: string;
  let id: string;
  beforeAll(async () => {
    docspace = await startFakeDocSpace();
    proxy = await startWriteFaultProxy(docspace.url);
    h = await startHarness({ docspace, env: { DOCSPACE_URL: proxy.url, DOCSPACE_TIMEOUT_MS: '1000' } });
    await warmUp(h, 'alice', 'bob', 'dave');
  });
  afterAll(async () => {
    await h?.close();
    await proxy?.close();
    await docspace?.close();
  });
  beforeEach(async () => {
    docspace.reset();
    proxy.releaseWriteAnswers();
    proxy.writes.length = 0;
    groupId = seedOps(h).id;
    id = await fileRequest(h);
  });

  const memberPuts = () => requestsTo(docspace.requests, 'PUT', '/members');
  const bobIsMember = () => docspace.getGroup(groupId)?.memberIds.includes(PEOPLE.bob.docspace.id);
  const approve = async () => {
    await clickOnCard(h, 'dave', ACTION_APPROVE, id);
    return waitForStatus(h, id, ['executed', 'failed']);
  };
  const retryButtonShown = () => h.slack.waitFor(() => buttonsOf(cardOf(h.slack, id)).includes(ACTION_RETRY));

  it.each([500, 502, 503])(
    'ends failed with a Retry button after the write got a %i, having sent it once',
    async (status) => {
      docspace.failNext(1, status, { method: 'PUT' });
      const request = await approve();
      await retryButtonShown();
      expect([request.status, request.attempts, memberPuts().length, bobIsMember()]).toEqual(['failed', 1, 1, false]);
    },
  );

  it('audits the request, the approval and the failed write with its status', async () => {
    docspace.failNext(1, 503, { method: 'PUT' });
    await approve();
    const trail = (await auditTrail(h, id)).map((e) => [e.action, e.outcome]);
    const failed = (await auditTrail(h, id)).at(-1)?.detail;
    expect([trail, failed]).toEqual([
      [
        ['request', 'recorded'],
        ['approve', 'recorded'],
        ['members', 'failed'],
      ],
      expect.stringMatching(/^server_error: .*503/),
    ]);
  });

  it('tells the approver who clicked, and the requester by DM, that it failed', async () => {
    docspace.failNext(1, 503, { method: 'PUT' });
    const click = await clickOnCard(h, 'dave', ACTION_APPROVE, id);
    const reply = await h.reply(click.responseId);
    await h.slack.waitFor(() => h.slack.dms(PEOPLE.alice.slack.id).some((m) => m.text.includes(id)));
    const dm = h.slack
      .dms(PEOPLE.alice.slack.id)
      .filter((m) => m.text.includes(id))
      .at(-1);
    expect([
      String(reply['text']).includes('DocSpace reported an error (while changing the members)'),
      dm?.text,
    ]).toEqual([true, expect.stringMatching(/fail/i)]);
  });

  it('executes once on Retry after the failure, and audits the retry and the success', async () => {
    docspace.failNext(1, 503, { method: 'PUT' });
    await approve();
    await retryButtonShown();
    await clickOnCard(h, 'dave', ACTION_RETRY, id);
    const request = await waitForStatus(h, id, ['executed']);
    const trail = (await auditTrail(h, id)).map((e) => [e.action, e.outcome]).slice(2);
    expect([request.attempts, memberPuts().map((r) => r.status), bobIsMember(), trail]).toEqual([
      2,
      [503, 200],
      true,
      [
        ['members', 'failed'],
        ['retry', 'recorded'],
        ['members', 'succeeded'],
      ],
    ]);
  });

  it('ends failed when the write timed out, and a Retry then finds the change made and writes nothing', async () => {
    proxy.holdWriteAnswers();
    const failed = await approve();
    proxy.releaseWriteAnswers();
    await retryButtonShown();
    await clickOnCard(h, 'dave', ACTION_RETRY, id);
    const retried = await waitForStatus(h, id, ['executed', 'failed']);
    expect([failed.outcome, retried.status, retried.outcome, memberPuts().length, bobIsMember()]).toEqual([
      'DocSpace did not confirm the change (timeout); it may or may not have been applied. Retry re-reads the group and applies only what is missing.',
      'executed',
      expect.stringMatching(/^Nothing to change/),
      1,
      true,
    ]);
  });

  it('ends failed with Retry, having reached DocSpace with no write, after a 429 with a long Retry-After', async () => {
    proxy.faultNextWrites(1, { kind: 'rate_limit', retryAfterSeconds: 30 });
    const request = await approve();
    await retryButtonShown();
    expect([request.status, proxy.writes.map((w) => w.status), memberPuts().length]).toEqual(['failed', [429], 0]);
  });

  it.each([{ kind: 'malformed' }, { kind: 'drift' }] as const)(
    'ends failed with Retry when the applied write was answered with a $kind body, and a Retry writes nothing',
    async (fault) => {
      proxy.faultNextWrites(1, fault);
      const failed = await approve();
      await retryButtonShown();
      await clickOnCard(h, 'dave', ACTION_RETRY, id);
      const retried = await waitForStatus(h, id, ['executed', 'failed']);
      expect([failed.status, retried.status, retried.outcome, memberPuts().length, bobIsMember()]).toEqual([
        'failed',
        'executed',
        expect.stringMatching(/^Nothing to change/),
        1,
        true,
      ]);
    },
  );

  it('ends failed with Retry and writes nothing when the re-read before the write keeps failing', async () => {
    docspace.failNext(3, 500, { method: 'GET' });
    const request = await approve();
    await retryButtonShown();
    expect([request.status, writesIn(docspace.requests)]).toEqual(['failed', []]);
  });

  it('audits a failure when the re-read before the write keeps failing', async () => {
    docspace.failNext(3, 500, { method: 'GET' });
    await approve();
    const last = (await auditTrail(h, id)).at(-1);
    expect(last?.outcome).toBe('failed');
  });
});
