import type { IncomingMessage, ServerResponse } from 'node:http';
import { rejectionFor } from './block-kit.js';
import { BadRequestBodyError, delay, extractToken, parseArgs, readBody, sendJson } from './http-io.js';
import type { SlackKnobs } from './knobs.js';
import type { MethodContext, MethodHandler, MethodResult } from './method-context.js';
import { APP_TOKEN_METHODS, appsConnectionsOpen } from './methods-apps.js';
import {
  chatPostEphemeral,
  chatPostMessage,
  chatUpdate,
  conversationsInfo,
  conversationsOpen,
} from './methods-chat.js';
import { authTest, usersInfo, usersLookupByEmail } from './methods-users.js';
import { viewsOpen, viewsPublish, viewsPush, viewsUpdate } from './methods-views.js';
import type { SlackCall } from './types.js';

const METHODS: Readonly<Record<string, MethodHandler>> = {
  'apps.connections.open': appsConnectionsOpen,
  'auth.test': authTest,
  'users.info': usersInfo,
  'users.lookupByEmail': usersLookupByEmail,
  'views.open': viewsOpen,
  'views.update': viewsUpdate,
  'views.push': viewsPush,
  'views.publish': viewsPublish,
  'chat.postMessage': chatPostMessage,
  'chat.postEphemeral': chatPostEphemeral,
  'chat.update': chatUpdate,
  'conversations.info': conversationsInfo,
  'conversations.open': conversationsOpen,
};

export interface ApiHandlerDeps {
  readonly ctx: MethodContext;
  readonly knobs: SlackKnobs;
  readonly calls: SlackCall[];
}

type Outcome = { status: 200; body: MethodResult } | { status: 429; body: MethodResult; retryAfter: number };

// Order mirrors Slack: authentication first, then rate limiting, then the method itself.
function decide(method: string, args: Record<string, unknown>, token: string | null, deps: ApiHandlerDeps): Outcome {
  if (token === null) return { status: 200, body: { ok: false, error: 'not_authed' } };
  const { botToken, appToken } = deps.ctx.identity;
  const wanted = APP_TOKEN_METHODS.has(method) ? appToken : botToken;
  if (token !== wanted) {
    // Slack tells a real token of the other kind apart from a wrong one.
    const error = token === botToken || token === appToken ? 'not_allowed_token_type' : 'invalid_auth';
    return { status: 200, body: { ok: false, error } };
  }
  const retryAfter = deps.knobs.takeRateLimit(method);
  if (retryAfter !== undefined) return { status: 429, body: { ok: false, error: 'ratelimited' }, retryAfter };
  const error = deps.knobs.takeFailure(method);
  if (error !== undefined) return { status: 200, body: { ok: false, error } };
  const handler = METHODS[method];
  if (handler === undefined) return { status: 200, body: { ok: false, error: 'unknown_method', req_method: method } };
  const rejected = deps.knobs.strictBlockKit ? rejectionFor(method, args) : null;
  if (rejected) {
    // Slack lists what is wrong in `errors` (messages) or response_metadata.messages (views).
    const detail = rejected.error === 'invalid_arguments' ? { response_metadata: { messages: rejected.problems } } : {};
    return { status: 200, body: { ok: false, error: rejected.error, errors: rejected.problems, ...detail } };
  }
  return { status: 200, body: handler(args, deps.ctx) };
}

/** Serves POST /api/<method>: records the call, applies latency and knobs, answers like the Web API. */
export async function handleApiCall(
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  query: URLSearchParams,
  deps: ApiHandlerDeps,
): Promise<void> {
  const raw = await readBody(req);
  let parsed: Record<string, unknown>;
  try {
    parsed = parseArgs(req.headers['content-type'], raw, query);
  } catch (error) {
    const code = error instanceof BadRequestBodyError ? error.code : 'invalid_form_data';
    sendJson(res, 200, { ok: false, error: code });
    return;
  }
  const token = extractToken(req.headers.authorization, parsed);
  const { token: _token, ...args } = parsed;
  deps.calls.push({ method, args, at: Date.now(), token });
  await delay(deps.knobs.latencyFor(method));
  const outcome = decide(method, args, token, deps);
  const headers: Record<string, string> = outcome.status === 429 ? { 'retry-after': String(outcome.retryAfter) } : {};
  sendJson(res, outcome.status, outcome.body, headers);
}
