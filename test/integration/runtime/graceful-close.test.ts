import { Agent, createServer, get, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { closableServer } from '../../../src/slack/graceful-close.js';
import { pollUntil, portRefuses } from './bot-process.js';

// A reverse proxy keeps its connections to the bot alive. Stopping must not wait for it to hang up, nor keep serving it.

function fetchVia(agent: Agent, port: number, path: string): Promise<{ body: string; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () => resolve({ body, connection: res.headers.connection }));
    }).on('error', reject);
  });
}

async function keepAliveSetup() {
  let held: ServerResponse | null = null;
  const server = createServer((req, res) => {
    if (req.url === '/slow') held = res;
    else res.end('fast');
  });
  // Far longer than the test may run: if close() waited for idle keep-alive connections, the test would time out.
  server.keepAliveTimeout = 120_000;
  const closer = closableServer(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => {
    server.closeAllConnections();
    return closer.close();
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  onTestFinished(() => agent.destroy());
  const { port } = server.address() as AddressInfo;
  return { server, closer, agent, port, held: () => held };
}

describe('closing the HTTP server with keep-alive clients', () => {
  it('answers the request in flight, then drops its connection, so close() resolves and the port refuses', async () => {
    const s = await keepAliveSetup();
    expect(await fetchVia(s.agent, s.port, '/fast')).toEqual({ body: 'fast', connection: 'keep-alive' });
    const slow = fetchVia(s.agent, s.port, '/slow');
    await pollUntil(() => s.held() !== null, 5000, 'the slow request to arrive');
    const closed = s.closer.close();
    s.held()?.end('slow');
    expect((await slow).body).toBe('slow');
    await closed;
    expect(await portRefuses(s.port)).toBe(true);
  });
});
