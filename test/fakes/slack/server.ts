import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ALL_PEOPLE, TEAM_ID } from '../../fixtures/people.js';
import { waitUntil } from '../wait-for.js';
import { type ApiHandlerDeps, handleApiCall } from './api-handler.js';
import { sendText } from './http-io.js';
import { createSlackKnobs } from './knobs.js';
import type { FakeIdentity } from './method-context.js';
import { FAKE_API_APP_ID } from './payload-common.js';
import { handleResponsePost } from './response-sink.js';
import { createSocketModeDouble } from './socket-mode.js';
import { createSlackState } from './state.js';
import type { FakeSlack, FakeSlackOptions, ResponseUrlPost, SlackCall } from './types.js';

const DEFAULT_BOT_TOKEN = 'xoxb-test-fake-token';
const DEFAULT_APP_TOKEN = 'xapp-1-A0FAKEAPP1-1-test-fake-app-token';

function route(deps: ApiHandlerDeps, responses: ResponseUrlPost[], rejected: ResponseUrlPost[]) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const api = /^\/api\/([\w.]+)$/.exec(url.pathname);
    const sink = /^\/response\/([^/]+)$/.exec(url.pathname);
    if (api?.[1] !== undefined && (req.method === 'POST' || req.method === 'GET')) {
      await handleApiCall(req, res, api[1], url.searchParams, deps);
    } else if (sink?.[1] !== undefined && req.method === 'POST') {
      const id = decodeURIComponent(sink[1]);
      await handleResponsePost(req, res, id, responses, deps.knobs.strictBlockKit, rejected);
    } else {
      sendText(res, 404, 'not_found');
    }
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function identityFrom(options: FakeSlackOptions): FakeIdentity {
  return {
    botToken: options.botToken ?? DEFAULT_BOT_TOKEN,
    appToken: options.appToken ?? DEFAULT_APP_TOKEN,
    botUserId: options.botUserId ?? 'U0BOT00001',
    botId: options.botId ?? 'B0BOT00001',
    teamId: options.teamId ?? TEAM_ID,
    people: options.people ?? ALL_PEOPLE,
  };
}

/**
 * Starts a Slack Web API double plus response_url sink on 127.0.0.1 (port 0 unless given), with Socket Mode on the
 * same port: apps.connections.open hands out ws://127.0.0.1:<port>/link/?ticket=… URLs.
 */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const identity = identityFrom(options);
  const state = createSlackState();
  const knobs = createSlackKnobs(
    options.strictBlockKit === undefined ? {} : { strictBlockKit: options.strictBlockKit },
  );
  const calls: SlackCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const rejectedResponses: ResponseUrlPost[] = [];
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendText(res, 500, `fake slack error: ${String(error)}`);
      else res.destroy();
    });
  });
  const socket = createSocketModeDouble({ server, appId: FAKE_API_APP_ID, appToken: identity.appToken });
  server.on('upgrade', socket.handleUpgrade);
  const handle = route(
    { ctx: { state, identity, openSocketUrl: socket.mintUrl }, knobs, calls },
    responses,
    rejectedResponses,
  );
  const port = await listen(server, options.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | null = null;
  const clear = () => {
    calls.length = 0;
    responses.length = 0;
    rejectedResponses.length = 0;
    socket.clear();
  };
  return {
    url,
    apiUrl: `${url}/api/`,
    botToken: identity.botToken,
    appToken: identity.appToken,
    socket,
    botUserId: identity.botUserId,
    botId: identity.botId,
    teamId: identity.teamId,
    responseUrl: (id = randomUUID()) => `${url}/response/${encodeURIComponent(id)}`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    responses,
    responsesTo: (id) => responses.filter((r) => r.id === id),
    rejectedResponses,
    waitFor: (predicate, timeoutMs = 5000) =>
      waitUntil(predicate, timeoutMs, 'fake Slack', () => describeRecent(calls, responses, rejectedResponses)),
    messages: (channel) => state.messages.filter((m) => channel === undefined || m.channel === channel),
    ephemerals: (user) => state.ephemerals.filter((e) => user === undefined || e.user === user),
    dms: (user) => {
      const im = state.ims.get(user);
      return im === undefined ? [] : state.messages.filter((m) => m.channel === im);
    },
    views: () => [...state.views.values()],
    homeOf: (user) => state.homes.get(user),
    clear,
    reset: () => {
      clear();
      state.clear();
      knobs.reset();
    },
    // Upgraded sockets still hold the HTTP server open: end them first. A second close() waits for the first.
    close: () => {
      closing ??= socket.close().then(() => closeServer(server));
      return closing;
    },
    failNext: (method, error, n) => knobs.failNext(method, error, n),
    rateLimitNext: (method, retryAfterSeconds, n) => knobs.rateLimitNext(method, retryAfterSeconds, n),
    setLatency: (ms, method) => knobs.setLatency(ms, method),
    setChannel: (channel, membership) => {
      state.channels.set(channel, membership);
    },
    setStrictBlockKit: (on) => knobs.setStrictBlockKit(on),
  };
}

const RECENT = 10;

function describeRecent(
  calls: readonly SlackCall[],
  responses: readonly ResponseUrlPost[],
  rejected: readonly ResponseUrlPost[],
): string {
  const callLines = calls.slice(-RECENT).map((c) => `  ${c.method} ${JSON.stringify(c.args).slice(0, 200)}`);
  const responseLines = responses
    .slice(-RECENT)
    .map((r) => `  /response/${r.id} ${JSON.stringify(r.body).slice(0, 200)}`);
  return [
    `recent Web API calls (${calls.length} in total):`,
    ...(callLines.length > 0 ? callLines : ['  (none)']),
    `recent response_url posts (${responses.length} in total):`,
    ...(responseLines.length > 0 ? responseLines : ['  (none)']),
    ...(rejected.length > 0 ? [`response_url posts refused as invalid_blocks: ${rejected.length}`] : []),
  ].join('\n');
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    server.closeAllConnections();
  });
}
