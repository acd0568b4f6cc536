import { FakeValidationError } from './envelopes.js';

/** Reading query strings and JSON bodies the way ASP.NET model binding does (failures are validation-shape 400s). */
export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

const GUID_D = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GUID_N = /^[0-9a-f]{32}$/i;

/** Route constraint `:guid` (Guid.TryParse): D, N, B and P formats, any case. Returns the lowercase D form. */
export function parseRouteGuid(raw: string): string | undefined {
  const inner = /^[{(].*[})]$/.test(raw) ? raw.slice(1, -1) : raw;
  if (GUID_D.test(inner)) return inner.toLowerCase();
  if (!GUID_N.test(inner)) return undefined;
  const h = inner.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** System.Text.Json reads only the 36-character D format. */
function parseJsonGuid(raw: unknown): string | undefined {
  return typeof raw === 'string' && GUID_D.test(raw) ? raw.toLowerCase() : undefined;
}

export type Query = Readonly<Record<string, string>>;
export type Body = Readonly<Record<string, unknown>>;

function invalidQuery(name: string, raw: string): FakeValidationError {
  return new FakeValidationError({ [name]: [`The value '${raw}' is not valid for ${name}.`] });
}

export function queryInt(query: Query, name: string, fallback: number): number {
  const raw = query[name.toLowerCase()];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\s*[+-]?\d+\s*$/.test(raw)) throw invalidQuery(name, raw);
  return Number.parseInt(raw, 10);
}

/** `count` on paged lists: [Range(1, 100)], default 100. */
export function queryCount(query: Query): number {
  const count = queryInt(query, 'count', 100);
  if (count < 1 || count > 100)
    throw new FakeValidationError({ Count: ['The field Count must be between 1 and 100.'] });
  return count;
}

export function queryBool(query: Query, name: string, fallback: boolean): boolean {
  const raw = query[name.toLowerCase()];
  if (raw === undefined || raw === '') return fallback;
  const value = raw.trim().toLowerCase();
  if (value === 'true' || value === 'false') return value === 'true';
  throw invalidQuery(name, raw);
}

export function queryGuid(query: Query, name: string): string | undefined {
  const raw = query[name.toLowerCase()];
  if (raw === undefined || raw === '') return undefined;
  const guid = parseRouteGuid(raw.trim());
  if (!guid) throw invalidQuery(name, raw);
  return guid;
}

/** SortOrder enum: 0/1 or its names, case-insensitive; anything else is 400. Returns true for descending. */
export function querySortDescending(query: Query): boolean {
  const raw = query['sortorder'];
  if (raw === undefined || raw === '') return false;
  const value = raw.trim().toLowerCase();
  if (value === '0' || value === 'ascending') return false;
  if (value === '1' || value === 'descending') return true;
  throw invalidQuery('sortOrder', raw);
}

function jsonError(name: string, target: string): FakeValidationError {
  return new FakeValidationError({
    [`$.${name}`]: [`The JSON value could not be converted to ${target}. Path: $.${name} | LineNumber: 0.`],
    inDto: ['The inDto field is required.'],
  });
}

/** A non-nullable Guid member: absent gives undefined; null, "" or a malformed value gives 400. */
export function bodyGuid(body: Body, name: string): string | undefined {
  const raw = body[name.toLowerCase()];
  if (raw === undefined) return undefined;
  const guid = parseJsonGuid(raw);
  if (!guid) throw jsonError(name, 'System.Guid');
  return guid;
}

/** A `List<Guid>?` member: absent gives undefined, null gives null. */
export function bodyGuidList(body: Body, name: string): string[] | null | undefined {
  const raw = body[name.toLowerCase()];
  if (raw === undefined || raw === null) return raw;
  if (!Array.isArray(raw)) throw jsonError(name, 'System.Collections.Generic.List`1[System.Guid]');
  return raw.map((item, index) => {
    const guid = parseJsonGuid(item);
    if (!guid) throw jsonError(`${name}[${index}]`, 'System.Guid');
    return guid;
  });
}

export function bodyString(body: Body, name: string): string | null | undefined {
  const raw = body[name.toLowerCase()];
  if (raw === undefined || raw === null || typeof raw === 'string') return raw;
  throw jsonError(name, 'System.String');
}

/** [StringLength(128, MinimumLength = min)] on a group name. */
export function checkNameLength(name: string, min: number): void {
  if (name.length >= min && name.length <= 128) return;
  const detail = min > 0 ? `a minimum length of ${min} and a maximum length of 128` : 'a maximum length of 128';
  throw new FakeValidationError({ GroupName: [`The field GroupName must be a string with ${detail}.`] });
}
