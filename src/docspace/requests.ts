import {
  checkGroupName,
  type DocSpaceUserId,
  GROUP_NAME_MAX,
  type GroupId,
  type ListGroupsQuery,
  toDocSpaceUserId,
  toGroupId,
} from '../domain/index.js';
import { DocSpaceInputError } from './errors.js';

/**
 * What a request is before it is sent: which gateway operation, its method and URL, and the input checks that
 * refuse bad values before any HTTP call. The single place that knows DocSpace URL shapes.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Names a request in logs and errors; `path` never holds the query string (queries may hold emails). */
export interface RequestInfo {
  readonly operation: string;
  readonly method: HttpMethod;
  readonly path: string;
}

// Paths are relative to the portal origin. Ids are validated GUIDs before they get here; `ID` is the
// placeholder used in messages about refused input.
const API_PREFIX = '/api/2.0';
export const ID = '{id}';

const segment = (value: string): string => (value === ID ? value : encodeURIComponent(value));

export const endpoints = {
  self: (): string => `${API_PREFIX}/people/@self`,
  personByEmail: (): string => `${API_PREFIX}/people/email`,
  person: (id: string): string => `${API_PREFIX}/people/${segment(id)}`,
  peopleSearch: (): string => `${API_PREFIX}/people/search`,
  groups: (): string => `${API_PREFIX}/group`,
  group: (id: string): string => `${API_PREFIX}/group/${segment(id)}`,
  groupManager: (id: string): string => `${API_PREFIX}/group/${segment(id)}/manager`,
  groupMembers: (id: string): string => `${API_PREFIX}/group/${segment(id)}/members`,
} as const;

type QueryValue = string | number | boolean | undefined;
export type Query = Readonly<Record<string, QueryValue>>;

/** `path?k=v&...`, skipping undefined values; the path alone when nothing remains. */
export function withQuery(path: string, query: Query | undefined): string {
  if (query === undefined) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.append(key, String(value));
  }
  const text = params.toString();
  return text.length > 0 ? `${path}?${text}` : path;
}

// Input checks: each failure is a DocSpaceInputError naming the field.

const shown = (value: unknown): string => JSON.stringify(String(value).slice(0, 60));

function refuse(info: RequestInfo, detail: string): DocSpaceInputError {
  return new DocSpaceInputError(`invalid input: ${detail}`, info);
}

export function requireGroupId(info: RequestInfo, value: string): GroupId {
  const id = typeof value === 'string' ? toGroupId(value) : null;
  if (id === null) throw refuse(info, `group id ${shown(value)} is not a GUID`);
  return id;
}

export function requireUserId(info: RequestInfo, value: string, field: string): DocSpaceUserId {
  const id = typeof value === 'string' ? toDocSpaceUserId(value) : null;
  if (id === null) throw refuse(info, `${field} ${shown(value)} is not a user GUID`);
  return id;
}

/** Validated, lower-cased and de-duplicated (order kept); always an array, never null. */
export function requireUserIds(info: RequestInfo, values: readonly string[], field: string): DocSpaceUserId[] {
  if (!Array.isArray(values)) throw refuse(info, `${field} must be a list of user GUIDs`);
  const ids = values.map((value, index) => requireUserId(info, value, `${field}[${index}]`));
  return [...new Set(ids)];
}

export function requireGroupName(info: RequestInfo, raw: string): string {
  const checked = checkGroupName(typeof raw === 'string' ? raw : '');
  if (checked.ok) return checked.name;
  if (checked.reason === 'blank') throw refuse(info, 'group name is blank');
  throw refuse(info, `group name is longer than ${GROUP_NAME_MAX} characters`);
}

/** Trimmed and lower-cased: email lookup is case-sensitive on some installs. */
export function requireEmail(info: RequestInfo, raw: string): string {
  const email = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (email.length === 0) throw refuse(info, 'email is empty');
  return email;
}

export function requireText(info: RequestInfo, raw: string, field: string): string {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text.length === 0) throw refuse(info, `${field} is empty`);
  return text;
}

const SORT_BY: ReadonlySet<string> = new Set(['title', 'manager', 'membersCount']);
const SORT_ORDER = { ascending: 0, descending: 1 } as const;

interface GroupListParams {
  readonly count: number | undefined;
  readonly startIndex: number | undefined;
  readonly filterValue: string | undefined;
  readonly sortBy: string | undefined;
  readonly sortOrder: 0 | 1 | undefined;
  readonly userId: string | undefined;
  readonly manager: boolean | undefined;
}

/** count 1..100, startIndex >= 0, known sortBy/sortOrder; sortOrder is sent as 0/1. */
export function requireListQuery(info: RequestInfo, query: ListGroupsQuery): GroupListParams {
  const { count, startIndex, sortBy, sortOrder } = query;
  if (count !== undefined && !(Number.isInteger(count) && count >= 1 && count <= 100)) {
    throw refuse(info, `count ${shown(count)} is not an integer in 1..100`);
  }
  if (startIndex !== undefined && !(Number.isInteger(startIndex) && startIndex >= 0)) {
    throw refuse(info, `startIndex ${shown(startIndex)} is not a non-negative integer`);
  }
  if (sortBy !== undefined && !SORT_BY.has(sortBy)) throw refuse(info, `sortBy ${shown(sortBy)} is not supported`);
  if (sortOrder !== undefined && !(sortOrder in SORT_ORDER)) {
    throw refuse(info, `sortOrder ${shown(sortOrder)} is not ascending or descending`);
  }
  const filter = query.filterValue?.trim();
  const userId = query.userId === undefined ? undefined : requireUserId(info, query.userId, 'userId');
  if (query.managedOnly && userId === undefined) throw refuse(info, 'managedOnly needs a userId');
  return {
    userId,
    manager: query.managedOnly ? true : undefined,
    count,
    startIndex,
    filterValue: filter === undefined || filter.length === 0 ? undefined : filter,
    sortBy,
    sortOrder: sortOrder === undefined ? undefined : SORT_ORDER[sortOrder],
  };
}
