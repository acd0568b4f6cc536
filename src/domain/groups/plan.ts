import type { DomainFailure } from '../model/failures.js';
import type { DocSpaceUser, Group, GroupChange, GroupSummary, SkippedUsers } from '../model/group.js';
import type { DocSpaceUserId } from '../model/ids.js';
import { err, ok, type Result } from '../model/result.js';

export interface Plan {
  /** The change with its no-op parts removed. */
  readonly change: GroupChange;
  readonly before: GroupSummary | null;
  readonly skipped: SkippedUsers;
  /** DocSpace user id -> display name for everyone the plan mentions. */
  readonly names: Readonly<Record<string, string>>;
}

export type Names = Readonly<Record<string, string>>;

export function namesOf(...lists: ReadonlyArray<readonly (DocSpaceUser | null | undefined)[]>): Record<string, string> {
  const names: Record<string, string> = {};
  for (const list of lists) for (const u of list) if (u) names[u.id] = u.displayName;
  return names;
}

function summaryOf(group: GroupSummary): GroupSummary {
  return { id: group.id, name: group.name, manager: group.manager, membersCount: group.membersCount };
}

const nameOf = (names: Names, id: string) => names[id] ?? id;
const asUsers = (ids: readonly DocSpaceUserId[], names: Names): DocSpaceUser[] =>
  ids.map((id) => ({ id, displayName: nameOf(names, id), email: null, status: 'active', type: 'user' }));

function planMembers(change: Extract<GroupChange, { kind: 'members' }>, group: Group, names: Names) {
  const memberIds = new Set(group.members.map((m) => m.id));
  const removeIds = new Set(change.remove);
  const add = change.add.filter((id) => !memberIds.has(id) && !removeIds.has(id));
  const remove = change.remove.filter((id) => memberIds.has(id));
  const already = change.add.filter((id) => memberIds.has(id) && !removeIds.has(id));
  const notIn = change.remove.filter((id) => !memberIds.has(id));
  const skipped: SkippedUsers = { alreadyMembers: asUsers(already, names), notMembers: asUsers(notIn, names) };
  if (add.length === 0 && remove.length === 0) {
    const list = (ids: readonly string[]) => ids.map((id) => nameOf(names, id)).join(', ');
    const parts = [
      already.length > 0 ? `${list(already)} ${already.length === 1 ? 'is' : 'are'} already in ${group.name}` : '',
      notIn.length > 0 ? `${list(notIn)} ${notIn.length === 1 ? 'is' : 'are'} not in ${group.name}` : '',
    ].filter(Boolean);
    return err<DomainFailure>({ code: 'no_change', explanation: `${parts.join('; ') || 'No users were given'}.` });
  }
  const planned: GroupChange = {
    kind: 'members',
    groupId: group.id,
    add,
    remove,
    ...(change.duration === undefined ? {} : { duration: change.duration }),
  };
  return ok<Plan>({
    change: planned,
    before: summaryOf(group),
    skipped,
    names: { ...names, ...namesOf(group.members) },
  });
}

/**
 * Plans a change against the group as it is now: drops what would do nothing, and answers no_change when nothing is
 * left. Used for direct changes and again, on fresh state, when an approved request executes.
 * `current` must carry members for a members change; it is null for create.
 */
export function planChange(
  change: GroupChange,
  current: Group | GroupSummary | null,
  names: Names,
): Result<Plan, DomainFailure> {
  const none: SkippedUsers = { alreadyMembers: [], notMembers: [] };
  if (change.kind === 'create') return ok({ change, before: null, skipped: none, names });
  if (!current) throw new Error(`planChange(${change.kind}) needs the current group`);
  const withManager = { ...names, ...namesOf([current.manager]) };
  switch (change.kind) {
    case 'set_manager':
      if (current.manager?.id === change.managerId) {
        const who = nameOf(names, change.managerId);
        return err({ code: 'no_change', explanation: `${who} is already the manager of ${current.name}.` });
      }
      return ok({ change, before: summaryOf(current), skipped: none, names: withManager });
    case 'members':
      if (!('members' in current)) throw new Error('planChange(members) needs the group with its members');
      return planMembers(change, current as Group, withManager);
    case 'rename':
      if (current.name === change.name) {
        return err({ code: 'no_change', explanation: `The group is already called ${change.name}.` });
      }
      return ok({ change, before: summaryOf(current), skipped: none, names: withManager });
    case 'delete':
      return ok({ change, before: summaryOf(current), skipped: none, names: withManager });
  }
}

/** Create: the manager is always a member too (DocSpace adds them anyway); duplicates dropped. */
export function createChange(
  name: string,
  manager: DocSpaceUser | null,
  members: readonly DocSpaceUser[],
): GroupChange {
  const all = [...new Map([manager, ...members].flatMap((u) => (u ? [[u.id, u] as const] : []))).values()];
  return { kind: 'create', name, managerId: manager?.id ?? null, memberIds: all.map((u) => u.id) };
}
