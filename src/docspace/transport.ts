import { Pool } from 'undici';
import type { DocSpaceError } from './errors.js';
import { DocSpaceNetworkError, DocSpaceTimeoutError } from './errors.js';
import { redactSecret, sanitizeCause } from './redact.js';
import type { RawResponse, RequestInfo } from './response.js';

/** One HTTP exchange over a keep-alive undici Pool: auth headers, per-request timeout, caller abort. */

export interface TransportOptions {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly timeoutMs: number;
}

export interface TransportRequest extends RequestInfo {
  /** Path (already prefixed with /api/2.0) plus query string. */
  readonly target: string;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

export interface Transport {
  send(request: TransportRequest): Promise<RawResponse>;
  close(): Promise<void>;
}

const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function errorCode(error: unknown): string | undefined {
  const code: unknown = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

function toTransportError(error: unknown, timedOut: boolean, request: TransportRequest, options: TransportOptions) {
  const context = { operation: request.operation, method: request.method, path: request.path };
  const cause = sanitizeCause(error, options.apiKey);
  const code = errorCode(error);
  if (timedOut || (code !== undefined && TIMEOUT_CODES.has(code))) {
    return new DocSpaceTimeoutError(`no complete response within ${options.timeoutMs} ms`, { ...context, cause });
  }
  const reason = redactSecret(error instanceof Error ? error.message : String(error), options.apiKey);
  return new DocSpaceNetworkError(`network error${code === undefined ? '' : ` ${code}`}: ${reason}`, {
    ...context,
    cause,
  });
}

function buildHeaders(apiKey: string, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${apiKey}` };
  if (hasBody) headers['content-type'] = 'application/json';
  return headers;
}

export function createTransport(options: TransportOptions): Transport {
  const url = new URL(options.baseUrl);
  const basePath = url.pathname.replace(/\/+$/, '');
  const pool = new Pool(url.origin, { connections: 10, connect: { timeout: options.timeoutMs } });
  let closing: Promise<void> | undefined;

  async function send(request: TransportRequest): Promise<RawResponse> {
    request.signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = request.signal === undefined ? timeout : AbortSignal.any([request.signal, timeout]);
    const hasBody = request.body !== undefined;
    try {
      const response = await pool.request({
        method: request.method,
        path: `${basePath}${request.target}`,
        headers: buildHeaders(options.apiKey, hasBody),
        ...(hasBody ? { body: JSON.stringify(request.body) } : {}),
        signal,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
      const text = await response.body.text();
      return { status: response.statusCode, headers: response.headers, text };
    } catch (error) {
      if (request.signal?.aborted === true) throw request.signal.reason;
      throw toTransportError(error, timeout.aborted, request, options) satisfies DocSpaceError;
    }
  }

  function close(): Promise<void> {
    closing ??= pool.close();
    return closing;
  }

  return { send, close };
}
