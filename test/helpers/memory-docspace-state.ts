import type {
  DocSpaceUser,
  Group,
  GroupSummary,
  IgnoredByDocSpace,
  WriteOutcome,
} from '../../src/domain/model/group.js';
import type { DocSpaceUserId, GroupId } from '../../src/domain/model/ids.js';
import type { GatewayErrorCode, GroupUpdate, ListGroupsQuery } from '../../src/domain/ports.js';
import { ALL_PEOPLE, displayNameOf, type FixturePerson } from '../fixtures/people.js';

/** Thrown by the fake like the real adapter's errors: an Error with a GatewayErrorCode. */
export class MemoryGatewayError extends Error {
  readonly code: GatewayErrorCode;
  constructor(code: GatewayErrorCode, message: string) {
    super(message);
    this.name = 'MemoryGatewayError';
    this.code = code;
  }
}

export interface GroupRecord {
  readonly id: GroupId;
  name: string;
  managerId: DocSpaceUserId | null;
  memberIds: DocSpaceUserId[];
}

export interface DocSpaceState {
  readonly users: Map<string, DocSpaceUser>;
  readonly groups: Map<string, GroupRecord>;
  created: number;
}

export type CreateInput = { name: string; managerId?: DocSpaceUserId; memberIds?: readonly DocSpaceUserId[] };

/** The DocSpace account of a fixture person; emails are stored lower-cased. */
export function docspaceUserOfPerson(person: FixturePerson): DocSpaceUser | null {
  if (!person.docspace) return null;
  return {
    id: person.docspace.id as DocSpaceUserId,
    displayName: displayNameOf(person),
    email: person.email?.toLowerCase() ?? null,
    status: person.docspace.status,
    type: person.docspace.type,
  };
}

/** The fixture cast plus any extra users; no groups. */
export function createDocSpaceState(extra: readonly DocSpaceUser[]): DocSpaceState {
  const users = new Map<string, DocSpaceUser>();
  for (const person of ALL_PEOPLE) {
    const user = docspaceUserOfPerson(person);
    if (user) users.set(user.id, user);
  }
  for (const user of extra) users.set(user.id, { ...user });
  return { users, groups: new Map(), created: 0 };
}

export const notFound = (what: string) => new MemoryGatewayError('not_found', `The ${what} could not be found`);

/** Who may be a member or manager: exists, not disabled, not a guest (pending invitees are fine). */
const canBeMember = (state: DocSpaceState, id: string) => {
  const user = state.users.get(id);
  return user !== undefined && user.status !== 'disabled' && user.type !== 'guest';
};

/** members and membersCount hide disabled users; the manager may still point at one. */
export function toGroup(state: DocSpaceState, g: GroupRecord, withMembers = true): Group {
  const members = g.memberIds.flatMap((id) => {
    const user = state.users.get(id);
    return user && user.status !== 'disabled' ? [{ ...user }] : [];
  });
  const manager = g.managerId ? state.users.get(g.managerId) : undefined;
  const group = { id: g.id, name: g.name, manager: manager ? { ...manager } : null, membersCount: members.length };
  return { ...group, members: withMembers ? members : [] };
}

export function toSummary(state: DocSpaceState, g: GroupRecord): GroupSummary {
  const { members: _members, ...summary } = toGroup(state, g);
  return summary;
}

export function findRecord(state: DocSpaceState, id: string): GroupRecord {
  const g = state.groups.get(id);
  if (!g) throw notFound('group');
  return g;
}

function addTo(state: DocSpaceState, g: GroupRecord, ids: readonly DocSpaceUserId[]) {
  for (const id of ids) if (canBeMember(state, id) && !g.memberIds.includes(id)) g.memberIds.push(id);
}

/** Removing the manager as a member also clears the manager. */
function removeFrom(g: GroupRecord, ids: readonly string[]) {
  g.memberIds = g.memberIds.filter((id) => !ids.includes(id));
  if (g.managerId && ids.includes(g.managerId)) g.managerId = null;
}

/** The manager is added as a member; the old manager stays a plain member; an unusable user is ignored. */
function setManagerOf(state: DocSpaceState, g: GroupRecord, id: DocSpaceUserId) {
  if (!canBeMember(state, id)) return;
  g.managerId = id;
  addTo(state, g, [id]);
}

