import { STATUS_CODES } from 'node:http';
import {
  type DocSpaceError,
  type DocSpaceErrorContext,
  DocSpaceForbiddenError,
  DocSpaceNotFoundError,
  DocSpaceRateLimitedError,
  DocSpaceServerError,
  DocSpaceUnauthorizedError,
  DocSpaceUnexpectedResponseError,
  DocSpaceValidationError,
} from './errors.js';
import type { RequestInfo } from './requests.js';
import { errorEnvelopeSchema, failedBodySchema, validationEnvelopeSchema } from './schemas.js';

/**
 * Turns a raw HTTP answer into JSON, or into the typed error it stands for; nothing it builds carries the API key.
 */

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

/** A 2xx answer that does not report failure; `json` is undefined for an empty body (e.g. 204). */
export interface SuccessfulResponse {
  readonly status: number;
  readonly json: unknown;
  readonly text: string;
}

// Redaction keeps the API key out of error messages, body snippets and causes, whatever produced them.
const SNIPPET_MAX = 500;
const REDACTED = '[redacted]';
const BEARER = /Bearer\s+\S+/gi;
const MAX_CAUSE_DEPTH = 3;

export function redactSecret(text: string, secret: string): string {
  const withoutKey = secret.length > 0 ? text.split(secret).join(REDACTED) : text;
  return withoutKey.replace(BEARER, `Bearer ${REDACTED}`);
}

/** A redacted body prefix of at most SNIPPET_MAX characters, or undefined for an empty body. */
export function toBodySnippet(text: string, secret: string): string | undefined {
  if (text.length === 0) return undefined;
  const redacted = redactSecret(text, secret);
  return redacted.length > SNIPPET_MAX ? `${redacted.slice(0, SNIPPET_MAX)}…` : redacted;
}

/**
 * A plain Error copy of a thrown value: name, redacted message, string `code` and (recursively) cause.
 * Library errors can carry request options, sockets or headers; none of that is copied.
 */
export function sanitizeCause(error: unknown, secret: string, depth = 0): Error {
  if (!(error instanceof Error)) return new Error(redactSecret(String(error), secret));
  const inner = depth < MAX_CAUSE_DEPTH && error.cause !== undefined ? error.cause : undefined;
  const copy = new Error(
    redactSecret(error.message, secret),
    inner === undefined ? undefined : { cause: sanitizeCause(inner, secret, depth + 1) },
  );
  copy.name = error.name;
  const code: unknown = (error as Error & { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(copy, { code });
  if (error.stack !== undefined) copy.stack = redactSecret(error.stack, secret);
  return copy;
}

const MESSAGE_MAX = 300;
type ParsedBody = { readonly ok: true; readonly json: unknown } | { readonly ok: false };

function parseBody(text: string): ParsedBody {
  if (text.trim().length === 0) return { ok: true, json: undefined };
  try {
    return { ok: true, json: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Retry-After as seconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: () => number = Date.now): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number.parseInt(text, 10);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now()) / 1000));
}

/** The server's own words: error.message, else the first validation message, else the ProblemDetails title. */
function serverMessage(json: unknown): string | null {
  const error = errorEnvelopeSchema.safeParse(json);
  if (error.success && error.data.error.message) return error.data.error.message;
  const validation = validationEnvelopeSchema.safeParse(json);
  if (!validation.success) return null;
  const first = Object.values(validation.data.response.errors ?? {}).find((messages) => messages.length > 0);
  return first?.[0] ?? validation.data.response.title ?? null;
}

function fieldErrorsOf(json: unknown): Record<string, string[]> {
  const validation = validationEnvelopeSchema.safeParse(json);
  return validation.success ? { ...(validation.data.response.errors ?? {}) } : {};
}

/** Maps a failing status (HTTP, or `statusCode` of a `status: 1` body) to its error class. */
function errorForStatus(status: number, info: RequestInfo, raw: RawResponse, secret: string): DocSpaceError {
  const parsed = parseBody(raw.text);
  const json = parsed.ok ? parsed.json : undefined;
  const message = (serverMessage(json) ?? STATUS_CODES[status] ?? 'Unexpected status').slice(0, MESSAGE_MAX);
  const detail = redactSecret(`${status} ${message}`, secret);
  const snippet = toBodySnippet(raw.text, secret);
  const context: DocSpaceErrorContext = { ...info, status, ...(snippet === undefined ? {} : { bodySnippet: snippet }) };
  if (status === 400) return new DocSpaceValidationError(detail, context, fieldErrorsOf(json));
  if (status === 401) return new DocSpaceUnauthorizedError(detail, context);
  if (status === 403) return new DocSpaceForbiddenError(detail, context);
  if (status === 404) return new DocSpaceNotFoundError(detail, context);
  if (status === 429) {
    const retryAfter = parseRetryAfter(firstHeader(raw.headers['retry-after']));
    const wait = retryAfter === null ? '' : ` (retry after ${retryAfter}s)`;
    return new DocSpaceRateLimitedError(`${detail}${wait}`, context, retryAfter);
  }
  if (status >= 500 && status <= 599) return new DocSpaceServerError(detail, context);
  return new DocSpaceUnexpectedResponseError(`unexpected status ${detail}`, context);
}

function unexpected(detail: string, info: RequestInfo, raw: RawResponse, secret: string): DocSpaceError {
  const snippet = toBodySnippet(raw.text, secret);
  return new DocSpaceUnexpectedResponseError(detail, {
    ...info,
    status: raw.status,
    ...(snippet === undefined ? {} : { bodySnippet: snippet }),
  });
}

/** A call fails when the HTTP status is not 2xx or the body says `status: 1`; otherwise its JSON is returned. */
export function interpretResponse(info: RequestInfo, raw: RawResponse, secret: string): SuccessfulResponse {
  if (raw.status < 200 || raw.status > 299) throw errorForStatus(raw.status, info, raw, secret);
  const parsed = parseBody(raw.text);
  if (!parsed.ok) throw unexpected(`${raw.status} response body is not valid JSON`, info, raw, secret);
  const failed = failedBodySchema.safeParse(parsed.json);
  if (failed.success) {
    const status = failed.data.statusCode ?? raw.status;
    if (status >= 400) throw errorForStatus(status, info, raw, secret);
    throw unexpected(`${raw.status} response reports failure (status 1) without an error status`, info, raw, secret);
  }
  return { status: raw.status, json: parsed.json, text: raw.text };
}
