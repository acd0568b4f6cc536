import { describe, expect, it } from 'vitest';
import { approveRequest, cancelRequest, denyRequest } from '../../../../src/domain/approvals/decide.js';
import { expireDueRequests } from '../../../../src/domain/approvals/expire.js';
import type { RequestRepo } from '../../../../src/domain/ports.js';
import { askToAdd, callerOf, HOUR, withPendingRequest } from '../../../helpers/domain-fakes.js';

const setup = () => withPendingRequest({ requestTtlMs: 24 * HOUR });

describe('a decision on an expired request', () => {
  it('answers request_expired to an approval after expiresAt and writes nothing', async () => {
    const { deps, request } = await setup();
    deps.clock.advance(24 * HOUR);
    const result = await approveRequest(deps, callerOf('carol'), request.id);
    expect(result).toEqual({ ok: false, error: { code: 'request_expired', requestId: request.id } });
    expect(deps.docspace.writeCalls()).toEqual([]);
    expect((await deps.requests.get(request.id))?.status).toBe('expired');
  });

  it('updates the card and tells the requester when a late approval finds the request expired', async () => {
    const { deps, request } = await setup();
    deps.clock.advance(25 * HOUR);
    await approveRequest(deps, callerOf('carol'), request.id);
    expect(deps.notifier.updated.map((r) => r.status)).toEqual(['expired']);
    expect(deps.notifier.notified.map((r) => r.status)).toEqual(['expired']);
  });

  it('accepts an approval one millisecond before expiresAt', async () => {
    const { deps, request } = await setup();
    deps.clock.advance(24 * HOUR - 1);
    const result = await approveRequest(deps, callerOf('carol'), request.id);
    expect(result.ok && result.value.request.status).toBe('executed');
  });

  it('answers request_expired to a denial after expiresAt', async () => {
    const { deps, request } = await setup();
    deps.clock.advance(25 * HOUR);
    expect(await denyRequest(deps, callerOf('carol'), request.id, 'no')).toEqual({
      ok: false,
      error: { code: 'request_expired', requestId: request.id },
    });
  });

  it('answers request_expired again to a later click on an already expired request', async () => {
    const { deps, request } = await setup();
    deps.clock.advance(25 * HOUR);
    await approveRequest(deps, callerOf('carol'), request.id);
    const again = await approveRequest(deps, callerOf('dave'), request.id);
    expect(again).toEqual({ ok: false, error: { code: 'request_expired', requestId: request.id } });
    expect(deps.notifier.notified).toHaveLength(1);
  });
});

describe('a decision racing another caller on an overdue request', () => {
  it('answers already_decided, not request_expired, to an approval that lost to a cancel', async () => {
    const { deps, request } = await setup();
    deps.clock.advance(25 * HOUR);
    let raced = false;
    const racing: RequestRepo = {
      ...deps.requests,
      transition: async (id, t) => {
        if (t.to === 'expired' && !raced) {
          raced = true;
          await cancelRequest(deps, callerOf('alice'), id);
        }
        return deps.requests.transition(id, t);
      },
    };
    const result = await approveRequest({ ...deps, requests: racing }, callerOf('carol'), request.id);
    expect(!result.ok && result.error).toMatchObject({ code: 'already_decided', status: 'cancelled' });
  });
});

describe('expireDueRequests', () => {
  it('expires every pending request past its time and audits each one', async () => {
    const { deps, request } = await setup();
    const other = await askToAdd(deps, 'bob', 'pat');
    deps.clock.advance(24 * HOUR);
    expect(await expireDueRequests(deps)).toBe(2);
    expect((await deps.requests.get(request.id))?.status).toBe('expired');
    expect((await deps.requests.get(other.id))?.status).toBe('expired');
    const audit = await deps.audit.list({ limit: 10 });
    expect(audit.filter((e) => e.action === 'expire').map((e) => [e.requestId, e.actorSlackId])).toEqual([
      [other.id, null],
      [request.id, null],
    ]);
  });

  it('leaves requests that are not yet due pending', async () => {
    const { deps, request } = await setup();
    deps.clock.advance(23 * HOUR);
    expect(await expireDueRequests(deps)).toBe(0);
    expect((await deps.requests.get(request.id))?.status).toBe('pending');
  });

  it('expires nothing a second time', async () => {
    const { deps } = await setup();
    deps.clock.advance(24 * HOUR);
    await expireDueRequests(deps);
    expect(await expireDueRequests(deps)).toBe(0);
    expect(deps.notifier.notified).toHaveLength(1);
  });

  it('counts one expiry in total when two replicas sweep the same due request', async () => {
    const { deps } = await setup();
    deps.clock.advance(25 * HOUR);
    const listedByB = await deps.requests.listExpired(deps.clock.now(), 100);
    const byA = await expireDueRequests(deps);
    const replicaB = { ...deps, requests: { ...deps.requests, listExpired: async () => listedByB } };
    expect([byA, await expireDueRequests(replicaB)]).toEqual([1, 0]);
  });

  it('expires a request even when Slack cannot be told', async () => {
    const { deps, request } = await setup();
    deps.notifier.failOn('updateCard', 'notifyRequesters');
    deps.clock.advance(24 * HOUR);
    expect(await expireDueRequests(deps)).toBe(1);
    expect((await deps.requests.get(request.id))?.status).toBe('expired');
  });
});
