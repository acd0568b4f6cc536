import { randomBytes } from 'node:crypto';
import { STATUS_CODES } from 'node:http';

/** What a route answers; the HTTP layer turns it into bytes. `body` undefined means no body at all. */
export interface Reply {
  readonly status: number;
  readonly body?: string;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The request facts an envelope needs: `links` carries the full request URL and the method. */
export interface LinkSource {
  readonly href: string;
  readonly method: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** Like the server's `DefaultIgnoreCondition = WhenWritingNull`: null and undefined properties are omitted. */
function omitNulls(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined));
}

export function jsonReply(status: number, payload: unknown, dropNulls = true): Reply {
  const body = dropNulls ? JSON.stringify(payload, omitNulls) : JSON.stringify(payload);
  return { status, body, contentType: JSON_TYPE };
}

export function emptyReply(status: number, headers?: Record<string, string>): Reply {
  return headers ? { status, headers } : { status };
}

function itemCount(payload: unknown): number {
  if (Array.isArray(payload)) return payload.length;
  return payload === null || payload === undefined ? 0 : 1;
}

export interface SuccessOptions {
  /** Only paged lists carry `total`. */
  readonly total?: number;
  readonly status?: number;
}

function successEnvelope(link: LinkSource, payload: unknown, options: SuccessOptions = {}): object {
  return {
    response: payload,
    count: itemCount(payload),
    ...(options.total === undefined ? {} : { total: options.total }),
    links: [{ href: link.href, action: link.method }],
    status: 0,
    statusCode: options.status ?? 200,
  };
}

export function successReply(link: LinkSource, payload: unknown, options: SuccessOptions = {}): Reply {
  return jsonReply(options.status ?? 200, successEnvelope(link, payload, options));
}

/** .NET exception types and HRESULTs the real server reports in `error.type` / `error.hresult`. */
const EXCEPTIONS = {
  notFound: { type: 'ASC.Common.Web.ItemNotFoundException', hresult: -2146233088 },
  argument: { type: 'System.ArgumentException', hresult: -2147024809 },
  argumentNull: { type: 'System.ArgumentNullException', hresult: -2147467261 },
  security: { type: 'System.Security.SecurityException', hresult: -2146233078 },
  nullReference: { type: 'System.NullReferenceException', hresult: -2147467261 },
  generic: { type: 'System.Exception', hresult: -2146233088 },
} as const;

export type ExceptionKind = keyof typeof EXCEPTIONS;

/** A thrown server exception: becomes the `{error:{message,type,stack,hresult}, status:1, statusCode}` envelope. */
export class FakeApiError extends Error {
  override readonly name = 'FakeApiError';
  readonly status: number;
  readonly kind: ExceptionKind;

  constructor(status: number, kind: ExceptionKind, message: string) {
    super(message);
    this.status = status;
    this.kind = kind;
  }
}

/** A model-validation failure: becomes ProblemDetails inside the success envelope with `status: 1`. */
export class FakeValidationError extends Error {
  override readonly name = 'FakeValidationError';
  readonly errors: Readonly<Record<string, readonly string[]>>;
  readonly status: number;
  readonly title: string;

  constructor(
    errors: Record<string, readonly string[]>,
    status = 400,
    title = 'One or more validation errors occurred.',
  ) {
    super(title);
    this.errors = errors;
    this.status = status;
    this.title = title;
  }
}

export const notFound = (message: string) => new FakeApiError(404, 'notFound', message);
export const badArgument = (message: string) => new FakeApiError(400, 'argument', message);
export const accessDenied = () => new FakeApiError(403, 'security', 'Access denied');
export const userNotFoundMessage = 'The user could not be found';
export const groupNotFoundMessage = 'The group could not be found';

export function errorReply(error: FakeApiError): Reply {
  const { type, hresult } = EXCEPTIONS[error.kind];
  const stack = `   at ASC.People.Api.FakeDocSpace.Handle() in ${type}`;
  const payload = { error: { message: error.message, type, stack, hresult }, status: 1, statusCode: error.status };
  return jsonReply(error.status, payload, false);
}

export function statusErrorReply(status: number): Reply {
  const kind: ExceptionKind = status === 404 ? 'notFound' : status === 403 ? 'security' : 'generic';
  return errorReply(new FakeApiError(status, kind, STATUS_CODES[status] ?? 'Error'));
}

const TYPE_LINKS: Readonly<Record<number, string>> = {
  400: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
  415: 'https://tools.ietf.org/html/rfc9110#section-15.5.16',
};

function traceId(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`;
}

export function validationReply(link: LinkSource, error: FakeValidationError): Reply {
  const hasErrors = Object.keys(error.errors).length > 0;
  const problem = {
    type: TYPE_LINKS[error.status] ?? TYPE_LINKS[400],
    title: error.title,
    status: error.status,
    ...(hasErrors ? { errors: error.errors } : {}),
    traceId: traceId(),
  };
  const envelope = { ...successEnvelope(link, problem, { status: error.status }), status: 1 };
  return jsonReply(error.status, envelope);
}
