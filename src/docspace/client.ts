import { z } from 'zod';
import type { DocSpaceGateway, Logger } from '../domain/index.js';
import { type DocSpaceError, DocSpaceUnexpectedResponseError, isDocSpaceError } from './errors.js';
import { createReadOperations } from './reads.js';
import { type SuccessfulResponse, toBodySnippet } from './response.js';
import { envelopes, formatIssues } from './schemas.js';
import {
  createHttp,
  createTransport,
  type DocSpaceObserver,
  defaultSleep,
  type Http,
  type HttpRequest,
  type Sleep,
} from './transport.js';
import { createWriteOperations } from './writes.js';

/** The DocSpace REST adapter: options checked at startup, then transport, Caller and the gateway operations. */

export interface DocSpaceClientOptions {
  /** Normalised origin such as 'https://acme.onlyoffice.com' (no trailing slash). */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer <key>`; never logged or put in an error. */
  readonly apiKey: string;
  /** Per request attempt, counted from the moment it has a connection (time on the wire). */
  readonly timeoutMs: number;
  /** Size of the keep-alive connection pool (default 10). */
  readonly maxConnections?: number;
  /** How long a request may wait for a free connection before it fails as `busy`, unsent (default 5000). */
  readonly queueTimeoutMs?: number;
  /** Reads retry on network errors, timeouts, 5xx and 429; writes only on 429. */
  readonly retry: { readonly maxRetries: number; readonly baseDelayMs: number; readonly maxDelayMs: number };
  readonly logger: Logger;
  /** Injectable for tests; defaults to a real, abortable timer. */
  readonly sleep?: Sleep;
  /** Jitter source in [0, 1); injectable for tests. */
  readonly random?: () => number;
  /** Told about every HTTP exchange (metrics, readiness); the client itself keeps no counters. */
  readonly observe?: DocSpaceObserver;
}

export interface DocSpaceClient extends DocSpaceGateway {
  /** Closes the keep-alive connection pool; later calls fail with a network error. */
  close(): Promise<void>;
}

const DEFAULT_MAX_CONNECTIONS = 10;
const DEFAULT_QUEUE_TIMEOUT_MS = 5000;

const optionsSchema = z.object({
  baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  apiKey: z.string().regex(/^[\x21-\x7e]+$/, { error: 'must be non-empty printable ASCII without spaces' }),
  timeoutMs: z.number().int().positive(),
  maxConnections: z.number().int().min(1).max(100).default(DEFAULT_MAX_CONNECTIONS),
  queueTimeoutMs: z.number().int().positive().default(DEFAULT_QUEUE_TIMEOUT_MS),
  retry: z.object({
    maxRetries: z.number().int().min(0).max(10),
    baseDelayMs: z.number().int().min(0),
    maxDelayMs: z.number().int().min(0),
  }),
});

/** Builds the DocSpace REST adapter; options are checked here so a bad config fails at startup. */
export function createDocSpaceClient(options: DocSpaceClientOptions): DocSpaceClient {
  const checked = optionsSchema.safeParse(options);
  if (!checked.success) throw new TypeError(`Invalid DocSpace client options: ${formatIssues(checked.error)}`);
  const { baseUrl, apiKey, timeoutMs, maxConnections, queueTimeoutMs, retry } = checked.data;
  const transport = createTransport({
    baseUrl,
    apiKey,
    timeoutMs,
    maxConnections,
    queueTimeoutMs,
    ...(options.observe === undefined ? {} : { observe: options.observe }),
  });
  const http = createHttp({
    transport,
    apiKey,
    retry,
    logger: options.logger,
    sleep: options.sleep ?? defaultSleep,
    ...(options.random === undefined ? {} : { random: options.random }),
  });
  const caller = withFailureLog(createCaller(http, apiKey), options.logger);
  return {
    ...createReadOperations(caller),
    ...createWriteOperations(caller),
    close: () => transport.close(),
  };
}

// The Caller sends a request and parses its success envelope; a body that does not fit is schema drift.

export interface Caller {
  call<S extends z.ZodType>(request: HttpRequest, envelope: S): Promise<z.output<S>>;
  /** For endpoints that answer 204 without a body (or 200 with an envelope). */
  callAllowingEmpty(request: HttpRequest): Promise<void>;
}

function drift(request: HttpRequest, response: SuccessfulResponse, detail: string, apiKey: string) {
  const snippet = toBodySnippet(response.text, apiKey);
  return new DocSpaceUnexpectedResponseError(detail, {
    operation: request.operation,
    method: request.method,
    path: request.path,
    status: response.status,
    ...(snippet === undefined ? {} : { bodySnippet: snippet }),
  });
}

function parseEnvelope<S extends z.ZodType>(
  request: HttpRequest,
  response: SuccessfulResponse,
  envelope: S,
  apiKey: string,
): z.output<S> {
  if (response.json === undefined) throw drift(request, response, `${response.status} response has no body`, apiKey);
  const parsed = envelope.safeParse(response.json);
  if (parsed.success) return parsed.data;
  throw drift(request, response, `schema drift: ${formatIssues(parsed.error)}`, apiKey);
}

export function createCaller(http: Http, apiKey: string): Caller {
  return {
    async call(request, envelope) {
      return parseEnvelope(request, await http.send(request), envelope, apiKey);
    },
    async callAllowingEmpty(request) {
      const response = await http.send(request);
      if (response.json !== undefined) parseEnvelope(request, response, envelopes.anything, apiKey);
    },
  };
}

/** Expected answers (a lookup that finds nothing) are routine; every other failure is worth an admin's eye. */
function logFailure(logger: Logger, request: HttpRequest, error: DocSpaceError): void {
  const context = { operation: request.operation, method: request.method, path: request.path, code: error.code };
  if (error.code === 'not_found') {
    logger.debug(context, 'DocSpace found nothing');
    return;
  }
  const snippet = error.code === 'unexpected_response' && error.bodySnippet ? { bodySnippet: error.bodySnippet } : {};
  logger.warn({ ...context, ...snippet, err: error }, 'DocSpace call failed');
}

/**
 * Logs each failed call once, after its retries, so the "details are in the bot's logs" users are told about exist.
 */
function withFailureLog(caller: Caller, logger: Logger): Caller {
  const logged = async <T>(request: HttpRequest, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (isDocSpaceError(error)) logFailure(logger, request, error);
      throw error;
    }
  };
  return {
    call: (request, envelope) => logged(request, () => caller.call(request, envelope)),
    callAllowingEmpty: (request) => logged(request, () => caller.callAllowingEmpty(request)),
  };
}
