import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A pass-through HTTP proxy on 127.0.0.1:0 in front of the DocSpace double that can misbehave on writes only
 * (POST/PUT/DELETE): the double's own knobs cannot single out the write that follows the reads of a change.
 * - holdWriteAnswers: the write reaches DocSpace at once (so it is applied) but its answer is held back until
 *   releaseWriteAnswers (or close): a timeout with an unknown outcome.
 * - faultNextWrites(n, { kind: 'rate_limit' }): the proxy answers 429 with Retry-After itself; nothing is forwarded.
 * - faultNextWrites(n, { kind: 'malformed' | 'drift' }): the write is forwarded (and applied), then its 200 body is
 *   cut off mid-JSON, or its `id` renamed to `Id` (schema drift).
 */
type WriteFault =
  | { readonly kind: 'rate_limit'; readonly retryAfterSeconds: number }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'drift' };

export interface WriteFaultProxy {
  readonly url: string;
  holdWriteAnswers(): void;
  /** Sends the held answers (to a client that has long given up) and stops holding. */
  releaseWriteAnswers(): void;
  faultNextWrites(n: number, fault: WriteFault): void;
  /** Every write the proxy received, with the status it answered (forwarded or not). */
  readonly writes: { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

interface Upstream {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function keptHeaders(res: IncomingMessage, length: number): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(res.headers)) {
    if (typeof value === 'string' && key !== 'transfer-encoding' && key !== 'connection') kept[key] = value;
  }
  kept['content-length'] = String(length);
  return kept;
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<Upstream> {
  const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
  const options = {
    host: target.hostname,
    port: target.port,
    method: req.method,
    path: req.url,
    headers,
    agent: false,
  };
  return new Promise((resolve, reject) => {
    const out = request(options, (res) => {
      readAll(res).then(
        (data) => resolve({ status: res.statusCode ?? 502, headers: keptHeaders(res, data.length), body: data }),
        reject,
      );
    });
    out.on('error', reject);
    out.end(body);
  });
}

function withBody(upstream: Upstream, text: string): Upstream {
  const body = Buffer.from(text, 'utf8');
  return { ...upstream, headers: { ...upstream.headers, 'content-length': String(body.length) }, body };
}

function drifted(upstream: Upstream): Upstream {
  const envelope = JSON.parse(upstream.body.toString('utf8')) as { response?: Record<string, unknown> };
  const { id, ...rest } = envelope.response ?? {};
  return withBody(upstream, JSON.stringify({ ...envelope, response: { ...rest, Id: id } }));
}

async function answer(target: URL, req: IncomingMessage, body: Buffer, fault: WriteFault | undefined) {
  if (fault?.kind === 'rate_limit') {
    const headers = { 'retry-after': String(fault.retryAfterSeconds), 'content-length': '0' };
    return { status: 429, headers, body: Buffer.alloc(0) };
  }
  const upstream = await forward(target, req, body);
  if (fault?.kind === 'malformed') return withBody(upstream, '{"response":{"id":"');
  return fault?.kind === 'drift' ? drifted(upstream) : upstream;
}

export async function startWriteFaultProxy(targetUrl: string): Promise<WriteFaultProxy> {
  const target = new URL(targetUrl);
  const writes: WriteFaultProxy['writes'] = [];
  let held: Array<() => void> | null = null;
  const faults: WriteFault[] = [];
  const release = () => {
    const queued = held ?? [];
    held = null;
    for (const send of queued) send();
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readAll(req);
    const isWrite = req.method !== 'GET' && req.method !== 'HEAD';
    const fault = isWrite ? faults.shift() : undefined;
    const upstream = await answer(target, req, body, fault);
    if (isWrite) writes.push({ method: req.method ?? '', path: req.url ?? '', status: upstream.status });
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(upstream.status, upstream.headers);
      res.end(upstream.body);
    };
    if (isWrite && fault?.kind !== 'rate_limit' && held) held.push(send);
    else send();
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    writes,
    holdWriteAnswers: () => {
      held ??= [];
    },
    releaseWriteAnswers: release,
    faultNextWrites: (n, fault) => {
      for (let i = 0; i < n; i++) faults.push(fault);
    },
    close: async () => {
      held = null;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
