import { Agent, request } from 'undici';

type FetchInput = Parameters<typeof fetch>[0];
type FetchInit = Parameters<typeof fetch>[1];

function headersOf(init: FetchInit): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init?.headers).forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

function responseHeaders(raw: Record<string, string | string[] | undefined>): [string, string][] {
  return Object.entries(raw).flatMap(([key, value]) =>
    value === undefined ? [] : Array.isArray(value) ? value.map((v) => [key, v] as [string, string]) : [[key, value]],
  );
}

/** One Slack call as metrics and readiness see it: the Web API method (never a URL or an argument) and how it ended. */
export interface SlackCall {
  /** `chat.postMessage`, …; `response_url` for posts to a response URL (whose path holds ids). */
  readonly method: string;
  readonly outcome: 'ok' | 'error' | 'rate_limited' | 'http_error' | 'network';
  /** Slack's own error code when outcome is `error` (e.g. `invalid_auth`), else null. */
  readonly error: string | null;
  readonly seconds: number;
}

/** Told about every call made through the fetch; must not throw. */
export type SlackCallObserver = (call: SlackCall) => void;

const API_METHOD = /\/api\/([a-z]+(?:\.[a-zA-Z]+)+)(?:[?#]|$)/;
const OK_HEAD = /^\s*\{\s*"ok"\s*:\s*true\b/;
const ERROR_CODE = /^[a-z0-9_]{1,64}$/;
const decoder = new TextDecoder();

/** The Web API method a URL calls, from its path; anything else the bot posts to is a response_url. */
export function slackMethodOf(url: string): string {
  return API_METHOD.exec(url)?.[1] ?? 'response_url';
}

/** Web API answers say `"ok": false` with HTTP 200; the cheap look at the first bytes settles the common case. */
function outcomeOf(method: string, status: number, bytes: ArrayBuffer | null): Pick<SlackCall, 'outcome' | 'error'> {
  if (status === 429) return { outcome: 'rate_limited', error: null };
  if (status < 200 || status >= 300) return { outcome: 'http_error', error: null };
  if (method === 'response_url' || bytes === null) return { outcome: 'ok', error: null };
  if (OK_HEAD.test(decoder.decode(bytes.slice(0, 24)))) return { outcome: 'ok', error: null };
  try {
    const body = JSON.parse(decoder.decode(bytes)) as { ok?: unknown; error?: unknown };
    if (body.ok === true) return { outcome: 'ok', error: null };
    const code = typeof body.error === 'string' && ERROR_CODE.test(body.error) ? body.error : null;
    return { outcome: 'error', error: code };
  } catch {
    return { outcome: 'error', error: null };
  }
}

/**
 * A fetch for the Slack Web API and response_url posts, on one keep-alive undici Agent: the same wire behaviour as the
 * global fetch at well under half its CPU per call (the bot makes one such call per command). Bodies other than
 * strings, URLSearchParams and bytes (file uploads) go to the global fetch.
 */
export function createLightFetch(observe?: SlackCallObserver): { fetch: typeof fetch; close(): Promise<void> } {
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: 50 });
  /** The response, and its bytes when this fetch read them (null when the global fetch answered). */
  const exchange = async (input: FetchInput, init?: FetchInit): Promise<[Response, ArrayBuffer | null]> => {
    const body = init?.body;
    const simple =
      body == null || typeof body === 'string' || body instanceof URLSearchParams || body instanceof Uint8Array;
    if (!simple || input instanceof Request) return [await fetch(input, init), null];
    const headers = headersOf(init);
    if (body instanceof URLSearchParams && !headers['content-type']) {
      headers['content-type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
    }
    const res = await request(input instanceof URL ? input : String(input), {
      method: (init?.method ?? 'GET') as 'GET',
      headers,
      body: body instanceof URLSearchParams ? body.toString() : (body ?? null),
      dispatcher: agent,
      ...(init?.signal ? { signal: init.signal } : {}),
    });
    const bytes = await res.body.arrayBuffer();
    const empty = res.statusCode === 204 || res.statusCode === 304 || init?.method === 'HEAD';
    const response = new Response(empty ? null : bytes, {
      status: res.statusCode,
      headers: responseHeaders(res.headers),
    });
    return [response, bytes];
  };
  const light = async (input: FetchInput, init?: FetchInit): Promise<Response> => {
    if (!observe) return (await exchange(input, init))[0];
    const method = slackMethodOf(input instanceof Request ? input.url : String(input));
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const [response, bytes] = await exchange(input, init);
      observe({ method, ...outcomeOf(method, response.status, bytes), seconds: seconds() });
      return response;
    } catch (error) {
      observe({ method, outcome: 'network', error: null, seconds: seconds() });
      throw error;
    }
  };
  return { fetch: light as typeof fetch, close: () => agent.close() };
}
