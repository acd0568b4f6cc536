import { describe, expect, it } from 'vitest';
import type { ChangeAsk } from '../../../../src/domain/groups/ask.js';
import { submitChange } from '../../../../src/domain/groups/service.js';
import {
  APPROVAL_CHANNEL,
  callerOf,
  docspaceIdOf,
  groupNamed,
  HOUR,
  makeDomainDeps,
  mention,
  seedDevTeam,
  slackIdOf,
  TEAM,
} from '../../../helpers/domain-fakes.js';

const devTeam = groupNamed('Development Team');
const addDave: ChangeAsk = { kind: 'members', group: devTeam, add: [mention('dave')], remove: [] };

function setup() {
  const deps = makeDomainDeps();
  seedDevTeam(deps.docspace);
  return deps;
}

describe('submitChange by a requester', () => {
  it('stores a pending request and writes nothing to DocSpace', async () => {
    const deps = setup();
    const result = await submitChange(deps, callerOf('alice'), addDave, '  new project ');
    if (!result.ok || result.value.kind !== 'requested') throw new Error('expected a request');
    expect(result.value).toMatchObject({ created: true, cardError: null });
    expect(await deps.requests.get(result.value.request.id)).toMatchObject({
      status: 'pending',
      requesterIds: [slackIdOf('alice')],
      requesterDocSpaceId: docspaceIdOf('alice'),
      reason: 'new project',
      expiresAt: new Date(deps.clock.now().getTime() + 24 * HOUR),
      snapshot: { groupName: 'Development Team', managerBefore: docspaceIdOf('alice') },
    });
    expect(deps.docspace.writeCalls()).toEqual([]);
  });

  it('posts one approval card and stores where it was posted', async () => {
    const deps = setup();
    const result = await submitChange(deps, callerOf('alice'), addDave, null);
    if (!result.ok || result.value.kind !== 'requested') throw new Error('expected a request');
    expect(deps.notifier.posted.map((r) => r.id)).toEqual([result.value.request.id]);
    const stored = await deps.requests.get(result.value.request.id);
    expect(stored?.card).toEqual({ channelId: APPROVAL_CHANNEL, ts: expect.any(String) });
    expect(result.value.request.card).toEqual(stored?.card);
  });

  it("records a 'request' audit entry naming the requester", async () => {
    const deps = setup();
    await submitChange(deps, callerOf('alice'), addDave, 'new project');
    const [entry] = await deps.audit.list({ limit: 10 });
    expect(entry).toMatchObject({
      action: 'request',
      actorSlackId: slackIdOf('alice'),
      requestId: 'R000001',
      groupName: 'Development Team',
      after: { reason: 'new project', change: { kind: 'members', add: [docspaceIdOf('dave')] } },
      outcome: 'recorded',
    });
  });

  it('keeps the request when the approval card cannot be posted, and says so', async () => {
    const deps = setup();
    deps.notifier.failOn('postCard');
    const result = await submitChange(deps, callerOf('alice'), addDave, null);
    if (!result.ok || result.value.kind !== 'requested') throw new Error('expected a request');
    expect(result.value.cardError).toBe('other');
    expect(await deps.requests.get(result.value.request.id)).toMatchObject({ status: 'pending', card: null });
  });

  it('answers a change that would do nothing at once, with no request, no card and no write', async () => {
    const deps = setup();
    const result = await submitChange(
      deps,
      callerOf('alice'),
      { kind: 'members', group: devTeam, add: [mention('bob')], remove: [] },
      null,
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'no_change', explanation: 'Bob Baker is already in Development Team.' },
    });
    expect(await deps.requests.listPending(TEAM, { limit: 10 })).toEqual([]);
    expect([deps.notifier.posted, deps.docspace.writeCalls()]).toEqual([[], []]);
  });

  it('adds a second requester of an identical change to the pending request instead of making another', async () => {
    const deps = setup();
    const first = await submitChange(deps, callerOf('alice'), addDave, null);
    const second = await submitChange(deps, callerOf('bob'), addDave, null);
    if (!first.ok || !second.ok || second.value.kind !== 'requested') throw new Error('expected requests');
    expect(second.value.created).toBe(false);
    expect(second.value.request.requesterIds).toEqual([slackIdOf('alice'), slackIdOf('bob')]);
    expect(await deps.requests.listPending(TEAM, { limit: 10 })).toHaveLength(1);
  });

  it('refreshes the existing card rather than posting a second one when a requester joins', async () => {
    const deps = setup();
    await submitChange(deps, callerOf('alice'), addDave, null);
    await submitChange(deps, callerOf('bob'), addDave, null);
    expect(deps.notifier.posted).toHaveLength(1);
    expect(deps.notifier.updated.map((r) => r.requesterIds)).toEqual([[slackIdOf('alice'), slackIdOf('bob')]]);
  });

  it('files a new request instead of joining an identical one that is already overdue', async () => {
    const deps = setup();
    const first = await submitChange(deps, callerOf('alice'), addDave, null);
    if (!first.ok || first.value.kind !== 'requested') throw new Error('expected a request');
    deps.clock.advance(25 * HOUR);
    const second = await submitChange(deps, callerOf('bob'), addDave, null);
    if (!second.ok || second.value.kind !== 'requested') throw new Error('expected a request');
    expect(second.value.created).toBe(true);
    expect(second.value.request.id).not.toBe(first.value.request.id);
    expect((await deps.requests.get(first.value.request.id))?.status).toBe('expired');
    expect(deps.notifier.posted).toHaveLength(2);
  });

  it('treats the same users listed in another order as the identical change', async () => {
    const deps = setup();
    await submitChange(deps, callerOf('alice'), { ...addDave, add: [mention('dave'), mention('pat')] }, null);
    const second = await submitChange(
      deps,
      callerOf('bob'),
      { ...addDave, add: [mention('pat'), mention('dave')] },
      null,
    );
    expect(second.ok && second.value.kind === 'requested' && second.value.created).toBe(false);
  });

  it('refuses an unmapped Slack user with the reason they are not mapped, before looking up the group', async () => {
    const deps = setup();
    const result = await submitChange(deps, callerOf('sam'), addDave, null);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'actor_not_mapped',
        failure: { code: 'docspace_user_not_found', who: { kind: 'slack', id: slackIdOf('sam') } },
      },
    });
    expect(deps.docspace.calls).toEqual(['getUserByEmail']);
  });

  it('refuses a requester when no approvals channel is configured', async () => {
    const deps = makeDomainDeps({ policy: { approvalChannelId: null } });
    seedDevTeam(deps.docspace);
    const result = await submitChange(deps, callerOf('alice'), addDave, null);
    expect(result).toEqual({ ok: false, error: { code: 'approvals_not_configured' } });
  });

  it('refuses a requester who gives no reason when reasons are required, before looking up the group', async () => {
    const deps = makeDomainDeps({ policy: { requireReason: true } });
    seedDevTeam(deps.docspace);
    const result = await submitChange(deps, callerOf('alice'), addDave, '   ');
    expect(result).toEqual({ ok: false, error: { code: 'reason_required' } });
    expect(deps.docspace.calls).not.toContain('findGroupsByName');
  });

  it('lets an admin act without a reason even when reasons are required', async () => {
    const deps = makeDomainDeps({ policy: { requireReason: true } });
    seedDevTeam(deps.docspace);
    const result = await submitChange(deps, callerOf('owner'), addDave, null);
    expect(result.ok && result.value.kind).toBe('executed');
  });

  it('lets a DocSpace admin execute directly when the config trusts DocSpace admins', async () => {
    const deps = makeDomainDeps({ policy: { trustDocSpaceAdmins: true } });
    seedDevTeam(deps.docspace);
    const result = await submitChange(deps, callerOf('erin'), addDave, null);
    expect(result.ok && result.value.kind).toBe('executed');
    expect(deps.docspace.writeCalls()).toEqual(['addMembers']);
  });

  it("turns an approver's own change into a request for another approver", async () => {
    const deps = setup();
    const result = await submitChange(deps, callerOf('carol'), addDave, null);
    expect(result.ok && result.value.kind).toBe('requested');
    expect(deps.docspace.writeCalls()).toEqual([]);
  });
});
