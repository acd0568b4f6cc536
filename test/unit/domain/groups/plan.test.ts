import { describe, expect, it } from 'vitest';
import { createChange, planChange } from '../../../../src/domain/groups/plan.js';
import type { DocSpaceUser, Group } from '../../../../src/domain/model/group.js';
import type { GroupId } from '../../../../src/domain/model/ids.js';
import { docspaceIdOf, docspaceUserOf } from '../../../helpers/domain-fakes.js';

const GROUP_ID = 'eeee0001-0000-4000-8000-000000000001' as GroupId;
const alice = docspaceUserOf('alice');
const bob = docspaceUserOf('bob');
const dave = docspaceUserOf('dave');

function devTeam(manager: DocSpaceUser | null, members: DocSpaceUser[]): Group {
  return { id: GROUP_ID, name: 'Development Team', manager, membersCount: members.length, members };
}

const names = { [alice.id]: alice.displayName, [bob.id]: bob.displayName, [dave.id]: dave.displayName };

describe('planChange', () => {
  it('answers no_change when the asked manager already manages the group', () => {
    const planned = planChange(
      { kind: 'set_manager', groupId: GROUP_ID, managerId: alice.id },
      devTeam(alice, [alice]),
      names,
    );
    expect(planned).toEqual({
      ok: false,
      error: { code: 'no_change', explanation: 'Alice Archer is already the manager of Development Team.' },
    });
  });

  it('plans a manager change against the group as it is', () => {
    const planned = planChange(
      { kind: 'set_manager', groupId: GROUP_ID, managerId: bob.id },
      devTeam(alice, [alice]),
      names,
    );
    expect(planned.ok && planned.value.before?.manager?.id).toBe(alice.id);
  });

  it('answers no_change when everyone to add is already a member', () => {
    const change = { kind: 'members', groupId: GROUP_ID, add: [alice.id, bob.id], remove: [] } as const;
    const planned = planChange(change, devTeam(alice, [alice, bob]), names);
    expect(planned).toEqual({
      ok: false,
      error: { code: 'no_change', explanation: 'Alice Archer, Bob Baker are already in Development Team.' },
    });
  });

  it('answers no_change when everyone to remove is not a member', () => {
    const change = { kind: 'members', groupId: GROUP_ID, add: [], remove: [dave.id] } as const;
    const planned = planChange(change, devTeam(alice, [alice]), names);
    expect(planned).toEqual({
      ok: false,
      error: { code: 'no_change', explanation: 'Dave Dunn is not in Development Team.' },
    });
  });

  it('keeps only the effective part of a members change and reports the skipped users', () => {
    const change = { kind: 'members', groupId: GROUP_ID, add: [bob.id, dave.id], remove: [alice.id] } as const;
    const planned = planChange(change, devTeam(alice, [alice, bob]), names);
    if (!planned.ok) throw new Error('expected a plan');
    expect(planned.value.change).toEqual({ kind: 'members', groupId: GROUP_ID, add: [dave.id], remove: [alice.id] });
    expect(planned.value.skipped.alreadyMembers.map((u) => u.id)).toEqual([bob.id]);
  });

  it('lets remove win over add when a user is in both lists', () => {
    const change = { kind: 'members', groupId: GROUP_ID, add: [bob.id, dave.id], remove: [bob.id] } as const;
    const planned = planChange(change, devTeam(alice, [alice, bob]), names);
    if (!planned.ok) throw new Error('expected a plan');
    expect(planned.value.change).toEqual({ kind: 'members', groupId: GROUP_ID, add: [dave.id], remove: [bob.id] });
  });

  it('answers no_change when a non-member is both added and removed, because remove wins', () => {
    const change = { kind: 'members', groupId: GROUP_ID, add: [dave.id], remove: [dave.id] } as const;
    const planned = planChange(change, devTeam(alice, [alice]), names);
    expect(planned.ok).toBe(false);
  });

  it('answers no_change when the group already has the asked name', () => {
    const planned = planChange(
      { kind: 'rename', groupId: GROUP_ID, name: 'Development Team' },
      devTeam(null, []),
      names,
    );
    expect(planned).toEqual({
      ok: false,
      error: { code: 'no_change', explanation: 'The group is already called Development Team.' },
    });
  });

  it('plans a rename to a different name', () => {
    const planned = planChange({ kind: 'rename', groupId: GROUP_ID, name: 'Platform Team' }, devTeam(null, []), names);
    expect(planned.ok && planned.value.change).toEqual({ kind: 'rename', groupId: GROUP_ID, name: 'Platform Team' });
  });

  it('plans a delete with the group as it was before', () => {
    const planned = planChange({ kind: 'delete', groupId: GROUP_ID }, devTeam(alice, [alice]), names);
    expect(planned.ok && planned.value.before).toEqual({
      id: GROUP_ID,
      name: 'Development Team',
      manager: alice,
      membersCount: 1,
    });
  });

  it('plans a create with no group before it', () => {
    const create = createChange('Development Team', alice, [bob]);
    const planned = planChange(create, null, names);
    expect(planned.ok && planned.value.before).toBeNull();
  });
});

describe('createChange', () => {
  it('includes the manager among the members', () => {
    expect(createChange('Development Team', alice, [bob, dave])).toEqual({
      kind: 'create',
      name: 'Development Team',
      managerId: docspaceIdOf('alice'),
      memberIds: [alice.id, bob.id, dave.id],
    });
  });

  it('lists a user named as manager and member, or twice as member, once', () => {
    const change = createChange('Development Team', alice, [alice, bob, bob]);
    expect(change.kind === 'create' && change.memberIds).toEqual([alice.id, bob.id]);
  });

  it('creates a group with no manager and only the members given', () => {
    expect(createChange('Development Team', null, [bob])).toEqual({
      kind: 'create',
      name: 'Development Team',
      managerId: null,
      memberIds: [bob.id],
    });
  });
});
