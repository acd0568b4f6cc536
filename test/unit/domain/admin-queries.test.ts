import { describe, expect, it } from 'vitest';
import { auditTrail, listRequests, whoAmI } from '../../../src/domain/admin.js';
import { submitChange } from '../../../src/domain/groups/service.js';
import {
  askToAdd,
  callerOf,
  type DomainTestDeps,
  docspaceIdOf,
  groupNamed,
  MINUTE,
  makeDomainDeps,
  mention,
  seedDevTeam,
  slackIdOf,
  unwrap,
} from '../../helpers/domain-fakes.js';

const owner = callerOf('owner');

describe('whoAmI', () => {
  it('shows a mapped user their DocSpace account and role', async () => {
    const deps = makeDomainDeps();
    const me = unwrap(await whoAmI(deps, callerOf('alice')));
    expect(me.role).toBe('requester');
    expect(me.identity.ok && me.identity.value.docspaceUserId).toBe(docspaceIdOf('alice'));
  });

  it('tells an unmapped user why, with no role', async () => {
    const deps = makeDomainDeps();
    const me = unwrap(await whoAmI(deps, callerOf('sam')));
    expect(me).toEqual({
      role: 'none',
      identity: { ok: false, error: { code: 'docspace_user_not_found', who: { kind: 'slack', id: slackIdOf('sam') } } },
    });
  });

  it('shows an admin named in the config their admin role', async () => {
    const deps = makeDomainDeps();
    expect(unwrap(await whoAmI(deps, owner)).role).toBe('admin');
  });
});

describe('listRequests', () => {
  async function twoRequests() {
    const deps = makeDomainDeps();
    seedDevTeam(deps.docspace);
    const alices = await askToAdd(deps, 'alice', 'erin');
    deps.clock.advance(MINUTE);
    const bobs = await askToAdd(deps, 'bob', 'pat');
    return { deps, alices, bobs };
  }

  it('shows an approver every pending request, oldest first, with the total', async () => {
    const { deps, alices, bobs } = await twoRequests();
    const listed = unwrap(await listRequests(deps, callerOf('carol')));
    expect([listed.approver, listed.requests.map((r) => r.id), listed.total]).toEqual([true, [alices.id, bobs.id], 2]);
  });

  it('pages past 25: page 2 holds the rest, the total counts every page', async () => {
    const deps = makeDomainDeps();
    seedDevTeam(deps.docspace);
    const people = ['alice', 'bob', 'pat'] as const;
    const filed: string[] = [];
    for (let i = 0; i < 30; i++) {
      deps.clock.advance(MINUTE);
      const ask = { kind: 'rename', group: { kind: 'name', name: 'Development Team' }, name: `Dev ${i}` } as const;
      const result = unwrap(await submitChange(deps, callerOf(people[i % 3] ?? 'alice'), ask, null));
      if (result.kind === 'requested') filed.push(result.request.id);
    }
    const first = unwrap(await listRequests(deps, callerOf('carol'), 1));
    const second = unwrap(await listRequests(deps, callerOf('carol'), 2));
    expect([first.total, first.requests.map((r) => r.id), second.total, second.requests.map((r) => r.id)]).toEqual([
      30,
      filed.slice(0, 25),
      30,
      filed.slice(25),
    ]);
  });

  it('shows a requester only the requests they asked for', async () => {
    const { deps, alices } = await twoRequests();
    const listed = unwrap(await listRequests(deps, callerOf('alice')));
    expect([listed.approver, listed.requests.map((r) => r.id)]).toEqual([false, [alices.id]]);
  });
});

async function adminDoes(deps: DomainTestDeps, ask: Parameters<typeof submitChange>[2]) {
  const result = await submitChange(deps, owner, ask, null);
  expect(result.ok).toBe(true);
}

describe('auditTrail', () => {
  it("lists only one group's entries when asked by name", async () => {
    const deps = makeDomainDeps();
    seedDevTeam(deps.docspace);
    deps.docspace.seedGroup({ name: 'Marketing' });
    await adminDoes(deps, {
      kind: 'members',
      group: groupNamed('Development Team'),
      add: [mention('dave')],
      remove: [],
    });
    await adminDoes(deps, { kind: 'rename', group: groupNamed('Marketing'), name: 'Sales' });
    const trail = await auditTrail(deps, owner, groupNamed('Development Team'));
    expect(trail.ok && trail.value.map((e) => [e.action, e.groupName])).toEqual([['members', 'Development Team']]);
  });

  it("lists one group's entries when asked by id, across renames", async () => {
    const deps = makeDomainDeps();
    const group = seedDevTeam(deps.docspace);
    await adminDoes(deps, { kind: 'rename', group: groupNamed('Development Team'), name: 'Platform Team' });
    await adminDoes(deps, { kind: 'members', group: groupNamed('Platform Team'), add: [mention('dave')], remove: [] });
    const trail = await auditTrail(deps, owner, { kind: 'id', id: group.id });
    expect(trail.ok && trail.value.map((e) => e.action)).toEqual(['members', 'rename']);
  });

  it('finds the entries of a deleted group by the name it had', async () => {
    const deps = makeDomainDeps();
    deps.docspace.seedGroup({ name: 'Old Team' });
    await adminDoes(deps, { kind: 'rename', group: groupNamed('Old Team'), name: 'Older Team' });
    await adminDoes(deps, { kind: 'delete', group: groupNamed('Older Team') });
    const trail = await auditTrail(deps, owner, groupNamed('Older Team'));
    expect(trail.ok && trail.value.map((e) => e.action)).toEqual(['delete', 'rename']);
  });

  it('lists the latest entries of the team when no group is given', async () => {
    const deps = makeDomainDeps();
    seedDevTeam(deps.docspace);
    await askToAdd(deps, 'alice', 'erin');
    const trail = await auditTrail(deps, owner, null);
    expect(trail.ok && trail.value.map((e) => [e.action, e.actorSlackId])).toEqual([['request', slackIdOf('alice')]]);
  });

  it('refuses a caller who is not an admin', async () => {
    const deps = makeDomainDeps();
    expect(await auditTrail(deps, callerOf('carol'), null)).toEqual({
      ok: false,
      error: { code: 'not_authorized', action: 'read_audit' },
    });
  });
});
