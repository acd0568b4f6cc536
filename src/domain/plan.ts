import type { DomainFailure } from './failures.js';
import type { DocSpaceUser, Group, GroupChange, GroupSummary } from './group.js';
import type { SkippedUsers } from './outcomes.js';
import { err, ok, type Result } from './result.js';

/** A change with its targets already resolved to DocSpace users and groups. */
export type Intent =
  | {
      readonly kind: 'create';
      readonly name: string;
      readonly manager: DocSpaceUser | null;
      readonly members: readonly DocSpaceUser[];
    }
  | { readonly kind: 'set_manager'; readonly group: GroupSummary; readonly manager: DocSpaceUser }
  | {
      readonly kind: 'members';
      readonly group: Group;
      readonly add: readonly DocSpaceUser[];
      readonly remove: readonly DocSpaceUser[];
    }
  | { readonly kind: 'rename'; readonly group: GroupSummary; readonly name: string }
  | { readonly kind: 'delete'; readonly group: GroupSummary };

export interface Plan {
  readonly change: GroupChange;
  readonly before: GroupSummary | null;
  readonly skipped: SkippedUsers;
  /** DocSpace user id -> display name for everyone the plan mentions. */
  readonly names: Readonly<Record<string, string>>;
}

const NOTHING_SKIPPED: SkippedUsers = { alreadyMembers: [], notMembers: [] };

export function namesOf(...lists: ReadonlyArray<readonly (DocSpaceUser | null | undefined)[]>): Record<string, string> {
  const names: Record<string, string> = {};
  for (const list of lists) for (const u of list) if (u) names[u.id] = u.displayName;
  return names;
}

function summaryOf(group: GroupSummary): GroupSummary {
  return { id: group.id, name: group.name, manager: group.manager, membersCount: group.membersCount };
}

function planMembers(intent: Extract<Intent, { kind: 'members' }>): Result<Plan, DomainFailure> {
  const { group } = intent;
  const memberIds = new Set(group.members.map((m) => m.id));
  const removeIds = new Set(intent.remove.map((u) => u.id));
  const add = intent.add.filter((u) => !memberIds.has(u.id) && !removeIds.has(u.id));
  const remove = intent.remove.filter((u) => memberIds.has(u.id));
  const skipped = {
    alreadyMembers: intent.add.filter((u) => memberIds.has(u.id) && !removeIds.has(u.id)),
    notMembers: intent.remove.filter((u) => !memberIds.has(u.id)),
  };
  if (add.length === 0 && remove.length === 0) {
    const parts = [
      skipped.alreadyMembers.length > 0
        ? `${skipped.alreadyMembers.map((u) => u.displayName).join(', ')} already in`
        : '',
      skipped.notMembers.length > 0 ? `${skipped.notMembers.map((u) => u.displayName).join(', ')} not in` : '',
    ].filter(Boolean);
    return err({ code: 'no_change', explanation: `${parts.join('; ') || 'No users given for'} ${group.name}.` });
  }
  return ok({
    change: { kind: 'members', groupId: group.id, add: add.map((u) => u.id), remove: remove.map((u) => u.id) },
    before: summaryOf(group),
    skipped,
    names: namesOf(intent.add, intent.remove, [group.manager]),
  });
}

/** Drops what would do nothing; a change that would do nothing at all is answered at once with no_change. */
export function planChange(intent: Intent): Result<Plan, DomainFailure> {
  switch (intent.kind) {
    case 'create': {
      const members = [...new Map([intent.manager, ...intent.members].filter(Boolean).map((u) => [u?.id, u])).values()];
      const change: GroupChange = {
        kind: 'create',
        name: intent.name,
        managerId: intent.manager?.id ?? null,
        memberIds: members.map((u) => (u as DocSpaceUser).id),
      };
      return ok({ change, before: null, skipped: NOTHING_SKIPPED, names: namesOf(members) });
    }
    case 'set_manager': {
      const { group, manager } = intent;
      if (group.manager?.id === manager.id) {
        return err({
          code: 'no_change',
          explanation: `${manager.displayName} is already the manager of ${group.name}.`,
        });
      }
      return ok({
        change: { kind: 'set_manager', groupId: group.id, managerId: manager.id },
        before: summaryOf(group),
        skipped: NOTHING_SKIPPED,
        names: namesOf([manager, group.manager]),
      });
    }
    case 'members':
      return planMembers(intent);
    case 'rename': {
      if (intent.group.name === intent.name) {
        return err({ code: 'no_change', explanation: `The group is already called ${intent.name}.` });
      }
      const change: GroupChange = { kind: 'rename', groupId: intent.group.id, name: intent.name };
      return ok({
        change,
        before: summaryOf(intent.group),
        skipped: NOTHING_SKIPPED,
        names: namesOf([intent.group.manager]),
      });
    }
    case 'delete': {
      const change: GroupChange = { kind: 'delete', groupId: intent.group.id };
      return ok({
        change,
        before: summaryOf(intent.group),
        skipped: NOTHING_SKIPPED,
        names: namesOf([intent.group.manager]),
      });
    }
  }
}
