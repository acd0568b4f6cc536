import type { IncomingMessage, ServerResponse } from 'node:http';

// Top-level fields that hold free text and must never be JSON-decoded, even when they look like JSON.
const PLAIN_FIELDS = new Set(['text', 'token', 'email', 'user', 'users', 'channel', 'ts', 'thread_ts']);

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function decodeFormValue(key: string, value: string): unknown {
  if (PLAIN_FIELDS.has(key) || !/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

export class BadRequestBodyError extends Error {
  override readonly name = 'BadRequestBodyError';
  readonly code: string;
  constructor(code: string) {
    super(code);
    this.code = code;
  }
}

/** Parses a Web API body: form-encoded (what WebClient sends) or JSON, merged over the query string. */
export function parseArgs(
  contentType: string | undefined,
  raw: string,
  query: URLSearchParams,
): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of query) args[key] = decodeFormValue(key, value);
  if (raw === '') return args;
  if ((contentType ?? '').toLowerCase().startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new BadRequestBodyError('invalid_json');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new BadRequestBodyError('json_not_object');
    return { ...args, ...(parsed as Record<string, unknown>) };
  }
  for (const [key, value] of new URLSearchParams(raw)) args[key] = decodeFormValue(key, value);
  return args;
}

/** The bearer token from the Authorization header, else the `token` argument, else null. */
export function extractToken(authorization: string | undefined, args: Record<string, unknown>): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (bearer !== undefined) return bearer;
  return typeof args['token'] === 'string' && args['token'] !== '' ? args['token'] : null;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
