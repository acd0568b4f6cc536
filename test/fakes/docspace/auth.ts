import { randomBytes } from 'node:crypto';
import type { FixturePerson } from '../../fixtures/people.js';
import type { FakeState } from './state.js';
import type { UserRecord } from './types.js';

/**
 * API keys: `sk-` + 64 hex, each authenticating as the user who created it (that user's role applies), with
 * optional scopes. Seed people keep the same key across reset(); keys for added users are dropped by reset().
 */
export interface KeyRegistry {
  keyFor(handleOrId: string): string;
  createKey(handleOrId: string, scopes: readonly string[]): string;
  /** The caller for an `Authorization` header, or undefined (401): missing, unknown, raw `sk-` or disabled user. */
  authenticate(header: string | undefined): Caller | undefined;
  reset(): void;
}

export interface Caller {
  readonly user: UserRecord;
  readonly scopes: readonly string[];
}

interface KeyRecord {
  readonly userId: string;
  readonly scopes: readonly string[];
}

const newKey = () => `sk-${randomBytes(32).toString('hex')}`;

export function createKeyRegistry(people: readonly FixturePerson[], state: FakeState): KeyRegistry {
  const handles = new Map<string, string>();
  for (const person of people) if (person.docspace) handles.set(person.handle, person.docspace.id.toLowerCase());
  const seedKeys = new Map<string, string>([...handles.values()].map((id) => [id, newKey()]));
  const records = new Map<string, KeyRecord>();
  const defaultKeys = new Map<string, string>();

  const resolveUserId = (handleOrId: string): string => {
    const id = handles.get(handleOrId) ?? handleOrId.toLowerCase();
    if (!state.users.has(id)) throw new Error(`Fake DocSpace has no user for "${handleOrId}"`);
    return id;
  };

  const reset = (): void => {
    records.clear();
    defaultKeys.clear();
    for (const [userId, key] of seedKeys) {
      records.set(key, { userId, scopes: [] });
      defaultKeys.set(userId, key);
    }
  };

  const createKey = (handleOrId: string, scopes: readonly string[]): string => {
    const key = newKey();
    records.set(key, { userId: resolveUserId(handleOrId), scopes: [...scopes] });
    return key;
  };

  const keyFor = (handleOrId: string): string => {
    const userId = resolveUserId(handleOrId);
    const existing = defaultKeys.get(userId);
    if (existing) return existing;
    const key = createKey(userId, []);
    defaultKeys.set(userId, key);
    return key;
  };

  const authenticate = (header: string | undefined): Caller | undefined => {
    const match = /^Bearer\s+(sk-[0-9a-f]{64})\s*$/i.exec(header ?? '');
    const record = match?.[1] ? records.get(match[1]) : undefined;
    const user = record ? state.users.get(record.userId) : undefined;
    if (!record || !user || user.status === 'disabled') return undefined;
    return { user, scopes: record.scopes };
  };

  reset();
  return { keyFor, createKey, authenticate, reset };
}

export type ScopeArea = 'group' | 'people';

/** AuthorizationExtension.ScopesMap: GET /group needs accounts:read (accounts:write alone is not enough). */
export function scopeAllows(scopes: readonly string[], area: ScopeArea, method: string): boolean {
  if (scopes.length === 0 || scopes.includes('*')) return true;
  const read = method === 'GET';
  const accepted =
    area === 'group'
      ? read
        ? ['accounts:read', '*:read', '*:write']
        : ['accounts:write', '*:write']
      : read
        ? ['accounts:read', 'accounts:write', '*:read', '*:write']
        : ['accounts:write', '*:write'];
  return scopes.some((scope) => accepted.includes(scope));
}

export const isDocSpaceAdmin = (user: UserRecord) => user.type === 'owner' || user.type === 'admin';
export const canReadGroups = (user: UserRecord) => isDocSpaceAdmin(user) || user.type === 'room_admin';

/** UserExtensions.CanUserViewAnotherUserAsync, without room relations: room admins cannot see guests. */
export function canView(viewer: UserRecord, target: UserRecord): boolean {
  if (viewer.id === target.id || isDocSpaceAdmin(viewer)) return true;
  return viewer.type === 'room_admin' && target.type !== 'guest';
}
