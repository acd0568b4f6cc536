import { describe, expect, it } from 'vitest';
import { approveRequest, cancelRequest, denyRequest } from '../../../../src/domain/approvals/decide.js';
import {
  askToAdd,
  callerOf,
  docspaceIdOf,
  makeDomainDeps,
  seedDevTeam,
  slackIdOf,
  withPendingRequest,
} from '../../../helpers/domain-fakes.js';

describe('approveRequest', () => {
  it('executes the change with one DocSpace write and stores the request as executed', async () => {
    const { deps, group, request } = await withPendingRequest();
    const result = await approveRequest(deps, callerOf('carol'), request.id);
    expect(result.ok && result.value.request.status).toBe('executed');
    expect(deps.docspace.writeCalls()).toEqual(['addMembers']);
    expect(deps.docspace.peekGroup(group.id)?.members.map((m) => m.id)).toContain(docspaceIdOf('erin'));
    expect(await deps.requests.get(request.id)).toMatchObject({
      status: 'executed',
      decidedBy: slackIdOf('carol'),
      attempts: 1,
      outcome: 'Development Team: manager Alice Archer, 3 members.',
    });
  });

  it('audits the approval and the execution on behalf of the requester', async () => {
    const { deps, request } = await withPendingRequest();
    await approveRequest(deps, callerOf('carol'), request.id);
    const entries = (await deps.audit.list({ limit: 10 })).reverse();
    expect(entries.map((e) => [e.action, e.actorSlackId, e.onBehalfOf, e.outcome])).toEqual([
      ['request', slackIdOf('alice'), [], 'recorded'],
      ['approve', slackIdOf('carol'), [slackIdOf('alice')], 'recorded'],
      ['members', slackIdOf('carol'), [slackIdOf('alice')], 'succeeded'],
    ]);
  });

  it('updates the card once, straight to the outcome, and tells the requester when the change is quick', async () => {
    const { deps, request } = await withPendingRequest();
    await approveRequest(deps, callerOf('carol'), request.id);
    expect(deps.notifier.updated.map((r) => r.status)).toEqual(['executed']);
    expect(deps.notifier.notified.map((r) => r.status)).toEqual(['executed']);
  });

  it('shows an "approved, applying" card first when the change takes longer than the interim delay', async () => {
    const { deps: base, request } = await withPendingRequest();
    // The group read answers only once the interim card is on screen: the change is slow by construction.
    let interimShown = () => {};
    const shown = new Promise<void>((resolve) => {
      interimShown = resolve;
    });
    const update = base.notifier.updateCard.bind(base.notifier);
    const notifier = Object.assign(base.notifier, {
      updateCard: async (r: Parameters<typeof update>[0]) => {
        await update(r);
        interimShown();
      },
    });
    const read = base.docspace.getGroup.bind(base.docspace);
    const slowRead: typeof read = async (...args) => {
      await shown;
      return read(...args);
    };
    const docspace = Object.assign(base.docspace, { getGroup: slowRead });
    const deps = { ...base, interimCardDelayMs: 5, notifier, docspace };
    await approveRequest(deps, callerOf('carol'), request.id);
    expect(deps.notifier.updated.map((r) => r.status)).toEqual(['approved', 'executed']);
  });

  it('executes exactly once when two approvers click approve 20 times at once', async () => {
    const { deps, request } = await withPendingRequest();
    const clicks = Array.from({ length: 20 }, (_, i) =>
      approveRequest(deps, callerOf(i % 2 === 0 ? 'carol' : 'dave'), request.id),
    );
    const results = await Promise.all(clicks);
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    expect(deps.docspace.writeCalls()).toEqual(['addMembers']);
    const winner = (await deps.requests.get(request.id))?.decidedBy;
    const losers = results.flatMap((r) => (r.ok ? [] : [r.error]));
    expect(losers).toHaveLength(19);
    for (const loser of losers) expect(loser).toMatchObject({ code: 'already_decided', decidedBy: winner });
  });

  it('answers already_decided, naming who decided, to an approval after a denial', async () => {
    const { deps, request } = await withPendingRequest();
    await denyRequest(deps, callerOf('dave'), request.id, null);
    const result = await approveRequest(deps, callerOf('carol'), request.id);
    expect(!result.ok && result.error).toMatchObject({
      code: 'already_decided',
      status: 'denied',
      decidedBy: slackIdOf('dave'),
    });
    expect(deps.docspace.writeCalls()).toEqual([]);
  });

  it('refuses an approver who asked for the change as self-approval', async () => {
    const deps = makeDomainDeps();
    seedDevTeam(deps.docspace);
    const request = await askToAdd(deps, 'carol', 'erin');
    const result = await approveRequest(deps, callerOf('carol'), request.id);
    expect(result).toEqual({ ok: false, error: { code: 'self_approval' } });
    expect((await deps.requests.get(request.id))?.status).toBe('pending');
  });

  it('refuses an approver who joined the request as self-approval', async () => {
    const { deps, request } = await withPendingRequest();
    await askToAdd(deps, 'dave', 'erin');
    const result = await approveRequest(deps, callerOf('dave'), request.id);
    expect(result).toEqual({ ok: false, error: { code: 'self_approval' } });
  });

  it('refuses someone who is not an approver and leaves the request pending', async () => {
    const { deps, request } = await withPendingRequest();
    const result = await approveRequest(deps, callerOf('bob'), request.id);
    expect(result).toEqual({ ok: false, error: { code: 'not_approver' } });
    expect((await deps.requests.get(request.id))?.status).toBe('pending');
  });

  it('answers request_not_found for a request of another team', async () => {
    const { deps, request } = await withPendingRequest();
    const stranger = { ...callerOf('carol'), teamId: 'T0OTHER001' as typeof request.teamId };
    const result = await approveRequest(deps, stranger, request.id);
    expect(result).toEqual({ ok: false, error: { code: 'request_not_found', requestId: request.id } });
  });

  it('stores the executed state even when every Slack notification fails', async () => {
    const { deps, request } = await withPendingRequest();
    deps.notifier.failOn('updateCard', 'notifyRequesters');
    const result = await approveRequest(deps, callerOf('carol'), request.id);
    expect(result.ok && result.value.request.status).toBe('executed');
    expect((await deps.requests.get(request.id))?.status).toBe('executed');
    expect(deps.logger.entries.filter((e) => e.level === 'error').map((e) => e.msg)).toEqual([
      'could not update the approval card',
      'could not notify the requester',
    ]);
  });
});

