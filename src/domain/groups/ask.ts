import type { IdentityResolver } from '../identity/resolver.js';
import { resolveUserRefs } from '../identity/user-refs.js';
import type { DomainFailure } from '../model/failures.js';
import { checkGroupName, type DocSpaceUser, type Group, type GroupChange, type GroupSummary } from '../model/group.js';
import type { SlackTeamId } from '../model/ids.js';
import { type GroupRef, type UserRef, userRefKey } from '../model/ids.js';
import { err, ok, type Result } from '../model/result.js';
import type { DocSpaceGateway } from '../ports.js';
import { resolveGroup } from './lookup.js';
import { createChange, type Names, namesOf } from './plan.js';

/** A change as a person asks for it: groups and users still by name, mention or email. */
export type ChangeAsk =
  | {
      readonly kind: 'create';
      readonly name: string;
      readonly manager: UserRef | null;
      readonly members: readonly UserRef[];
    }
  | {
      readonly kind: 'set_manager';
      readonly group: GroupRef;
      readonly manager: UserRef;
      readonly duration?: number;
      /** `manager "G" @user now`: an admin gives a group with no manager one, without waiting for acceptance. */
      readonly now?: boolean;
    }
  | {
      readonly kind: 'members';
      readonly group: GroupRef;
      readonly add: readonly UserRef[];
      readonly remove: readonly UserRef[];
      /** Time-bound membership of the added people, in ms. */
      readonly duration?: number;
    }
  | { readonly kind: 'rename'; readonly group: GroupRef; readonly name: string }
  | { readonly kind: 'delete'; readonly group: GroupRef };

export interface ResolvedAsk {
  readonly change: GroupChange;
  /** The group as it is now (with members for a members change); null for create. */
  readonly current: Group | GroupSummary | null;
  readonly names: Names;
}

type Deps = { readonly docspace: DocSpaceGateway; readonly identity: IdentityResolver };

function refsOf(ask: ChangeAsk): UserRef[] {
  switch (ask.kind) {
    case 'create':
      return [...(ask.manager ? [ask.manager] : []), ...ask.members];
    case 'set_manager':
      return [ask.manager];
    case 'members':
      return [...ask.add, ...ask.remove];
    default:
      return [];
  }
}

/** How many distinct people an ask names (a mention and an email count apart: nothing is looked up to tell). */
export function peopleIn(ask: ChangeAsk): number {
  return new Set(refsOf(ask).map(userRefKey)).size;
}

function checkName(raw: string): Result<string, DomainFailure> {
  const checked = checkGroupName(raw);
  return checked.ok ? ok(checked.name) : err({ code: 'invalid_name', reason: checked.reason });
}

async function ensureNameFree(deps: Deps, name: string, exceptId: string | null): Promise<DomainFailure | null> {
  const existing = (await deps.docspace.findGroupsByName(name)).filter((g) => g.id !== exceptId);
  return existing.length > 0 ? { code: 'group_name_taken', name, existing } : null;
}

/**
 * Turns an ask into a concrete change: validates names, resolves every user (once each, concurrently) and the group.
 * Any user that cannot be resolved fails the whole ask, with every reason listed; nothing is written. With
 * `checkNewName` a create's or rename's name must be free in DocSpace now (a direct change checks it under its claim).
 */
export async function resolveAsk(
  deps: Deps,
  teamId: SlackTeamId,
  ask: ChangeAsk,
  options: { readonly checkNewName: boolean },
): Promise<Result<ResolvedAsk, DomainFailure>> {
  const newName = ask.kind === 'create' || ask.kind === 'rename' ? checkName(ask.name) : ok(null);
  if (!newName.ok) return newName;
  const users = await resolveUserRefs(deps, teamId, refsOf(ask));
  if (users.failures.length > 0) return err({ code: 'identity', failures: users.failures });
  const user = (ref: UserRef) => users.byKey.get(userRefKey(ref)) as DocSpaceUser;
  const names = namesOf([...users.byKey.values()]);
  if (ask.kind === 'create') {
    const name = newName.value as string;
    const taken = options.checkNewName ? await ensureNameFree(deps, name, null) : null;
    if (taken) return err(taken);
    const change = createChange(name, ask.manager ? user(ask.manager) : null, ask.members.map(user));
    return ok({ change, current: null, names });
  }
  const group = await resolveGroup(deps.docspace, ask.group, { withMembers: ask.kind === 'members' });
  if (!group.ok) return group;
  const g = group.value;
  let change: GroupChange;
  const timed = 'duration' in ask && ask.duration !== undefined ? { duration: ask.duration } : {};
  if (ask.kind === 'set_manager')
    change = { kind: 'set_manager', groupId: g.id, managerId: user(ask.manager).id, ...timed };
  else if (ask.kind === 'members') {
    change = {
      kind: 'members',
      groupId: g.id,
      add: ask.add.map((r) => user(r).id),
      remove: ask.remove.map((r) => user(r).id),
      ...timed,
    };
  } else if (ask.kind === 'rename') {
    const name = newName.value as string;
    const taken = name === g.name || !options.checkNewName ? null : await ensureNameFree(deps, name, g.id);
    if (taken) return err(taken);
    change = { kind: 'rename', groupId: g.id, name };
  } else change = { kind: 'delete', groupId: g.id };
  return ok({ change, current: g, names });
}