function checkName(name: string) {
  if (name.trim().length === 0 || name.length > 128) throw new MemoryGatewayError('validation', 'Invalid group name');
}

/** What DocSpace skipped, judged like the real adapter: compare the group it returned with what was asked. */
function outcomeOf(state: DocSpaceState, g: GroupRecord, asked: GroupUpdate): WriteOutcome {
  const group = toGroup(state, g);
  const removing = new Set<string>(asked.remove ?? []);
  const memberIds = new Set<string>(group.members.map((m) => m.id));
  const managerId = asked.managerId;
  const ignored: IgnoredByDocSpace = {
    managerNotSet: managerId && !removing.has(managerId) && group.manager?.id !== managerId ? managerId : null,
    notAdded: (asked.add ?? []).filter((id) => !removing.has(id) && !memberIds.has(id)),
    notRemoved: (asked.remove ?? []).filter((id) => memberIds.has(id)),
    nameNotApplied: asked.name !== undefined && group.name !== asked.name ? asked.name : null,
  };
  return { group, ignored };
}

/** PUT /group/{id}: rename, then manager, then add, then remove (so remove wins). */
export function updateRecord(state: DocSpaceState, g: GroupRecord, update: GroupUpdate): WriteOutcome {
  if (update.name !== undefined) {
    checkName(update.name);
    g.name = update.name;
  }
  if (update.managerId) setManagerOf(state, g, update.managerId);
  addTo(state, g, update.add ?? []);
  removeFrom(g, update.remove ?? []);
  return outcomeOf(state, g, update);
}

/** POST /group (DocSpace 3.7+): an unknown, guest or disabled manager or member is a 400; duplicate names are fine. */
export function createRecord(state: DocSpaceState, input: CreateInput): GroupRecord {
  checkName(input.name);
  const asked = [...(input.managerId ? [input.managerId] : []), ...(input.memberIds ?? [])];
  if (asked.some((id) => !canBeMember(state, id))) {
    throw new MemoryGatewayError('validation', 'The user could not be found');
  }
  state.created++;
  const n = state.created.toString(16);
  const id = `eeee${n.padStart(4, '0')}-0000-4000-8000-${n.padStart(12, '0')}` as GroupId;
  const g: GroupRecord = { id, name: input.name, managerId: null, memberIds: [] };
  if (input.managerId) setManagerOf(state, g, input.managerId);
  addTo(state, g, input.memberIds ?? []);
  state.groups.set(g.id, g);
  return g;
}

export function createOutcome(state: DocSpaceState, input: CreateInput): WriteOutcome {
  const g = createRecord(state, input);
  const managerId = input.managerId ? { managerId: input.managerId } : {};
  return outcomeOf(state, g, { name: input.name, ...managerId, add: input.memberIds ?? [] });
}

/** GET /group: case-insensitive substring filter, sorted, paged; no members. */
export function listRecords(state: DocSpaceState, q: ListGroupsQuery = {}) {
  const count = q.count ?? 100;
  if (count < 1 || count > 100) throw new MemoryGatewayError('validation', 'count must be 1..100');
  const filter = q.filterValue?.trim().toLowerCase() ?? '';
  const key = (g: GroupSummary) =>
    q.sortBy === 'membersCount' ? g.membersCount : q.sortBy === 'manager' ? (g.manager?.displayName ?? '') : g.name;
  const direction = q.sortOrder === 'descending' ? -1 : 1;
  const all = [...state.groups.values()]
    .filter((g) => g.name.toLowerCase().includes(filter))
    .filter((g) => !q.userId || (q.managedOnly ? g.managerId === q.userId : g.memberIds.includes(q.userId)))
    .map((g) => toSummary(state, g))
    .sort((a, b) => (key(a) < key(b) ? -direction : key(a) > key(b) ? direction : 0));
  const start = q.startIndex ?? 0;
  return { groups: all.slice(start, start + count), total: all.length };
}

/** People search: every word in the display name or email; active users only. */
export function searchUsers(state: DocSpaceState, query: string): DocSpaceUser[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const text = (u: DocSpaceUser) => `${u.displayName} ${u.email ?? ''}`.toLowerCase();
  return [...state.users.values()]
    .filter((u) => u.status === 'active' && words.every((w) => text(u).includes(w)))
    .map((u) => ({ ...u }));
}
