import type { DocSpaceUserId, Group, IgnoredByDocSpace } from '../domain/index.js';

/** What a write asked DocSpace to do; absent fields were not asked for. */
export interface AskedChange {
  readonly name?: string;
  readonly managerId?: DocSpaceUserId;
  readonly add?: readonly DocSpaceUserId[];
  readonly remove?: readonly DocSpaceUserId[];
}

/**
 * DocSpace answers 200 and silently skips unknown, guest and disabled ids, so compare the group it returned
 * with what was asked. An id in both `add` and `remove` ends up removed (remove runs last), so it is judged
 * only as a removal; removing the asked manager clears the manager, so that is not reported as managerNotSet.
 */
export function findIgnored(group: Group, asked: AskedChange): IgnoredByDocSpace {
  const removing = new Set(asked.remove ?? []);
  const memberIds = new Set(group.members.map((member) => member.id));
  const managerId = asked.managerId;
  const managerIgnored = managerId !== undefined && !removing.has(managerId) && group.manager?.id !== managerId;
  return {
    managerNotSet: managerIgnored ? managerId : null,
    notAdded: (asked.add ?? []).filter((id) => !removing.has(id) && !memberIds.has(id)),
    notRemoved: [...removing].filter((id) => memberIds.has(id)),
    nameNotApplied: asked.name !== undefined && group.name !== asked.name ? asked.name : null,
  };
}
