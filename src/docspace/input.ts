import type { ListGroupsQuery } from '../domain/index.js';
import {
  checkGroupName,
  type DocSpaceUserId,
  GROUP_NAME_MAX,
  type GroupId,
  toDocSpaceUserId,
  toGroupId,
} from '../domain/index.js';
import { DocSpaceInputError } from './errors.js';
import type { RequestInfo } from './response.js';

/** Checks run before any HTTP call; each failure is a DocSpaceInputError naming the field. */

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

export interface GroupListParams {
  readonly count: number | undefined;
  readonly startIndex: number | undefined;
  readonly filterValue: string | undefined;
  readonly sortBy: string | undefined;
  readonly sortOrder: 0 | 1 | undefined;
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
  return {
    count,
    startIndex,
    filterValue: filter === undefined || filter.length === 0 ? undefined : filter,
    sortBy,
    sortOrder: sortOrder === undefined ? undefined : SORT_ORDER[sortOrder],
  };
}