describe('denyRequest', () => {
  it('denies with the trimmed note, writes nothing and tells the requester', async () => {
    const { deps, request } = await withPendingRequest();
    const result = await denyRequest(deps, callerOf('carol'), request.id, '  not this quarter ');
    expect(result.ok && result.value.request).toMatchObject({
      status: 'denied',
      decidedBy: slackIdOf('carol'),
      decisionNote: 'not this quarter',
    });
    expect(deps.docspace.writeCalls()).toEqual([]);
    expect(deps.notifier.notified.map((r) => r.status)).toEqual(['denied']);
  });

  it("audits a denial with the approver's note", async () => {
    const { deps, request } = await withPendingRequest();
    await denyRequest(deps, callerOf('carol'), request.id, 'not this quarter');
    const [latest] = await deps.audit.list({ limit: 1 });
    expect(latest).toMatchObject({ action: 'deny', after: { status: 'denied', note: 'not this quarter' } });
  });

  it('refuses a requester denying their own request as self-approval', async () => {
    const deps = makeDomainDeps();
    seedDevTeam(deps.docspace);
    const request = await askToAdd(deps, 'dave', 'erin');
    expect(await denyRequest(deps, callerOf('dave'), request.id, null)).toEqual({
      ok: false,
      error: { code: 'self_approval' },
    });
  });

  it('keeps the denial when Slack is down', async () => {
    const { deps, request } = await withPendingRequest();
    deps.notifier.failOn('updateCard', 'notifyRequesters');
    await denyRequest(deps, callerOf('carol'), request.id, null);
    expect((await deps.requests.get(request.id))?.status).toBe('denied');
  });
});

describe('cancelRequest', () => {
  it('lets the requester cancel a pending request', async () => {
    const { deps, request } = await withPendingRequest();
    const result = await cancelRequest(deps, callerOf('alice'), request.id);
    expect(result.ok && result.value.request.status).toBe('cancelled');
    expect(deps.notifier.updated.map((r) => r.status)).toEqual(['cancelled']);
  });

  it('refuses anyone else, even an approver, and leaves the request pending', async () => {
    const { deps, request } = await withPendingRequest();
    expect(await cancelRequest(deps, callerOf('carol'), request.id)).toEqual({
      ok: false,
      error: { code: 'not_requester' },
    });
    expect((await deps.requests.get(request.id))?.status).toBe('pending');
  });

  it('answers already_decided when the request was approved first', async () => {
    const { deps, request } = await withPendingRequest();
    await approveRequest(deps, callerOf('carol'), request.id);
    const result = await cancelRequest(deps, callerOf('alice'), request.id);
    expect(!result.ok && result.error).toMatchObject({ code: 'already_decided', status: 'executed' });
  });

  it('leaves nothing to approve after a cancel', async () => {
    const { deps, request } = await withPendingRequest();
    await cancelRequest(deps, callerOf('alice'), request.id);
    const result = await approveRequest(deps, callerOf('carol'), request.id);
    expect(!result.ok && result.error).toMatchObject({ code: 'already_decided', status: 'cancelled' });
    expect(deps.docspace.writeCalls()).toEqual([]);
  });
});
