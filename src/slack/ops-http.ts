import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';

/**
 * The operator's endpoints, served the same way in both modes: as Bolt custom routes on the HTTP receiver, and in
 * Socket Mode by a small server of their own that answers these three paths and 404 to everything else.
 *   GET /healthz  liveness: the process serves (200 while it runs).
 *   GET /readyz   readiness: 200, or 503 naming the checks that failed.
 *   GET /metrics  Prometheus text format.
 */
export interface OpsEndpoints {
  /** Small, secret-free facts about the process (mode, storage kind). */
  live(): Record<string, unknown>;
  ready(): Promise<{ readonly ready: boolean; readonly body: Record<string, unknown> }>;
  metrics(): Promise<{ readonly contentType: string; readonly body: string }>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(text);
}

/** One handler per path; a failure inside an endpoint is logged and answered, never thrown into the server. */
function opsHandlers(ops: OpsEndpoints, logger: Logger): Readonly<Record<string, Handler>> {
  const failed = (res: ServerResponse, what: string, error: unknown, status: number, body: unknown) => {
    logger.error({ err: error }, `${what} failed`);
    if (!res.headersSent) sendJson(res, status, body);
    else res.end();
  };
  return {
    '/healthz': (_req, res) => sendJson(res, 200, { status: 'ok', ...ops.live() }),
    '/readyz': (_req, res) => {
      ops.ready().then(
        (report) => sendJson(res, report.ready ? 200 : 503, report.body),
        (error: unknown) =>
          failed(res, 'readiness check', error, 503, { status: 'not_ready', failed: ['readiness_check'] }),
      );
    },
    '/metrics': (_req, res) => {
      ops.metrics().then(
        (m) => {
          res.writeHead(200, { 'content-type': m.contentType, 'cache-control': 'no-store' });
          res.end(m.body);
        },
        (error: unknown) => failed(res, 'metrics rendering', error, 500, { error: 'metrics unavailable' }),
      );
    },
  };
}

const OPS_PATHS = ['/healthz', '/readyz', '/metrics'] as const;

/** The endpoints as Bolt custom routes (HTTP mode); Bolt answers 404 to every other path. */
export function opsRoutes(ops: OpsEndpoints, logger: Logger) {
  const handlers = opsHandlers(ops, logger);
  return OPS_PATHS.map((path) => ({ path, method: ['GET'], handler: handlers[path] as Handler }));
}

/** A request listener that serves only the three paths (GET or HEAD), 405 for other methods, 404 elsewhere. */
function opsRequestListener(ops: OpsEndpoints, logger: Logger): Handler {
  const handlers = opsHandlers(ops, logger);
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handler = Object.hasOwn(handlers, path) ? handlers[path] : undefined;
    if (handler === undefined) return sendJson(res, 404, { error: 'not_found' });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return sendJson(res, 405, { error: 'method_not_allowed' });
    }
    handler(req, res);
  };
}

/** Socket Mode's only HTTP server: the operator's endpoints on PORT (and HOST). Resolves once listening. */
export async function startOpsServer(ops: OpsEndpoints, logger: Logger, port: number, host?: string): Promise<Server> {
  const server = createServer(opsRequestListener(ops, logger));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
