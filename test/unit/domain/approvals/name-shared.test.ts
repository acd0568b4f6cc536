import { describe, expect, it } from 'vitest';
import type { ChangeAsk } from '../../../../src/domain/groups/ask.js';
import { submitChange } from '../../../../src/domain/groups/service.js';
import type { GroupId, GroupRef } from '../../../../src/domain/model/ids.js';
import type { ChangeRequest } from '../../../../src/domain/model/request.js';
import { callerOf, docspaceIdOf, groupNamed, makeDomainDeps, mention } from '../../../helpers/domain-fakes.js';

/** Whether a filed request records that other groups share its group's name (cards show the id in full then). */

function setup(names: readonly string[]) {
  const deps = makeDomainDeps();
  const groups = names.map((name) =>
    deps.docspace.seedGroup({ name, managerId: docspaceIdOf('alice'), memberIds: [docspaceIdOf('alice')] }),
  );
  return { deps, groups };
}

const addDave = (group: GroupRef): ChangeAsk => ({
  kind: 'members',
  group,
  add: [mention('dave')],
  remove: [],
});
const byId = (id: GroupId) => ({ kind: 'id' as const, id });

async function file(deps: ReturnType<typeof makeDomainDeps>, ask: ChangeAsk): Promise<ChangeRequest> {
  const result = await submitChange(deps, callerOf('alice'), ask, null);
  if (!result.ok || result.value.kind !== 'requested') throw new Error('expected a request');
  return result.value.request;
}

describe('a request records whether its group shares its name', () => {
  it('knows a group named in the ask is unique without another search', async () => {
    const { deps } = setup(['Ops']);
    const request = await file(deps, addDave(groupNamed('Ops')));
    expect(request.snapshot.nameShared).toBe(false);
    expect(deps.docspace.calls.filter((c) => c === 'findGroupsByName')).toHaveLength(1);
  });

  it('searches the name once when the ask gave the id: shared with a twin, else not', async () => {
    const { deps, groups } = setup(['Ops', 'Ops', 'Solo']);
    const [ops, , solo] = groups;
    expect((await file(deps, addDave(byId(ops?.id as GroupId)))).snapshot.nameShared).toBe(true);
    expect((await file(deps, addDave(byId(solo?.id as GroupId)))).snapshot.nameShared).toBe(false);
    expect(deps.docspace.calls.filter((c) => c === 'findGroupsByName')).toHaveLength(2);
  });

  it('still files the request when the search fails, leaving it unknown (shown as shared)', async () => {
    const { deps, groups } = setup(['Ops']);
    deps.docspace.failNext('network', 1, 'findGroupsByName');
    const request = await file(deps, addDave(byId(groups[0]?.id as GroupId)));
    expect(request.status).toBe('pending');
    expect('nameShared' in request.snapshot).toBe(false);
    expect((await deps.requests.get(request.id))?.snapshot).toEqual(request.snapshot);
  });

  it('records nothing for a create, which has no group yet', async () => {
    const { deps } = setup([]);
    const request = await file(deps, { kind: 'create', name: 'New', manager: null, members: [] });
    expect('nameShared' in request.snapshot).toBe(false);
  });
});
