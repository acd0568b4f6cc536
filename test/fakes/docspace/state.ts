import { randomUUID } from 'node:crypto';
import type { FixturePerson } from '../../fixtures/people.js';
import { groupNotFoundMessage, notFound } from './envelopes.js';
import { EMPTY_GUID } from './input.js';
import type { FakeDocSpaceUser, FakeGroupState, UserRecord } from './types.js';

/** The portal's users and groups. Groups are soft-deleted (`removed`) like the real `core_group` rows. */
export interface FakeState {
  readonly users: Map<string, UserRecord>;
  readonly groups: Map<string, FakeGroupState>;
  reset(): void;
  addUser(input: Omit<FakeDocSpaceUser, 'id'> & { id?: string }): UserRecord;
  /** A group that exists and is not removed, else the server's 404 "The group could not be found". */
  liveGroup(id: string): FakeGroupState;
  insertGroup(input: {
    name: string;
    managerId?: string | null;
    memberIds?: readonly string[];
    id?: string;
  }): FakeGroupState;
}

const SEED_DATE = '2024-01-15T09:30:00.0000000+00:00';

function userNameOf(email: string, id: string): string {
  const local = email.split('@')[0];
  return local !== undefined && local.length > 0 ? local : id;
}

function apiDateNow(): string {
  return new Date().toISOString().replace(/\.(\d{3})Z$/, '.$10000+00:00');
}

function recordFor(user: FakeDocSpaceUser, registrationDate: string): UserRecord {
  return { ...user, id: user.id.toLowerCase(), userName: userNameOf(user.email, user.id), registrationDate };
}

function seedUsers(people: readonly FixturePerson[]): UserRecord[] {
  const users: UserRecord[] = [];
  for (const person of people) {
    if (!person.docspace) continue;
    const { id, type, status } = person.docspace;
    const email = person.email ?? `${person.handle}@docspace.invalid`;
    users.push(
      recordFor({ id, firstName: person.firstName, lastName: person.lastName, email, type, status }, SEED_DATE),
    );
  }
  return users;
}

export function createState(people: readonly FixturePerson[]): FakeState {
  const users = new Map<string, UserRecord>();
  const groups = new Map<string, FakeGroupState>();

  const reset = (): void => {
    users.clear();
    groups.clear();
    for (const user of seedUsers(people)) users.set(user.id, user);
  };

  const addUser: FakeState['addUser'] = (input) => {
    const record = recordFor({ ...input, id: input.id ?? randomUUID() }, apiDateNow());
    users.set(record.id, record);
    return record;
  };

  const liveGroup = (id: string): FakeGroupState => {
    const group = groups.get(id.toLowerCase());
    if (!group || group.removed) throw notFound(groupNotFoundMessage);
    return group;
  };

  const insertGroup: FakeState['insertGroup'] = (input) => {
    const managerId = input.managerId && input.managerId !== EMPTY_GUID ? input.managerId.toLowerCase() : null;
    const memberIds = [
      ...new Set([...(managerId ? [managerId] : []), ...(input.memberIds ?? []).map((m) => m.toLowerCase())]),
    ];
    const id = (input.id ?? randomUUID()).toLowerCase();
    const group: FakeGroupState = { id, name: input.name, managerId, memberIds, removed: false };
    groups.set(id, group);
    return group;
  };

  reset();
  return { users, groups, reset, addUser, liveGroup, insertGroup };
}

export function copyGroup(group: FakeGroupState): FakeGroupState {
  return { ...group, memberIds: [...group.memberIds] };
}
