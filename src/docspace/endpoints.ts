/**
 * The single place that knows DocSpace URL shapes (paths are relative to the portal origin).
 * Ids are validated GUIDs before they get here; `ID` is the placeholder used in messages about refused input.
 */

export const API_PREFIX = '/api/2.0';
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

export type QueryValue = string | number | boolean | undefined;
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
