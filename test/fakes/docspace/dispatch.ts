import type { IncomingMessage } from 'node:http';
import { type KeyRegistry, scopeAllows } from './auth.js';
import {
  emptyReply,
  errorReply,
  FakeApiError,
  FakeValidationError,
  type LinkSource,
  type Reply,
  validationReply,
} from './envelopes.js';
import type { Body } from './input.js';
import { findRoute, type Route } from './router.js';
import type { FakeState } from './state.js';

/** Turns one request into a Reply: routing, authentication, scopes, body binding, the route, error mapping. */
export interface DispatchDeps {
  readonly routes: readonly Route[];
  readonly state: FakeState;
  readonly keys: KeyRegistry;
  readonly emailCaseSensitive: boolean;
}

const JSON_MEDIA = /^(application\/json|text\/json|application\/[\w.+-]+\+json)$/;

function lowerKeys(source: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(source).map(([k, v]) => [k.toLowerCase(), v]));
}

function missingBody(): FakeValidationError {
  return new FakeValidationError({
    '': ['A non-empty request body is required.'],
    inDto: ['The inDto field is required.'],
  });
}

/** Binds a [FromBody] parameter: 415 for a non-JSON content type, 400 for no, unparsable or non-object JSON. */
function bindBody(raw: string, contentType: string | undefined): Body {
  if (raw.trim() === '') throw missingBody();
  const media = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!JSON_MEDIA.test(media)) throw new FakeValidationError({}, 415, 'Unsupported Media Type');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new FakeValidationError({
      $: ["'<' is an invalid start of a value. Path: $ | LineNumber: 0 | BytePositionInLine: 0."],
      inDto: ['The inDto field is required.'],
    });
  }
  if (parsed === null) throw missingBody();
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new FakeValidationError({
      $: ['The JSON value could not be converted to the request type. Path: $ | LineNumber: 0.'],
      inDto: ['The inDto field is required.'],
    });
  }
  return lowerKeys(parsed as Record<string, unknown>);
}

function runRoute(route: Route, run: () => Reply, link: LinkSource): Reply {
  try {
    return run();
  } catch (error) {
    if (error instanceof FakeApiError) return errorReply(error);
    if (error instanceof FakeValidationError) return validationReply(link, error);
    const message = error instanceof Error ? error.message : String(error);
    return errorReply(new FakeApiError(500, 'generic', `${route.method} ${route.pattern}: ${message}`));
  }
}

export function dispatch(deps: DispatchDeps, req: IncomingMessage, raw: string): Reply {
  const method = (req.method ?? 'GET').toUpperCase();
  const baseUrl = `http://${req.headers.host ?? '127.0.0.1'}`;
  const url = new URL(req.url ?? '/', baseUrl);
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  const match = findRoute(deps.routes, method, path);
  if (match.kind === 'not_found') return emptyReply(404);
  if (match.kind === 'method_not_allowed') return emptyReply(405);
  const caller = deps.keys.authenticate(req.headers.authorization);
  if (!caller) return emptyReply(401);
  if (!scopeAllows(caller.scopes, match.route.area, method)) return emptyReply(403);
  const link = { href: `${baseUrl}${req.url ?? '/'}`, method };
  const query = lowerKeys(Object.fromEntries(url.searchParams)) as Record<string, string>;
  return runRoute(
    match.route,
    () => {
      const body = match.route.body === 'required' ? bindBody(raw, req.headers['content-type']) : {};
      const ctx = { caller, params: match.params, query, body, link, baseUrl, state: deps.state };
      return match.route.handle({ ...ctx, emailCaseSensitive: deps.emailCaseSensitive });
    },
    link,
  );
}
