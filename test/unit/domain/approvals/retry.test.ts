import { describe, expect, it } from 'vitest';
import { approveRequest, retryRequest } from '../../../../src/domain/approvals/decide.js';
import { submitChange } from '../../../../src/domain/groups/service.js';
import {
  askToAdd,
  callerOf,
  docspaceIdOf,
  makeDomainDeps,
  mention,
  seedDevTeam,
  slackIdOf,
  withPendingRequest,
} from '../../../helpers/domain-fakes.js';

/** Approval whose DocSpace write fails, leaving the request failed after one attempt. */
async function failedApproval() {
  const context = await withPendingRequest();
  context.deps.docspace.failNext('server_error', 1, 'addMembers');
  const result = await approveRequest(context.deps, callerOf('carol'), context.request.id);
  expect(!result.ok && result.error).toMatchObject({ code: 'docspace_failed', kind: 'server_error' });
  return context;
}

describe('an approval whose execution fails', () => {
  it('stores the request as failed after one attempt, with the reason', async () => {
    const { deps, request } = await failedApproval();
    expect(await deps.requests.get(request.id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      outcome:
        'DocSpace did not confirm the change (server_error); it may or may not have been applied. Retry re-reads the group and applies only what is missing.',
    });
    expect(deps.notifier.notified.map((r) => r.status)).toEqual(['failed']);
  });

  it('names the key scope the write needs when DocSpace refuses it with 403', async () => {
    const { deps, request } = await withPendingRequest();
    deps.docspace.failNext('forbidden', 1, 'addMembers');
    const result = await approveRequest(deps, callerOf('carol'), request.id);
    expect(!result.ok && result.error).toMatchObject({ kind: 'forbidden', scope: 'accounts:write' });
    expect((await deps.requests.get(request.id))?.outcome).toBe(
      'DocSpace refused (forbidden) while the bot was changing the group: its API key needs the accounts:write scope and must belong to the DocSpace owner or an admin. Nothing was changed.',
    );
  });

  it('says a write DocSpace was too busy to take was never sent, and leaves it retryable', async () => {
    const { deps, request } = await withPendingRequest();
    deps.docspace.failNext('busy', 1, 'addMembers');
    const result = await approveRequest(deps, callerOf('carol'), request.id);
    expect(!result.ok && result.error).toMatchObject({ kind: 'busy', phase: 'write', mayHaveApplied: false });
    expect(await deps.requests.get(request.id)).toMatchObject({
      status: 'failed',
      retryable: true,
      outcome:
        'DocSpace was busy: no connection to it came free in time, so the bot sent nothing; nothing was changed.',
    });
  });

  it('is retried once by an approver and then executed', async () => {
    const { deps, group, request } = await failedApproval();
    const result = await retryRequest(deps, callerOf('dave'), request.id);
    expect(result.ok && result.value.request).toMatchObject({ status: 'executed', attempts: 2 });
    expect(deps.docspace.peekGroup(group.id)?.members.map((m) => m.id)).toContain(docspaceIdOf('erin'));
    expect(deps.docspace.writeCalls()).toEqual(['addMembers', 'addMembers']);
  });

  it('audits the retry under the approver who pressed Retry', async () => {
    const { deps, request } = await failedApproval();
    await retryRequest(deps, callerOf('dave'), request.id);
    const entries = await deps.audit.list({ limit: 10 });
    expect(entries.find((e) => e.action === 'retry')?.actorSlackId).toBe(slackIdOf('dave'));
  });

  it('attributes the retried execution to the approver who pressed Retry, in both Slack and DocSpace ids', async () => {
    const { deps, request } = await failedApproval();
    await retryRequest(deps, callerOf('dave'), request.id);
    const [execution] = await deps.audit.list({ limit: 1 });
    expect(execution).toMatchObject({
      action: 'members',
      outcome: 'succeeded',
      actorSlackId: slackIdOf('dave'),
      actorDocSpaceId: docspaceIdOf('dave'),
    });
  });

  it('answers retry_exhausted to a second Retry after the retry failed too', async () => {
    const { deps, request } = await failedApproval();
    deps.docspace.failNext('server_error', 1, 'addMembers');
    await retryRequest(deps, callerOf('carol'), request.id);
    const result = await retryRequest(deps, callerOf('carol'), request.id);
    expect(result).toEqual({ ok: false, error: { code: 'retry_exhausted', requestId: request.id } });
    expect(deps.docspace.writeCalls()).toHaveLength(2);
  });

  it('executes once when Retry is pressed five times at once', async () => {
    const { deps, request } = await failedApproval();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => retryRequest(deps, callerOf('carol'), request.id)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(deps.docspace.writeCalls()).toEqual(['addMembers', 'addMembers']);
  });

  it('refuses a Retry by someone who is not an approver', async () => {
    const { deps, request } = await failedApproval();
    expect(await retryRequest(deps, callerOf('bob'), request.id)).toEqual({
      ok: false,
      error: { code: 'not_approver' },
    });
  });
});

