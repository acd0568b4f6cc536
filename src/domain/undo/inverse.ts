import type { Group, GroupChange } from '../model/group.js';
import type { DocSpaceUserId } from '../model/ids.js';
import type { LeftAlone } from '../model/undo.js';
import type { UndoSource } from './source.js';

/** The inverse of a change against the group as it is now: null change when nothing is left to reverse. */
export interface Inverse {
  readonly change: GroupChange | null;
  readonly leftAlone: readonly LeftAlone[];
}

const sameSet = (a: readonly string[], b: readonly string[]) => {
  const set = new Set(a);
  return a.length === b.length && b.every((id) => set.has(id)) && set.size === new Set(b).size;
};

/** A created group is deleted only while it is exactly as the create left it: deleting cannot be undone. */
function invertCreate(source: UndoSource, current: Group): Inverse {
  const { after } = source;
  const parts: ('name' | 'manager' | 'members')[] = [];
  if (current.name !== after.name) parts.push('name');
  if ((current.manager?.id ?? null) !== after.managerId) parts.push('manager');
  const members = current.members.map((m) => m.id);
  if (after.memberIds && !sameSet(members, after.memberIds)) parts.push('members');
  if (parts.length > 0) return { change: null, leftAlone: [{ kind: 'group_changed', parts }] };
  return { change: { kind: 'delete', groupId: current.id }, leftAlone: [] };
}

/**
 * What the members change actually did: the ones it added that are members after it, the ones it removed that are
 * not (DocSpace silently skips guests and disabled accounts). Each is reversed only while still so now.
 */
function invertMembers(source: UndoSource, change: Extract<GroupChange, { kind: 'members' }>, current: Group): Inverse {
  const afterIds = new Set(source.after.memberIds ?? [...change.add]);
  const added = change.add.filter((id) => afterIds.has(id));
  const removed = change.remove.filter((id) => !afterIds.has(id));
  const now = new Set(current.members.map((m) => m.id));
  const remove: DocSpaceUserId[] = [];
  const add: DocSpaceUserId[] = [];
  const leftAlone: LeftAlone[] = [];
  for (const id of added) {
    if (now.has(id)) remove.push(id);
    else leftAlone.push({ kind: 'member_left', userId: id });
  }
  for (const id of removed) {
    if (now.has(id)) leftAlone.push({ kind: 'member_back', userId: id });
    else add.push(id);
  }
  const inverse: GroupChange | null =
    add.length || remove.length ? { kind: 'members', groupId: current.id, add, remove } : null;
  return { change: inverse, leftAlone };
}

function invertManager(source: UndoSource, current: Group): Inverse {
  const set = source.after.managerId;
  const previous = source.before?.managerId ?? null;
  if (!set || set === previous) return { change: null, leftAlone: [] };
  const now = current.manager?.id ?? null;
  if (now !== set) return { change: null, leftAlone: [{ kind: 'manager_moved', expected: set, current: now }] };
  if (!previous) return { change: null, leftAlone: [{ kind: 'no_previous_manager' }] };
  return { change: { kind: 'set_manager', groupId: current.id, managerId: previous }, leftAlone: [] };
}

function invertRename(source: UndoSource, current: Group): Inverse {
  const previous = source.before?.name;
  const set = source.after.name;
  if (previous === undefined || previous === set) return { change: null, leftAlone: [] };
  if (current.name !== set) {
    return { change: null, leftAlone: [{ kind: 'renamed_since', expected: set, current: current.name }] };
  }
  return { change: { kind: 'rename', groupId: current.id, name: previous }, leftAlone: [] };
}

/**
 * The inverse of what a change actually did (from its audit before/after, not from what was asked), limited to what
 * is still as the change left it in `current` (the group read now; null when it is gone).
 */
export function invert(source: UndoSource, current: Group | null): Inverse {
  if (!current) return { change: null, leftAlone: [{ kind: 'group_gone' }] };
  const change = source.change;
  switch (change.kind) {
    case 'create':
      return invertCreate(source, current);
    case 'members':
      return invertMembers(source, change, current);
    case 'set_manager':
      return invertManager(source, current);
    case 'rename':
      return invertRename(source, current);
    case 'delete':
      return { change: null, leftAlone: [] };
  }
}
