import type { FakeGroupState, UserRecord } from './types.js';

/** Group side effects as UserManager applies them (section 7 of docspace-api.md). */
type Users = ReadonlyMap<string, UserRecord>;

/** ValidateUserAsync: existing, not terminated (disabled), not a guest. Pending invitees are allowed. */
export function canBeMember(users: Users, id: string): boolean {
  const user = users.get(id);
  return user !== undefined && user.status !== 'disabled' && user.type !== 'guest';
}

/** Adds valid users once each; unknown, guest and disabled ids are silently skipped. */
export function addMembers(group: FakeGroupState, users: Users, ids: readonly string[]): void {
  for (const id of ids) {
    if (canBeMember(users, id) && !group.memberIds.includes(id)) group.memberIds.push(id);
  }
}

/** Removes members; removing the manager also clears `managerId`. Non-members are ignored. */
export function removeMembers(group: FakeGroupState, ids: readonly string[]): void {
  const remove = new Set(ids);
  group.memberIds = group.memberIds.filter((id) => !remove.has(id));
  if (group.managerId && remove.has(group.managerId)) group.managerId = null;
}

/** Sets the single manager reference and adds them as a member; the old manager stays a plain member. */
export function setManager(group: FakeGroupState, users: Users, id: string): boolean {
  if (!canBeMember(users, id)) return false;
  group.managerId = id;
  addMembers(group, users, [id]);
  return true;
}