describe('retryRequest on a request that has not failed', () => {
  it('refuses to retry a pending request and writes nothing', async () => {
    const { deps, request } = await withPendingRequest();
    const result = await retryRequest(deps, callerOf('carol'), request.id);
    expect(!result.ok && result.error).toMatchObject({ code: 'already_decided', status: 'pending' });
    expect(deps.docspace.writeCalls()).toEqual([]);
  });

  it('refuses to retry an executed request and writes nothing more', async () => {
    const { deps, request } = await withPendingRequest();
    await approveRequest(deps, callerOf('carol'), request.id);
    const result = await retryRequest(deps, callerOf('carol'), request.id);
    expect(!result.ok && result.error).toMatchObject({ code: 'already_decided', status: 'executed' });
    expect(deps.docspace.writeCalls()).toHaveLength(1);
  });
});

describe('an approval after the world moved on', () => {
  it('fails the request, saying the group no longer exists, when the group was deleted meanwhile', async () => {
    const { deps, group, request } = await withPendingRequest();
    deps.docspace.removeGroup(group.id);
    const result = await approveRequest(deps, callerOf('carol'), request.id);
    expect(result.ok && result.value.report).toBeNull();
    const stored = await deps.requests.get(request.id);
    expect(stored?.status).toBe('failed');
    expect(stored?.outcome).toContain('no longer exists');
    expect(deps.docspace.writeCalls()).toEqual([]);
  });

  it('offers no Retry once the group is gone, since no retry can bring it back', async () => {
    const { deps, group, request } = await withPendingRequest();
    deps.docspace.removeGroup(group.id);
    await approveRequest(deps, callerOf('carol'), request.id);
    const retried = await retryRequest(deps, callerOf('carol'), request.id);
    expect(retried).toEqual({
      ok: false,
      error: { code: 'not_retryable', requestId: request.id, outcome: 'The group Development Team no longer exists.' },
    });
    expect(deps.docspace.writeCalls()).toEqual([]);
  });

  it('counts one attempt, not two, when the first approval finds the group gone', async () => {
    const { deps, group, request } = await withPendingRequest();
    deps.docspace.removeGroup(group.id);
    await approveRequest(deps, callerOf('carol'), request.id);
    expect(await deps.requests.get(request.id)).toMatchObject({ status: 'failed', attempts: 1, retryable: false });
  });

  it('counts two attempts, not three, when a Retry finds the group gone', async () => {
    const { deps, group, request } = await withPendingRequest();
    deps.docspace.failNext('server_error', 1, 'addMembers');
    await approveRequest(deps, callerOf('carol'), request.id);
    deps.docspace.removeGroup(group.id);
    await retryRequest(deps, callerOf('dave'), request.id);
    expect(await deps.requests.get(request.id)).toMatchObject({ status: 'failed', attempts: 2, retryable: false });
  });

  it('marks the request executed with "Nothing to change" when the change was already made', async () => {
    const { deps, group, request } = await withPendingRequest();
    await deps.docspace.addMembers(group.id, [docspaceIdOf('erin')]);
    const result = await approveRequest(deps, callerOf('carol'), request.id);
    expect(result.ok && result.value.request.status).toBe('executed');
    expect((await deps.requests.get(request.id))?.outcome).toBe(
      'Nothing to change: Erin Evans is already in Development Team.',
    );
    expect(deps.docspace.writeCalls()).toEqual(['addMembers']);
  });

  it('applies only what is still needed when part of the change was already made', async () => {
    const deps = makeDomainDeps();
    seedDevTeam(deps.docspace);
    const request = await askToAdd(deps, 'alice', 'erin', 'pat');
    const group = deps.docspace.peekGroups()[0];
    if (!group) throw new Error('no group');
    await deps.docspace.addMembers(group.id, [docspaceIdOf('erin')]);
    const result = await approveRequest(deps, callerOf('carol'), request.id);
    expect(result.ok && result.value.report?.change).toEqual({
      kind: 'members',
      groupId: group.id,
      add: [docspaceIdOf('pat')],
      remove: [],
    });
  });

  it('executes and reports a user DocSpace ignored because they were disabled meanwhile', async () => {
    const { deps, request } = await withPendingRequest();
    deps.docspace.updateUser(docspaceIdOf('erin'), { status: 'disabled' });
    const result = await approveRequest(deps, callerOf('carol'), request.id);
    expect(result.ok && result.value.report?.ignored.notAdded).toEqual([docspaceIdOf('erin')]);
    expect((await deps.requests.get(request.id))?.outcome).toBe(
      'Development Team: manager Alice Archer, 2 members. DocSpace ignored: Erin Evans.',
    );
    const [execution] = await deps.audit.list({ limit: 1 });
    expect(execution?.outcome).toBe('partial');
  });

  it('fails a create request whose name another group took meanwhile, without writing', async () => {
    const deps = makeDomainDeps();
    const ask = { kind: 'create', name: 'Design', manager: mention('alice'), members: [] } as const;
    const asked = await submitChange(deps, callerOf('alice'), ask, null);
    if (!asked.ok || asked.value.kind !== 'requested') throw new Error('expected a request');
    deps.docspace.seedGroup({ name: 'Design' });
    const result = await approveRequest(deps, callerOf('carol'), asked.value.request.id);
    expect(result.ok && result.value.request).toMatchObject({
      status: 'failed',
      outcome: 'A group named Design already exists.',
    });
    expect(deps.docspace.writeCalls()).toEqual([]);
  });
});
