import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeDocSpace, startFakeDocSpace } from '../../fakes/docspace-server.js';
import { type Harness, startHarness } from '../../helpers/harness.js';
import { auditTrail, commandText, PEOPLE, requestsTo, seedOps, warmUp, writesIn } from './kit.js';
import { startWriteFaultProxy, type WriteFaultProxy } from './write-fault-proxy.js';

// An admin's direct change (owner: `manager "Ops" @bob`, one PUT) while DocSpace fails on the write itself.
// Writes are retried only after a 429; the audit never says "succeeded" for a change DocSpace did not confirm.

const CHANGE = `manager "Ops" <@${PEOPLE.bob.slack.id}>`;
const MAY_NOT =
  'the change may not have been applied. Check with `/docspace-group show &lt;group&gt;` before trying again.';

describe("an admin's direct change while DocSpace fails the write", () => {
  let docspace: FakeDocSpace;
  let proxy: WriteFaultProxy;
  let h: Harness;
  let groupId: string;
  beforeAll(async () => {
    docspace = await startFakeDocSpace();
    proxy = await startWriteFaultProxy(docspace.url);
    h = await startHarness({ docspace, env: { DOCSPACE_URL: proxy.url, DOCSPACE_TIMEOUT_MS: '1000' } });
    await warmUp(h, 'owner', 'bob');
  });
  afterAll(async () => {
    await h?.close();
    await proxy?.close();
    await docspace?.close();
  });
  beforeEach(() => {
    docspace.reset();
    proxy.writes.length = 0;
    proxy.releaseWriteAnswers();
    groupId = seedOps(h).id;
  });

  const managerPuts = () => requestsTo(docspace.requests, 'PUT', '/manager');
  const managerNow = () => docspace.getGroup(groupId)?.managerId;
  const lastAudit = async () => (await auditTrail(h)).at(-1);

  it.each([500, 502, 503])('sends the write once, says it may not have applied, after a %i', async (status) => {
    docspace.failNext(1, status, { method: 'PUT' });
    const text = await commandText(h, 'owner', CHANGE);
    expect([text, managerPuts().length]).toEqual([
      `DocSpace reported an error (while changing the manager); ${MAY_NOT}`,
      1,
    ]);
  });

  it('audits a write that got a 502 as failed, with the status, and leaves the group as it was', async () => {
    docspace.failNext(1, 502, { method: 'PUT' });
    await commandText(h, 'owner', CHANGE);
    const entry = await lastAudit();
    expect([entry?.action, entry?.outcome, entry?.detail, managerNow()]).toEqual([
      'set_manager',
      'failed',
      expect.stringMatching(/^server_error: .*502/),
      PEOPLE.alice.docspace.id,
    ]);
  });

  it('does not repeat a write that timed out, says it may not have applied, and audits it as failed', async () => {
    proxy.holdWriteAnswers();
    const text = await commandText(h, 'owner', CHANGE);
    const entry = await lastAudit();
    expect([text, managerPuts().length, entry?.outcome, entry?.detail?.startsWith('timeout:')]).toEqual([
      `DocSpace did not answer (while changing the manager); ${MAY_NOT}`,
      1,
      'failed',
      true,
    ]);
  });

  it('repeats a write after a 429 without Retry-After and reports the change done', async () => {
    docspace.failNext(1, 429, { method: 'PUT' });
    const text = await commandText(h, 'owner', CHANGE);
    expect([text.includes('Changed the manager of *Ops*'), managerPuts().map((r) => r.status), managerNow()]).toEqual([
      true,
      [429, 200],
      PEOPLE.bob.docspace.id,
    ]);
  });

  it('repeats a write after a 429 whose Retry-After fits the retry budget, and audits one success', async () => {
    proxy.faultNextWrites(1, { kind: 'rate_limit', retryAfterSeconds: 0 });
    await commandText(h, 'owner', CHANGE);
    const entry = await lastAudit();
    expect([proxy.writes.map((w) => w.status), managerPuts().length, entry?.outcome]).toEqual([
      [429, 200],
      1,
      'succeeded',
    ]);
  });

  it('gives up on a write after a 429 with a long Retry-After, names the wait and audits a failure', async () => {
    proxy.faultNextWrites(1, { kind: 'rate_limit', retryAfterSeconds: 30 });
    const text = await commandText(h, 'owner', CHANGE);
    const entry = await lastAudit();
    expect([text, proxy.writes.length, managerPuts().length, entry?.outcome, managerNow()]).toEqual([
      'DocSpace is limiting requests right now; nothing was changed. Try again in 30 seconds.',
      1,
      0,
      'failed',
      PEOPLE.alice.docspace.id,
    ]);
  });

  it.each([{ kind: 'malformed' }, { kind: 'drift' }] as const)(
    'warns that a write answered with a $kind body may have been applied, and audits a failure',
    async (fault) => {
      proxy.faultNextWrites(1, fault);
      const text = await commandText(h, 'owner', CHANGE);
      const entry = await lastAudit();
      const audited = [entry?.outcome, entry?.detail?.startsWith('unexpected_response:')];
      expect([text, managerPuts().length, managerNow(), ...audited]).toEqual([
        expect.stringContaining('(while changing the manager); the change may have been applied.'),
        1,
        PEOPLE.bob.docspace.id,
        'failed',
        true,
      ]);
    },
  );

  it('says nothing was changed when the look-ups before the write fail', async () => {
    docspace.failNext(3, 503, { method: 'GET' });
    const text = await commandText(h, 'owner', 'create "Night Shift"');
    expect([writesIn(docspace.requests), text]).toEqual([[], expect.stringContaining('nothing was changed')]);
  });
});
