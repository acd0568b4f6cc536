import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DispatchDeps, dispatch } from './dispatch.js';
import type { Reply } from './envelopes.js';
import { driftReply, failReply, type Knobs, malformedReply, rateLimitReply } from './knobs.js';
import type { RequestLogEntry } from './types.js';

/** The node:http side: read the body, log the request, apply knobs and latency, write the Reply. */
export interface HttpDeps extends DispatchDeps {
  readonly knobs: Knobs;
  /** Appends to the current request log (clearLog() may swap the array). */
  record(entry: RequestLogEntry): void;
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function logBody(raw: string): unknown {
  if (raw === '') return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function logEntry(req: IncomingMessage, raw: string): RequestLogEntry {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const query = Object.fromEntries(url.searchParams);
  return { method: req.method ?? 'GET', path: url.pathname, query, body: logBody(raw), status: 0, at: Date.now() };
}

/** undefined means: drop the connection without answering. */
function answer(deps: HttpDeps, req: IncomingMessage, raw: string): Reply | undefined {
  const effect = deps.knobs.take((req.method ?? 'GET').toUpperCase());
  switch (effect?.kind) {
    case 'drop':
      return undefined;
    case 'rate_limit':
      return rateLimitReply(effect.retryAfterSeconds);
    case 'fail':
      return failReply(effect.status);
    case 'malformed':
      return malformedReply();
    case 'drift':
      return driftReply(dispatch(deps, req, raw));
    default:
      return dispatch(deps, req, raw);
  }
}

function write(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.contentType) headers['Content-Type'] = reply.contentType;
  headers['Content-Length'] = String(Buffer.byteLength(reply.body ?? ''));
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

export async function listen(deps: HttpDeps, port: number): Promise<RunningServer> {
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    if (ms <= 0) return fn();
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const server: Server = createServer((req, res) => {
    readBody(req)
      .then((raw) => {
        const entry = logEntry(req, raw);
        deps.record(entry);
        const reply = answer(deps, req, raw);
        const send = () => {
          if (!reply) return void req.socket.destroy();
          entry.status = reply.status;
          write(res, reply);
        };
        later(deps.knobs.latencyMs(), () => {
          if (!deps.knobs.holdBack(entry, send)) send();
        });
      })
      .catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const shutDown = async (): Promise<void> => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  };
  const close = (): Promise<void> => {
    closing ??= shutDown();
    return closing;
  };
  return { url: `http://127.0.0.1:${actual}`, close };
}
