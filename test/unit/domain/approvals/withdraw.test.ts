import { describe, expect, it } from 'vitest';
import { approveRequest, cancelRequest } from '../../../../src/domain/approvals/decide.js';
import { askToAdd, callerOf, slackIdOf, withPendingRequest } from '../../../helpers/domain-fakes.js';

// Design choice: a co-requester who joined an identical request withdraws only themselves; the request is cancelled
// when no requester is left.

async function shared() {
  const setup = await withPendingRequest();
  const joined = await askToAdd(setup.deps, 'bob', 'erin');
  expect(joined.id).toBe(setup.request.id);
  return setup;
}

describe('cancel on a request several people asked for', () => {
  it('removes only the co-requester who cancels; the request stays pending for the others', async () => {
    const { deps, request } = await shared();
    const result = await cancelRequest(deps, callerOf('bob'), request.id);
    const stored = await deps.requests.get(request.id);
    expect([result.ok && result.value.request.status, stored?.status, stored?.requesterIds]).toEqual([
      'pending',
      'pending',
      [slackIdOf('alice')],
    ]);
    expect(deps.notifier.updated.at(-1)?.requesterIds).toEqual([slackIdOf('alice')]);
  });

  it('lets the first requester leave too, keeping it for the one who joined', async () => {
    const { deps, request } = await shared();
    await cancelRequest(deps, callerOf('alice'), request.id);
    expect((await deps.requests.get(request.id))?.requesterIds).toEqual([slackIdOf('bob')]);
  });

  it('cancels the request when the last requester withdraws', async () => {
    const { deps, request } = await shared();
    await cancelRequest(deps, callerOf('bob'), request.id);
    const last = await cancelRequest(deps, callerOf('alice'), request.id);
    expect(last.ok && last.value.request).toMatchObject({ status: 'cancelled', decidedBy: slackIdOf('alice') });
  });

  it('audits a withdrawal as `withdraw` by the co-requester and the final one as `cancel`', async () => {
    const { deps, request } = await shared();
    await cancelRequest(deps, callerOf('bob'), request.id);
    await cancelRequest(deps, callerOf('alice'), request.id);
    const entries = await deps.audit.list({ limit: 10 });
    expect(entries.slice(0, 2).map((e) => [e.action, e.actorSlackId])).toEqual([
      ['cancel', slackIdOf('alice')],
      ['withdraw', slackIdOf('bob')],
    ]);
  });

  it('refuses a second withdrawal by the same person: they are no longer a requester', async () => {
    const { deps, request } = await shared();
    await cancelRequest(deps, callerOf('bob'), request.id);
    expect(await cancelRequest(deps, callerOf('bob'), request.id)).toEqual({
      ok: false,
      error: { code: 'not_requester' },
    });
  });

  it('lets an approver approve what the remaining requester still wants', async () => {
    const { deps, request } = await shared();
    await cancelRequest(deps, callerOf('bob'), request.id);
    const approved = await approveRequest(deps, callerOf('carol'), request.id);
    expect(approved.ok && approved.value.request.status).toBe('executed');
  });

  it('never leaves a request pending with nobody: two requesters withdrawing at once cancel it', async () => {
    const { deps, request } = await shared();
    await Promise.all([
      cancelRequest(deps, callerOf('alice'), request.id),
      cancelRequest(deps, callerOf('bob'), request.id),
    ]);
    expect((await deps.requests.get(request.id))?.status).toBe('cancelled');
  });
});
