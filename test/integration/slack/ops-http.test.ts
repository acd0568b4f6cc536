import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { type OpsEndpoints, startOpsServer } from '../../../src/slack/ops-http.js';

// Socket Mode's own HTTP server, started directly: it serves the three ops paths and nothing else.
describe('the Socket Mode ops server', () => {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
  let ready = true;
  let broken = false;
  const ops: OpsEndpoints = {
    live: () => ({ mode: 'socket' }),
    ready: async () => {
      if (broken) throw new Error('check crashed');
      return { ready, body: { status: ready ? 'ready' : 'not_ready' } };
    },
    metrics: async () => {
      if (broken) throw new Error('render crashed');
      return { contentType: 'text/plain; version=0.0.4; charset=utf-8', body: 'up 1\n' };
    },
  };
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = await startOpsServer(ops, logger, 0, '127.0.0.1');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const get = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${base}${path}`, init);
    return [res.status, await res.text()] as const;
  };

  it('answers /healthz, /readyz and /metrics (a query string does not matter)', async () => {
    ready = true;
    expect([await get('/healthz'), await get('/readyz?verbose=1'), await get('/metrics')]).toEqual([
      [200, '{"status":"ok","mode":"socket"}'],
      [200, '{"status":"ready"}'],
      [200, 'up 1\n'],
    ]);
  });

  it('answers /readyz 503 while not ready and /healthz 200 all the same', async () => {
    ready = false;
    expect([(await get('/readyz'))[0], (await get('/healthz'))[0]]).toEqual([503, 200]);
    ready = true;
  });

  it('answers 404 to every other path, Slack events included', async () => {
    const paths = ['/', '/slack/events', '/healthz/extra', '/metrics.json', '/admin'];
    const statuses = await Promise.all(paths.map(async (path) => (await get(path))[0]));
    expect(statuses).toEqual([404, 404, 404, 404, 404]);
  });

  it('answers 405 to a method other than GET or HEAD on an ops path', async () => {
    const res = await fetch(`${base}/healthz`, { method: 'POST', body: 'x' });
    await res.arrayBuffer();
    expect([res.status, res.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  });

  it('answers 503 and 500 when the checks or the rendering fail, and logs why', async () => {
    broken = true;
    const [readyz, metrics] = [await get('/readyz'), await get('/metrics')];
    broken = false;
    expect([readyz[0], metrics[0]]).toEqual([503, 500]);
    expect(lines.filter((l) => l.includes('crashed'))).toHaveLength(2);
  });

  it('rejects, rather than hanging, when the port is taken', async () => {
    const port = (server.address() as AddressInfo).port;
    await expect(startOpsServer(ops, logger, port, '127.0.0.1')).rejects.toThrow(/EADDRINUSE/);
  });
});
