import { describe, expect, it } from 'vitest';
import type { ChangeAsk } from '../../../../src/domain/groups/ask.js';
import { groupNameKey } from '../../../../src/domain/groups/lookup.js';
import { claimName, NAME_LEASE_MS, settleName } from '../../../../src/domain/groups/names.js';
import { submitChange } from '../../../../src/domain/groups/service.js';
import type { GroupChange } from '../../../../src/domain/model/group.js';
import type { GroupId } from '../../../../src/domain/model/ids.js';
import {
  callerOf,
  type DomainTestDeps,
  makeDomainDeps,
  mention,
  seedDevTeam,
  TEAM,
  unwrap,
} from '../../../helpers/domain-fakes.js';

/** A direct change's claim: the same person may send the same command twice at once. */
const DIRECT = { runsAlone: false };
const create = (name: string): GroupChange => ({ kind: 'create', name, managerId: null, memberIds: [] });
const rename = (groupId: GroupId, name: string): GroupChange => ({ kind: 'rename', groupId, name });
const reservationOf = (deps: DomainTestDeps, name: string) => deps.storage.names.get(TEAM, groupNameKey(name));

async function claimed(deps: DomainTestDeps, owner: string, change: GroupChange) {
  const claim = unwrap(await claimName(deps, TEAM, owner, change, { runsAlone: owner.startsWith('request:') }));
  if (!claim) throw new Error('expected a claim');
  return claim;
}

