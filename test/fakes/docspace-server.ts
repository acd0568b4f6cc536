import { ALL_PEOPLE, type FixturePerson } from '../fixtures/people.js';
import { createKeyRegistry } from './docspace/auth.js';
import { groupMemberRoutes } from './docspace/group-member-routes.js';
import { groupReadRoutes } from './docspace/group-read-routes.js';
import { groupWriteRoutes } from './docspace/group-write-routes.js';
import { listen } from './docspace/http-server.js';
import { createKnobs } from './docspace/knobs.js';
import { peopleRoutes } from './docspace/people-routes.js';
import { copyGroup, createState } from './docspace/state.js';
/**
 * A faithful local double of the DocSpace group and people API (docspace-api.md sections 1-12): node:http on
 * 127.0.0.1, seeded from test/fixtures/people.ts, with a request log and fault-injection knobs. Speaks HTTP only.
 */
import type {
  ApiKeyOptions,
  FakeDocSpaceOptions,
  FakeDocSpaceUser,
  FakeGroupState,
  RequestLogEntry,
} from './docspace/types.js';
import { waitUntil } from './wait-for.js';

export type {
  FakeDocSpaceOptions,
  FakeGroupState,
  RequestLogEntry,
} from './docspace/types.js';

export interface FakeDocSpace {
  /** 'http://127.0.0.1:<port>', no trailing slash. */
  readonly url: string;
  /** The portal owner's key: 'sk-' + 64 hex. */
  readonly apiKey: string;
  /** An API key (full scopes) authenticating as that person (fixture handle) or user id; their role applies. */
  keyFor(handle: string): string;
  /** A fresh key with the given scopes, e.g. createApiKey('owner', { scopes: ['accounts:read'] }). */
  createApiKey(handle: string, options?: ApiKeyOptions): string;
  /** Every request received, in arrival order (knob-affected ones included; status 0 = dropped or in flight). */
  readonly requests: RequestLogEntry[];
  /** Polls the predicate (default 5000 ms), e.g. until a request has arrived; rejects listing the recent requests. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  clearLog(): void;
  /** Back to the seed: seed people, no groups, empty log, all knobs off. Seed keys (and apiKey) stay valid. */
  reset(): void;
  close(): Promise<void>;
  listGroups(): FakeGroupState[];
  getGroup(id: string): FakeGroupState | undefined;
  /** Direct insert without HTTP or validation; the manager is also made a member. */
  seedGroup(input: { name: string; managerId?: string | null; memberIds?: string[]; id?: string }): FakeGroupState;
  addUser(user: Omit<FakeDocSpaceUser, 'id'> & { id?: string }): FakeDocSpaceUser;
  getUser(id: string): FakeDocSpaceUser | undefined;
  setUserStatus(id: string, status: FakeDocSpaceUser['status']): void;
  /** Promotes or demotes a person, as a DocSpace admin would in the portal. */
  setUserType(id: string, type: FakeDocSpaceUser['type']): void;
  setLatency(ms: number): void;
  /**
   * Holds every answer (or those to requests `match` picks) after any latency until release(): a request the app made
   * is then certainly unanswered.
   */
  hold(match?: (request: { readonly method: string; readonly path: string }) => boolean): void;
  /**
   * Sends the held answers and stops holding; reset() and close() release too. With `match`, sends only the held
   * answers it picks and goes on holding.
   */
  release(match?: (request: { readonly method: string; readonly path: string }) => boolean): void;
  failNext(n: number, status: number, options?: { method?: string }): void;
  rateLimitNext(n: number, retryAfterSeconds: number): void;
  dropNext(n: number): void;
  malformedNext(n: number): void;
  driftNext(n: number): void;
}

function describeRecent(log: readonly RequestLogEntry[]): string {
  const lines = log.slice(-10).map((r) => `  ${r.method} ${r.path} -> ${r.status === 0 ? 'unanswered' : r.status}`);
  return [`recent requests (${log.length} in total):`, ...(lines.length > 0 ? lines : ['  (none)'])].join('\n');
}

function publicUser(user: FakeDocSpaceUser): FakeDocSpaceUser {
  const { id, firstName, lastName, email, type, status } = user;
  return { id, firstName, lastName, email, type, status };
}

function ownerHandle(people: readonly FixturePerson[]): string {
  const owner = people.find((p) => p.docspace?.type === 'owner') ?? people.find((p) => p.docspace?.type === 'admin');
  if (!owner) throw new Error('startFakeDocSpace: the people list needs a DocSpace owner or admin');
  return owner.handle;
}

export async function startFakeDocSpace(options: FakeDocSpaceOptions = {}): Promise<FakeDocSpace> {
  const people = options.people ?? ALL_PEOPLE;
  const state = createState(people);
  const keys = createKeyRegistry(people, state);
  const knobs = createKnobs();
  const apiKey = keys.keyFor(ownerHandle(people));
  let log: RequestLogEntry[] = [];
  const routes = [...groupReadRoutes, ...groupWriteRoutes, ...groupMemberRoutes, ...peopleRoutes];
  const emailCaseSensitive = options.emailCaseSensitive ?? false;
  const server = await listen(
    { routes, state, keys, knobs, emailCaseSensitive, record: (entry) => log.push(entry) },
    options.port ?? 0,
  );

  return {
    url: server.url,
    apiKey,
    keyFor: (handle) => keys.keyFor(handle),
    createApiKey: (handle, keyOptions = {}) => keys.createKey(handle, keyOptions.scopes ?? []),
    get requests() {
      return log;
    },
    waitFor: (predicate, timeoutMs = 5000) =>
      waitUntil(predicate, timeoutMs, 'fake DocSpace', () => describeRecent(log)),
    clearLog: () => {
      log = [];
    },
    reset: () => {
      state.reset();
      keys.reset();
      knobs.reset();
      log = [];
    },
    close: () => {
      knobs.release();
      return server.close();
    },
    listGroups: () => [...state.groups.values()].filter((g) => !g.removed).map(copyGroup),
    getGroup: (id) => {
      const group = state.groups.get(id.toLowerCase());
      return group ? copyGroup(group) : undefined;
    },
    seedGroup: (input) => copyGroup(state.insertGroup(input)),
    addUser: (user) => publicUser(state.addUser(user)),
    getUser: (id) => {
      const user = state.users.get(id.toLowerCase());
      return user ? publicUser(user) : undefined;
    },
    setUserStatus: (id, status) => {
      const user = state.users.get(id.toLowerCase());
      if (!user) throw new Error(`Fake DocSpace has no user ${id}`);
      user.status = status;
    },
    setUserType: (id, type) => {
      const user = state.users.get(id.toLowerCase());
      if (!user) throw new Error(`Fake DocSpace has no user ${id}`);
      user.type = type;
    },
    setLatency: (ms) => knobs.setLatency(ms),
    hold: (match) => knobs.hold(match),
    release: (match) => knobs.release(match),
    failNext: (n, status, failOptions) => knobs.arm({ kind: 'fail', status }, n, failOptions?.method),
    rateLimitNext: (n, retryAfterSeconds) => knobs.arm({ kind: 'rate_limit', retryAfterSeconds }, n),
    dropNext: (n) => knobs.arm({ kind: 'drop' }, n),
    malformedNext: (n) => knobs.arm({ kind: 'malformed' }, n),
    driftNext: (n) => knobs.arm({ kind: 'drift' }, n),
  };
}
