import { describe, expect, it } from 'vitest';
import { retryRequest } from '../../../../src/domain/approvals/decide.js';
import { INTERRUPTED_OUTCOME, recoverInterrupted } from '../../../../src/domain/approvals/recover.js';
import type { ChangeRequest } from '../../../../src/domain/model/request.js';
import { callerOf, type DomainTestDeps, MINUTE, slackIdOf, withPendingRequest } from '../../../helpers/domain-fakes.js';

const THRESHOLD = 15 * MINUTE;

/** What storage holds when the bot crashed between approving and hearing back from DocSpace. */
async function approvedThenCrashed(deps: DomainTestDeps, request: ChangeRequest) {
  const approved = await deps.requests.transition(request.id, {
    from: ['pending'],
    to: 'approved',
    at: deps.clock.now(),
    decidedBy: slackIdOf('carol'),
    startAttempt: { maxAttempts: 2 },
  });
  expect(approved?.status).toBe('approved');
}

async function setup() {
  const { deps, request } = await withPendingRequest();
  await approvedThenCrashed(deps, request);
  return { deps, request };
}

describe('recoverInterrupted', () => {
  it('fails a request left approved longer than the threshold, with the interrupted outcome', async () => {
    const { deps, request } = await setup();
    deps.clock.advance(THRESHOLD + 1);
    expect(await recoverInterrupted(deps, THRESHOLD)).toBe(1);
    expect(await deps.requests.get(request.id)).toMatchObject({
      status: 'failed',
      outcome: INTERRUPTED_OUTCOME,
      attempts: 1,
    });
  });

  it('does not execute the interrupted change again', async () => {
    const { deps } = await setup();
    deps.clock.advance(THRESHOLD + 1);
    await recoverInterrupted(deps, THRESHOLD);
    expect(deps.docspace.writeCalls()).toEqual([]);
  });

  it('audits the recovery as the bot and tells the requester', async () => {
    const { deps, request } = await setup();
    deps.clock.advance(THRESHOLD + 1);
    await recoverInterrupted(deps, THRESHOLD);
    const [latest] = await deps.audit.list({ limit: 1 });
    expect(latest).toMatchObject({ action: 'recover', actorSlackId: null, requestId: request.id, outcome: 'failed' });
    expect(deps.notifier.notified.map((r) => r.status)).toEqual(['failed']);
  });

  it('leaves a request approved more recently than the threshold alone', async () => {
    const { deps, request } = await setup();
    deps.clock.advance(THRESHOLD - 1);
    expect(await recoverInterrupted(deps, THRESHOLD)).toBe(0);
    expect((await deps.requests.get(request.id))?.status).toBe('approved');
  });

  it('recovers each interrupted request only once', async () => {
    const { deps } = await setup();
    deps.clock.advance(THRESHOLD + 1);
    await recoverInterrupted(deps, THRESHOLD);
    expect(await recoverInterrupted(deps, THRESHOLD)).toBe(0);
  });

  it('lets an approver Retry a recovered request once', async () => {
    const { deps, request } = await setup();
    deps.clock.advance(THRESHOLD + 1);
    await recoverInterrupted(deps, THRESHOLD);
    const result = await retryRequest(deps, callerOf('dave'), request.id);
    expect(result.ok && result.value.request).toMatchObject({ status: 'executed', attempts: 2 });
    expect(deps.docspace.writeCalls()).toEqual(['addMembers']);
  });
});