describe('claimName', () => {
  it('claims nothing for a change that writes no name', async () => {
    const deps = makeDomainDeps();
    const group = seedDevTeam(deps.docspace);
    expect(await claimName(deps, TEAM, 'a', { kind: 'delete', groupId: group.id }, DIRECT)).toEqual({
      ok: true,
      value: null,
    });
    expect(deps.docspace.calls).toEqual([]);
  });

  it('holds the name under its compared form and checks DocSpace while holding it', async () => {
    const deps = makeDomainDeps();
    const claim = await claimed(deps, 'a', create('  Ops  '));
    expect(claim.recognised).toBeNull();
    expect(await reservationOf(deps, 'OPS')).toMatchObject({ name: '  Ops  ', owner: 'a', state: 'held' });
    expect(deps.docspace.calls).toEqual(['findGroupsByName']);
  });

  it('tells a second owner the name is busy while the first holds it, and checks DocSpace first', async () => {
    const deps = makeDomainDeps();
    await claimed(deps, 'a', create('Ops'));
    expect(await claimName(deps, TEAM, 'b', create('ops'), DIRECT)).toEqual({
      ok: false,
      error: { code: 'group_name_busy', name: 'ops' },
    });
  });

  it('tells the same owner the name is busy while its first attempt still runs (a double delivery)', async () => {
    const deps = makeDomainDeps();
    await claimed(deps, 'a', create('Ops'));
    expect(await claimName(deps, TEAM, 'a', create('Ops'), DIRECT)).toMatchObject({
      error: { code: 'group_name_busy' },
    });
  });

  it('lets exactly one of many concurrent owners write the name', async () => {
    const deps = makeDomainDeps();
    deps.docspace.setLatencyTicks(3);
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((o) => claimName(deps, TEAM, o, create('Ops'), DIRECT)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('refuses a name DocSpace already has and releases the reservation', async () => {
    const deps = makeDomainDeps();
    const existing = deps.docspace.seedGroup({ name: 'Ops' });
    const result = await claimName(deps, TEAM, 'a', create('Ops'), DIRECT);
    expect(result).toMatchObject({ ok: false, error: { code: 'group_name_taken', existing: [{ id: existing.id }] } });
    expect(await reservationOf(deps, 'Ops')).toBeNull();
  });

  it('releases the reservation when DocSpace fails while checking, and reports a read failure', async () => {
    const deps = makeDomainDeps();
    deps.docspace.failNext('timeout', 1, 'findGroupsByName');
    const result = await claimName(deps, TEAM, 'a', create('Ops'), DIRECT);
    expect(result).toMatchObject({ ok: false, error: { code: 'docspace_failed', phase: 'read', step: 'find_group' } });
    expect(await reservationOf(deps, 'Ops')).toBeNull();
  });

  it('lets a rename keep its own group out of the name check', async () => {
    const deps = makeDomainDeps();
    const group = seedDevTeam(deps.docspace);
    expect((await claimed(deps, 'a', rename(group.id, 'development team'))).recognised).toBeNull();
  });
});

describe('a reservation whose owner crashed or lost the answer', () => {
  it('blocks other owners for the lease, then DocSpace decides: a group there keeps the name taken', async () => {
    const deps = makeDomainDeps();
    await claimed(deps, 'crashed', create('Ops'));
    deps.docspace.seedGroup({ name: 'Ops' });
    deps.clock.advance(NAME_LEASE_MS + 1);
    expect(await claimName(deps, TEAM, 'b', create('Ops'), DIRECT)).toMatchObject({
      error: { code: 'group_name_taken' },
    });
    expect((await reservationOf(deps, 'Ops'))?.owner).toBe('crashed');
  });

  it('is taken over after the lease when DocSpace has no group of that name', async () => {
    const deps = makeDomainDeps();
    await claimed(deps, 'crashed', create('Ops'));
    expect(await claimName(deps, TEAM, 'b', create('Ops'), DIRECT)).toMatchObject({
      error: { code: 'group_name_busy' },
    });
    deps.clock.advance(NAME_LEASE_MS + 1);
    expect((await claimed(deps, 'b', create('Ops'))).recognised).toBeNull();
    expect((await reservationOf(deps, 'Ops'))?.owner).toBe('b');
  });

  it('lets its owner recognise at once the one group its unanswered create made', async () => {
    const deps = makeDomainDeps();
    const first = await claimed(deps, 'request:R1', create('Ops'));
    await settleName(deps, first, { kind: 'unknown' });
    const made = deps.docspace.seedGroup({ name: 'Ops' });
    const again = await claimed(deps, 'request:R1', create('Ops'));
    expect(again.recognised?.id).toBe(made.id);
  });

  it('lets an approved request claim at once the name its interrupted attempt still holds (it runs alone)', async () => {
    const deps = makeDomainDeps();
    await claimed(deps, 'request:R1', create('Ops'));
    const made = deps.docspace.seedGroup({ name: 'Ops' });
    expect((await claimed(deps, 'request:R1', create('Ops'))).recognised?.id).toBe(made.id);
  });

  it('does not recognise a group when DocSpace has two of that name', async () => {
    const deps = makeDomainDeps();
    await settleName(deps, await claimed(deps, 'request:R1', create('Ops')), { kind: 'unknown' });
    deps.docspace.seedGroup({ name: 'Ops' });
    deps.docspace.seedGroup({ name: 'Ops' });
    expect(await claimName(deps, TEAM, 'request:R1', create('Ops'), DIRECT)).toMatchObject({
      error: { code: 'group_name_taken' },
    });
  });
});

describe('settleName', () => {
  it('confirms the name for the group written, and a renamed group gives its old name back', async () => {
    const deps = makeDomainDeps();
    const made = deps.docspace.seedGroup({ name: 'Ops' });
    await settleName(deps, await claimed(deps, 'a', create('Ops 2')), { kind: 'applied', groupId: made.id });
    expect(await reservationOf(deps, 'Ops 2')).toMatchObject({ state: 'confirmed', groupId: made.id });
    await settleName(deps, await claimed(deps, 'b', rename(made.id, 'Ops 3')), { kind: 'applied', groupId: made.id });
    expect(await reservationOf(deps, 'Ops 2')).toBeNull();
    expect(await reservationOf(deps, 'Ops 3')).toMatchObject({ state: 'confirmed', groupId: made.id });
  });

  it('releases the name when DocSpace refused the write', async () => {
    const deps = makeDomainDeps();
    await settleName(deps, await claimed(deps, 'a', create('Ops')), { kind: 'refused' });
    expect(await reservationOf(deps, 'Ops')).toBeNull();
  });

  it('logs a storage failure instead of throwing: DocSpace already answered', async () => {
    const deps = makeDomainDeps();
    const claim = await claimed(deps, 'a', create('Ops'));
    await deps.storage.close();
    await expect(settleName(deps, claim, { kind: 'refused' })).resolves.toBeUndefined();
    expect(deps.logger.entries.map((e) => e.msg)).toContain('could not record the name reservation');
  });
});

describe('submitChange with name reservations', () => {
  const ask = (name: string): ChangeAsk => ({ kind: 'create', name, manager: mention('alice'), members: [] });

  it("checks a direct create's name once, under its claim, and confirms it for the new group", async () => {
    const deps = makeDomainDeps();
    const outcome = unwrap(await submitChange(deps, callerOf('owner'), ask('Ops'), null));
    const group = outcome.kind === 'executed' ? outcome.report.after : null;
    expect(deps.docspace.calls.filter((c) => c === 'findGroupsByName')).toHaveLength(1);
    expect(await reservationOf(deps, 'Ops')).toMatchObject({ state: 'confirmed', groupId: group?.id });
  });

  it('keeps the name held as unknown when the create answer is lost, and recognises the group on the repeat', async () => {
    const deps = makeDomainDeps();
    deps.docspace.failNext('timeout', 1, 'createGroup');
    const first = await submitChange(deps, callerOf('owner'), ask('Ops'), null);
    expect(first).toMatchObject({ ok: false, error: { code: 'docspace_failed', mayHaveApplied: true } });
    expect(await reservationOf(deps, 'Ops')).toMatchObject({ state: 'unknown' });
    deps.docspace.seedGroup({ name: 'Ops' });
    const again = unwrap(await submitChange(deps, callerOf('owner'), ask('Ops'), null));
    expect(again).toMatchObject({ kind: 'executed', report: { recognised: true } });
    expect(deps.docspace.writeCalls()).toEqual(['createGroup']);
  });

  it('gives a deleted group its name back', async () => {
    const deps = makeDomainDeps();
    const created = unwrap(await submitChange(deps, callerOf('owner'), ask('Ops'), null));
    const id = created.kind === 'executed' ? created.report.after?.id : undefined;
    if (!id) throw new Error('expected a created group');
    unwrap(await submitChange(deps, callerOf('owner'), { kind: 'delete', group: { kind: 'id', id } }, null));
    expect(await reservationOf(deps, 'Ops')).toBeNull();
  });
});
