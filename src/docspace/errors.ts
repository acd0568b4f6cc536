import type { GatewayErrorCode } from '../domain/index.js';

/** Where a DocSpace call failed: which gateway operation, which request, and what came back. */
export interface DocSpaceErrorContext {
  readonly operation: string;
  readonly method: string;
  /** The request path without its query string (queries may hold emails or search text). */
  readonly path: string;
  readonly status?: number;
  readonly bodySnippet?: string;
  readonly cause?: unknown;
}

/** Base of every error the DocSpace adapter throws; `code` satisfies the domain's `isGatewayError`. */
export abstract class DocSpaceError extends Error {
  abstract override readonly name: `DocSpace${string}Error`;
  abstract readonly code: GatewayErrorCode;
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  // `declare` keeps absent fields absent (not own properties set to undefined).
  declare readonly status?: number;
  declare readonly bodySnippet?: string;

  constructor(detail: string, context: DocSpaceErrorContext) {
    const message = `DocSpace ${context.operation} (${context.method} ${context.path}) failed: ${detail}`;
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.operation = context.operation;
    this.method = context.method;
    this.path = context.path;
    if (context.status !== undefined) this.status = context.status;
    if (context.bodySnippet !== undefined) this.bodySnippet = context.bodySnippet;
  }
}

/** The caller passed something DocSpace would reject (bad GUID, blank name...); nothing was sent. */
export class DocSpaceInputError extends DocSpaceError {
  override readonly name = 'DocSpaceInputError';
  readonly code = 'invalid_input';
}

/** 401: the API key is missing, wrong, expired or revoked. */
export class DocSpaceUnauthorizedError extends DocSpaceError {
  override readonly name = 'DocSpaceUnauthorizedError';
  readonly code = 'unauthorized';
}

/** 403: the key's owner lacks the role or the key lacks the scope. */
export class DocSpaceForbiddenError extends DocSpaceError {
  override readonly name = 'DocSpaceForbiddenError';
  readonly code = 'forbidden';
}

/** 404: the group or user does not exist (or was deleted). */
export class DocSpaceNotFoundError extends DocSpaceError {
  override readonly name = 'DocSpaceNotFoundError';
  readonly code = 'not_found';
}

/** 400: DocSpace rejected the request; `fieldErrors` holds the model-validation messages when there are any. */
export class DocSpaceValidationError extends DocSpaceError {
  override readonly name = 'DocSpaceValidationError';
  readonly code = 'validation';
  readonly fieldErrors: Readonly<Record<string, readonly string[]>>;

  constructor(detail: string, context: DocSpaceErrorContext, fieldErrors: Record<string, readonly string[]> = {}) {
    super(detail, context);
    this.fieldErrors = fieldErrors;
  }
}

/** 429: the rate limiter said no; `retryAfterSeconds` comes from the Retry-After header. */
export class DocSpaceRateLimitedError extends DocSpaceError {
  override readonly name = 'DocSpaceRateLimitedError';
  readonly code = 'rate_limited';
  readonly retryAfterSeconds: number | null;

  constructor(detail: string, context: DocSpaceErrorContext, retryAfterSeconds: number | null) {
    super(detail, context);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** 5xx from DocSpace or a proxy in front of it. */
export class DocSpaceServerError extends DocSpaceError {
  override readonly name = 'DocSpaceServerError';
  readonly code = 'server_error';
}

/** No complete answer within the configured timeout. */
export class DocSpaceTimeoutError extends DocSpaceError {
  override readonly name = 'DocSpaceTimeoutError';
  readonly code = 'timeout';
}

/** Every connection was in use for longer than the queue timeout: the request was never sent, so nothing changed. */
export class DocSpaceBusyError extends DocSpaceError {
  override readonly name = 'DocSpaceBusyError';
  readonly code = 'busy';
}

/** The connection failed or broke (refused, reset, closed, DNS). */
export class DocSpaceNetworkError extends DocSpaceError {
  override readonly name = 'DocSpaceNetworkError';
  readonly code = 'network';
}

/** The answer was not what the API promises: bad JSON, schema drift, or an unmapped status. */
export class DocSpaceUnexpectedResponseError extends DocSpaceError {
  override readonly name = 'DocSpaceUnexpectedResponseError';
  readonly code = 'unexpected_response';
}

export function isDocSpaceError(error: unknown): error is DocSpaceError {
  return error instanceof DocSpaceError;
}
