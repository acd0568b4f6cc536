import type { DocSpaceUser, Group } from '../../src/domain/model/group.js';
import type { DocSpaceUserId, GroupId } from '../../src/domain/model/ids.js';
import type { DocSpaceGateway, GatewayErrorCode } from '../../src/domain/ports.js';
import { PEOPLE } from '../fixtures/people.js';
import {
  type CreateInput,
  createDocSpaceState,
  createOutcome,
  createRecord,
  type DocSpaceState,
  docspaceUserOfPerson,
  findRecord,
  listRecords,
  MemoryGatewayError,
  notFound,
  searchUsers,
  toGroup,
  toSummary,
  updateRecord,
} from './memory-docspace-state.js';

export { docspaceUserOfPerson } from './memory-docspace-state.js';

type GatewayMethod = keyof DocSpaceGateway;

const WRITES: ReadonlySet<string> = new Set<GatewayMethod>([
  'createGroup',
  'updateGroup',
  'setManager',
  'addMembers',
  'removeMembers',
  'deleteGroup',
]);

/** An in-memory DocSpaceGateway with DocSpace's group rules (docspace-api.md section 7), knobs and a call log. */
export interface MemoryDocSpace extends DocSpaceGateway {
  /** Method names, in call order (seeding and peeking are not logged). */
  readonly calls: string[];
  /** Calls running now, and the most that ran at once. */
  readonly stats: { inFlight: number; maxInFlight: number };
  /** The next `n` calls (of `method`, when given) throw an Error with that code. */
  failNext(code: GatewayErrorCode, n?: number, method?: GatewayMethod): void;
  /** Every call yields this many microtasks before answering, so concurrent callers overlap. */
  setLatencyTicks(ticks: number): void;
  /** The logged calls that write. */
  writeCalls(): string[];
  addUser(user: DocSpaceUser): void;
  removeUser(id: DocSpaceUserId): void;
  updateUser(id: DocSpaceUserId, patch: Partial<Omit<DocSpaceUser, 'id'>>): void;
  seedGroup(input: CreateInput): Group;
  removeGroup(id: GroupId): void;
  peekGroup(id: GroupId): Group | null;
  peekGroups(): Group[];
}

type Run = <T>(method: GatewayMethod, fn: () => T) => Promise<T>;
type Failure = { readonly code: GatewayErrorCode; left: number; readonly method: GatewayMethod | undefined };
type Knobs = Pick<MemoryDocSpace, 'calls' | 'stats' | 'failNext' | 'setLatencyTicks' | 'writeCalls'>;

/** Logs the call, counts it in flight, yields, then throws an injected failure or answers. */
function createRunner(): { run: Run; knobs: Knobs } {
  const calls: string[] = [];
  const stats = { inFlight: 0, maxInFlight: 0 };
  const failures: Failure[] = [];
  let ticks = 0;
  const run: Run = async (method, fn) => {
    calls.push(method);
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    try {
      for (let i = 0; i < ticks; i++) await Promise.resolve();
      const failure = failures.find((f) => f.method === undefined || f.method === method);
      if (failure) {
        failure.left--;
        if (failure.left <= 0) failures.splice(failures.indexOf(failure), 1);
        throw new MemoryGatewayError(failure.code, `injected ${failure.code} on ${method}`);
      }
      return fn();
    } finally {
      stats.inFlight--;
    }
  };
  const knobs: Knobs = {
    calls,
    stats,
    failNext: (code, n = 1, method) => {
      failures.push({ code, left: n, method });
    },
    setLatencyTicks: (n) => {
      ticks = n;
    },
    writeCalls: () => calls.filter((c) => WRITES.has(c)),
  };
  return { run, knobs };
}

function userOrThrow(found: DocSpaceUser | undefined): DocSpaceUser {
  if (!found) throw notFound('user');
  return { ...found };
}

function peopleMethods(state: DocSpaceState, run: Run, self: DocSpaceUser) {
  return {
    getSelf: () => run('getSelf', () => ({ ...self })),
    /** Exact match on the trimmed email, case-sensitive like PostgreSQL installs: callers must lower-case. */
    getUserByEmail: (email: string) =>
      run('getUserByEmail', () => userOrThrow([...state.users.values()].find((u) => u.email === email.trim()))),
    getUserById: (id: DocSpaceUserId) => run('getUserById', () => userOrThrow(state.users.get(id))),
    searchPeople: (query: string) => run('searchPeople', () => searchUsers(state, query)),
  } satisfies Partial<DocSpaceGateway>;
}

function groupMethods(state: DocSpaceState, run: Run) {
  const update = (id: GroupId, change: Parameters<DocSpaceGateway['updateGroup']>[1]) =>
    updateRecord(state, findRecord(state, id), change);
  return {
    listGroups: (query) => run('listGroups', () => listRecords(state, query)),
    findGroupsByName: (name) =>
      run('findGroupsByName', () =>
        [...state.groups.values()].filter((g) => g.name === name.trim()).map((g) => toSummary(state, g)),
      ),
    getGroup: (id, options) =>
      run('getGroup', () => toGroup(state, findRecord(state, id), options?.includeMembers ?? true)),
    createGroup: (input) => run('createGroup', () => createOutcome(state, input)),
    updateGroup: (id, change) => run('updateGroup', () => update(id, change)),
    setManager: (id, userId) =>
      run('setManager', () => {
        findRecord(state, id);
        if (!state.users.has(userId)) throw notFound('user');
        return update(id, { managerId: userId });
      }),
    addMembers: (id, ids) => run('addMembers', () => update(id, { add: ids })),
    removeMembers: (id, ids) => run('removeMembers', () => update(id, { remove: ids })),
    deleteGroup: (id) =>
      run('deleteGroup', () => {
        findRecord(state, id);
        state.groups.delete(id);
      }),
  } satisfies Partial<DocSpaceGateway>;
}

/** Direct state access for arranging a test and checking its result; none of it is logged. */
function seedingMethods(state: DocSpaceState) {
  return {
    addUser: (user: DocSpaceUser) => {
      state.users.set(user.id, { ...user });
    },
    removeUser: (id: DocSpaceUserId) => {
      state.users.delete(id);
    },
    updateUser: (id: DocSpaceUserId, patch: Partial<Omit<DocSpaceUser, 'id'>>) => {
      const user = state.users.get(id);
      if (user) state.users.set(id, { ...user, ...patch });
    },
    seedGroup: (input: CreateInput) => toGroup(state, createRecord(state, input)),
    removeGroup: (id: GroupId) => {
      state.groups.delete(id);
    },
    peekGroup: (id: GroupId) => {
      const g = state.groups.get(id);
      return g ? toGroup(state, g) : null;
    },
    peekGroups: () => [...state.groups.values()].map((g) => toGroup(state, g)),
  };
}

/** A fresh gateway over the fixture cast (plus `users`); `self` (default: the owner) answers getSelf. */
export function createMemoryDocSpace(options: { self?: DocSpaceUser; users?: readonly DocSpaceUser[] } = {}) {
  const state = createDocSpaceState(options.users ?? []);
  const self = options.self ?? (docspaceUserOfPerson(PEOPLE.owner) as DocSpaceUser);
  const { run, knobs } = createRunner();
  const gateway: MemoryDocSpace = {
    ...knobs,
    ...peopleMethods(state, run, self),
    ...groupMethods(state, run),
    ...seedingMethods(state),
  };
  return gateway;
}
