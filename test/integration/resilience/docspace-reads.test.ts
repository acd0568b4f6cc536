import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, useHarness } from '../../helpers/harness.js';
import { commandText, logRecords, requestsTo, seedOps, writesIn } from './kit.js';

// Reads (show) while DocSpace misbehaves: a specific answer, retries only where the harness budget allows
// (DOCSPACE_MAX_RETRIES=2, so at most three attempts), and never a write.

const UNAVAILABLE = 'DocSpace is unavailable right now; nothing was changed. Try again in a moment.';
const UNEXPECTED =
  "DocSpace answered in a way the bot did not expect (while finding the group). An admin can find details in the bot's logs.";

describe('reads while DocSpace fails', () => {
  const h = useHarness();
  beforeEach(() => {
    h.docspace.reset();
    seedOps(h);
  });

  const groupSearches = () => requestsTo(h.docspace.requests, 'GET', '/api/2.0/group');

  it.each([500, 502, 503])('answers "unavailable" after three attempts when every read gets a %i', async (status) => {
    h.docspace.failNext(3, status);
    const text = await commandText(h, 'alice', 'show "Ops"');
    expect([text, groupSearches().map((r) => r.status)]).toEqual([UNAVAILABLE, [status, status, status]]);
  });

  it('shows the group when a read succeeds on its second attempt after a 503', async () => {
    h.docspace.failNext(1, 503);
    const text = await commandText(h, 'alice', 'show "Ops"');
    expect([text.includes('Ops'), text.includes('unavailable'), groupSearches()[0]?.status]).toEqual([
      true,
      false,
      503,
    ]);
  });

  it('names the wait DocSpace asked for after a 429 with a long Retry-After, and does not retry', async () => {
    h.docspace.rateLimitNext(1, 30);
    const text = await commandText(h, 'alice', 'show "Ops"');
    expect([text, h.docspace.requests.map((r) => r.status)]).toEqual([
      'DocSpace is limiting requests right now; nothing was changed. Try again in 30 seconds.',
      [429],
    ]);
  });

  it('repeats a read after a 429 whose Retry-After fits the retry budget, and shows the group', async () => {
    h.docspace.rateLimitNext(1, 0);
    const text = await commandText(h, 'alice', 'show "Ops"');
    expect([
      text.includes('Ops'),
      groupSearches()
        .map((r) => r.status)
        .slice(0, 2),
    ]).toEqual([true, [429, 200]]);
  });

  it('says DocSpace answered unexpectedly when a body is not JSON, without retrying', async () => {
    h.docspace.malformedNext(1);
    const text = await commandText(h, 'alice', 'show "Ops"');
    expect([text, h.docspace.requests.length]).toEqual([UNEXPECTED, 1]);
  });

  it("logs the detail of a malformed body, as the user's message promises", async () => {
    h.docspace.malformedNext(1);
    await commandText(h, 'alice', 'show "Ops"');
    const failure = logRecords(h).find(
      (r) => r['msg'] === 'DocSpace call failed' && r['code'] === 'unexpected_response',
    );
    expect([failure?.['operation'], String((failure?.['err'] as { message?: string })?.message)]).toEqual([
      'findGroupsByName',
      expect.stringContaining('not valid JSON'),
    ]);
  });

  it('says DocSpace answered unexpectedly when the body does not match the schema, and logs the drift', async () => {
    h.docspace.driftNext(1);
    const text = await commandText(h, 'alice', 'show "Ops"');
    const drift = logRecords(h).filter((r) => JSON.stringify(r['err'] ?? '').includes('schema drift'));
    expect([text, drift.length > 0]).toEqual([UNEXPECTED, true]);
  });

  it('never writes to DocSpace while answering reads that fail in every way', async () => {
    h.docspace.failNext(3, 500);
    h.docspace.rateLimitNext(1, 30);
    h.docspace.malformedNext(1);
    h.docspace.driftNext(1);
    for (let i = 0; i < 4; i++) await commandText(h, 'alice', 'show "Ops"');
    expect([h.docspace.requests.length >= 6, writesIn(h.docspace.requests)]).toEqual([true, []]);
  });
});

describe('reads while DocSpace is too slow', () => {
  const h = useHarness({ env: { DOCSPACE_TIMEOUT_MS: '300' } });
  beforeAll(async () => {
    seedOps(h);
  });

  it('answers "did not answer in time" after three timed-out attempts', async () => {
    h.docspace.hold();
    const text = await commandText(h, 'alice', 'show "Ops"');
    h.docspace.release();
    expect([text, groupSearchCount(h)]).toEqual([
      'DocSpace did not answer in time; nothing was changed. Try again in a moment.',
      3,
    ]);
  });
});

function groupSearchCount(h: Harness): number {
  return requestsTo(h.docspace.requests, 'GET', '/api/2.0/group').length;
}
