import { randomUUID } from 'node:crypto';
import { emptyReply, jsonReply, type Reply, statusErrorReply } from './envelopes.js';

/**
 * Fault injection. Each armed knob affects the next N matching requests and then switches off. When several are
 * armed, the one armed first that matches the request applies; one request consumes at most one knob.
 */
type KnobEffect =
  | { readonly kind: 'drop' }
  | { readonly kind: 'rate_limit'; readonly retryAfterSeconds: number }
  | { readonly kind: 'fail'; readonly status: number }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'drift' };

type HoldMatch = (request: { readonly method: string; readonly path: string }) => boolean;

interface Armed {
  readonly effect: KnobEffect;
  readonly method: string | undefined;
  remaining: number;
}

export interface Knobs {
  latencyMs(): number;
  setLatency(ms: number): void;
  /** From now on answers (to matching requests) wait until release(); the log shows them with status 0 meanwhile. */
  hold(match?: HoldMatch): void;
  /**
   * Sends every held answer, in arrival order, and stops holding; with `match`, sends only the held answers it picks
   * and goes on holding the rest (and new ones).
   */
  release(match?: HoldMatch): void;
  /** Queues the answer to this request while holding (returns true), else returns false and the caller answers. */
  holdBack(request: { method: string; path: string }, send: () => void): boolean;
  arm(effect: KnobEffect, n: number, method?: string): void;
  /** Consumes and returns the effect for a request, if any knob matches it. */
  take(method: string): KnobEffect | undefined;
  reset(): void;
}

export function createKnobs(): Knobs {
  let latency = 0;
  let armed: Armed[] = [];
  let held: Array<{ readonly request: { method: string; path: string }; readonly send: () => void }> | null = null;
  let holds: HoldMatch = () => true;
  const release = (match?: HoldMatch) => {
    const queued = held ?? [];
    const sent = match === undefined ? queued : queued.filter((h) => match(h.request));
    held = match === undefined ? null : queued.filter((h) => !sent.includes(h));
    for (const h of sent) h.send();
  };
  return {
    latencyMs: () => latency,
    hold(match = () => true) {
      held ??= [];
      holds = match;
    },
    release,
    holdBack(request, send) {
      if (!held || !holds(request)) return false;
      held.push({ request, send });
      return true;
    },
    setLatency(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`latency must be >= 0, got ${ms}`);
      latency = ms;
    },
    arm(effect, n, method) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
      if (n > 0) armed.push({ effect, method: method?.toUpperCase(), remaining: n });
    },
    take(method) {
      const entry = armed.find((a) => a.method === undefined || a.method === method);
      if (!entry) return undefined;
      entry.remaining -= 1;
      if (entry.remaining === 0) armed = armed.filter((a) => a !== entry);
      return entry.effect;
    },
    reset() {
      latency = 0;
      armed = [];
      release();
    },
  };
}

/** The limiter's rejection: 429, empty body, Retry-After and X-RateLimit-* headers. */
export function rateLimitReply(retryAfterSeconds: number): Reply {
  const reset = Math.ceil(Date.now() / 1000) + retryAfterSeconds;
  return emptyReply(429, {
    'Retry-After': String(retryAfterSeconds),
    'X-RateLimit-Limit': '1500',
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': String(reset),
  });
}

/** A 200 whose body is cut off mid-JSON, as from a broken proxy or a truncated transfer. */
export function malformedReply(): Reply {
  return { status: 200, body: '{"response":[{"id":"', contentType: 'application/json; charset=utf-8' };
}

export function failReply(status: number): Reply {
  return statusErrorReply(status);
}

function driftItem(item: unknown): unknown {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return { Id: randomUUID(), Name: item };
  const { id, ...rest } = item as Record<string, unknown>;
  return { ...rest, Id: id ?? randomUUID() };
}

/**
 * Schema drift: a well-formed 200 envelope whose payload no longer matches the schema: `id` is renamed to `Id`
 * on the payload (or on each item), which zod schemas miss and the OpenAPI schemas reject.
 */
export function driftReply(real: Reply): Reply {
  let envelope: Record<string, unknown> = { count: 1, links: [], status: 0, statusCode: 200 };
  if (real.status >= 200 && real.status < 300 && real.body) {
    const parsed: unknown = JSON.parse(real.body);
    if (typeof parsed === 'object' && parsed !== null) envelope = parsed as Record<string, unknown>;
  }
  const payload = envelope['response'];
  const drifted = Array.isArray(payload)
    ? (payload.length > 0 ? payload : [{ name: 'drift' }]).map(driftItem)
    : driftItem(payload ?? { name: 'drift' });
  return jsonReply(200, { ...envelope, response: drifted, status: 0, statusCode: 200 });
}
