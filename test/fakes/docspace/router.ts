import type { Caller, ScopeArea } from './auth.js';
import type { LinkSource, Reply } from './envelopes.js';
import { type Body, parseRouteGuid, type Query } from './input.js';
import type { FakeState } from './state.js';

/** Route table and matching: ASP.NET attribute routes under /api/2.0, case-insensitive, with `:guid` constraints. */
export interface RouteContext {
  readonly caller: Caller;
  readonly params: Readonly<Record<string, string>>;
  /** Query parameters with lower-cased names (binding is case-insensitive). */
  readonly query: Query;
  /** The JSON body with lower-cased property names; only set for routes that take a body. */
  readonly body: Body;
  readonly link: LinkSource;
  readonly baseUrl: string;
  readonly state: FakeState;
  readonly emailCaseSensitive: boolean;
}

export interface Route {
  readonly method: string;
  /** Under /api/2.0, e.g. '/group/{id:guid}/members'. */
  readonly pattern: string;
  readonly area: ScopeArea;
  /** 'required': a JSON [FromBody] parameter (empty body gives 400, a non-JSON content type 415). */
  readonly body: 'none' | 'required';
  handle(ctx: RouteContext): Reply;
}

const API_PREFIX = '/api/2.0';

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function matchSegment(pattern: string, raw: string, params: Record<string, string>): boolean {
  const actual = decodeSegment(raw);
  if (actual === undefined) return false;
  const param = /^\{(\w+)(:guid)?\}$/.exec(pattern);
  if (!param?.[1]) return pattern.toLowerCase() === actual.toLowerCase();
  const value = param[2] ? parseRouteGuid(actual) : actual;
  if (value === undefined || value === '') return false;
  params[param[1]] = value;
  return true;
}

function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const expected = pattern.split('/').filter(Boolean);
  const actual = path.split('/').filter(Boolean);
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of expected.entries()) {
    if (!matchSegment(segment, actual[index] ?? '', params)) return undefined;
  }
  return params;
}

export type RouteMatch =
  | { readonly kind: 'found'; readonly route: Route; readonly params: Record<string, string> }
  | { readonly kind: 'method_not_allowed' }
  | { readonly kind: 'not_found' };

/** First route (in table order, literals first) whose path and method match; 405 when only the path matches. */
export function findRoute(routes: readonly Route[], method: string, fullPath: string): RouteMatch {
  if (!fullPath.toLowerCase().startsWith(`${API_PREFIX}/`)) return { kind: 'not_found' };
  const path = fullPath.slice(API_PREFIX.length);
  let pathMatched = false;
  for (const route of routes) {
    const params = matchPattern(route.pattern, path);
    if (!params) continue;
    if (route.method === method) return { kind: 'found', route, params };
    pathMatched = true;
  }
  return pathMatched ? { kind: 'method_not_allowed' } : { kind: 'not_found' };
}
