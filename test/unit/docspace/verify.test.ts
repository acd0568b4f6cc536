import { describe, expect, it } from 'vitest';
import { findIgnored } from '../../../src/docspace/verify.js';
import { type DocSpaceUser, type Group, somethingIgnored } from '../../../src/domain/model/group.js';
import type { DocSpaceUserId, GroupId } from '../../../src/domain/model/ids.js';

const id = (n: number) => `dddd000${n}-0000-4000-8000-00000000000${n}` as DocSpaceUserId;
const user = (n: number): DocSpaceUser => ({
  id: id(n),
  displayName: `User ${n}`,
  email: null,
  status: 'active',
  type: 'user',
});

function makeGroup(overrides: { name?: string; manager?: number | null; members?: number[] } = {}): Group {
  const members = (overrides.members ?? [1, 2]).map(user);
  const manager = overrides.manager === undefined ? 1 : overrides.manager;
  return {
    id: '8f0b3c1e-2d4a-4c55-9a3e-1b2c3d4e5f60' as GroupId,
    name: overrides.name ?? 'Development Team',
    manager: manager === null ? null : user(manager),
    membersCount: members.length,
    members,
  };
}

describe('findIgnored', () => {
  it('reports nothing when the group matches every part of the request', () => {
    const ignored = findIgnored(makeGroup(), { name: 'Development Team', managerId: id(1), add: [id(2)] });
    expect(somethingIgnored(ignored)).toBe(false);
  });

  it('lists asked members that are absent from the returned group as notAdded', () => {
    const ignored = findIgnored(makeGroup({ members: [1, 2] }), { add: [id(2), id(3), id(4)] });
    expect(ignored.notAdded).toEqual([id(3), id(4)]);
  });

  it('lists ids still present after a removal as notRemoved', () => {
    const ignored = findIgnored(makeGroup({ members: [1, 2, 3] }), { remove: [id(3), id(4)] });
    expect(ignored.notRemoved).toEqual([id(3)]);
  });

  it('judges an id in both add and remove only as a removal, because remove runs last', () => {
    const ignored = findIgnored(makeGroup({ members: [1] }), { add: [id(2)], remove: [id(2)] });
    expect(ignored).toEqual({ managerNotSet: null, notAdded: [], notRemoved: [], nameNotApplied: null });
  });

  it('reports the asked manager as managerNotSet when someone else is the manager afterwards', () => {
    expect(findIgnored(makeGroup({ manager: 1 }), { managerId: id(3) }).managerNotSet).toBe(id(3));
  });

  it('reports managerNotSet when the group has no manager afterwards', () => {
    expect(findIgnored(makeGroup({ manager: null }), { managerId: id(1) }).managerNotSet).toBe(id(1));
  });

  it('does not report managerNotSet when the same request removes that user', () => {
    const ignored = findIgnored(makeGroup({ manager: null, members: [2] }), { managerId: id(1), remove: [id(1)] });
    expect(ignored.managerNotSet).toBeNull();
  });

  it('reports the asked name as nameNotApplied when the returned name differs', () => {
    expect(findIgnored(makeGroup({ name: 'Old' }), { name: 'New' }).nameNotApplied).toBe('New');
  });

  it('reports nothing for fields the request did not ask about', () => {
    expect(somethingIgnored(findIgnored(makeGroup({ manager: null, name: 'x' }), {}))).toBe(false);
  });
});
