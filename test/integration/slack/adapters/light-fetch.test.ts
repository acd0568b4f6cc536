import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLightFetch } from '../../../../src/slack/adapters/light-fetch.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describe('the light fetch used for Slack calls', () => {
  const seen: Seen[] = [];
  let base = '';
  const http = createLightFetch();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (req.url === '/empty') {
        res.writeHead(204).end();
        return;
      }
      if (req.url === '/limited') {
        res
          .writeHead(429, { 'retry-after': '7', 'content-type': 'application/json' })
          .end('{"ok":false,"error":"ratelimited"}');
        return;
      }
      if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2000);
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] }).end('{"ok":true}');
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await http.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts a JSON string body with its headers and returns a readable Response', async () => {
    const res = await http.fetch(`${base}/response/1`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"text":"hi"}',
    });
    expect([res.ok, res.status, await res.json()]).toEqual([true, 200, { ok: true }]);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/response/1', body: '{"text":"hi"}' });
    expect(seen.at(-1)?.headers['content-type']).toBe('application/json');
  });

  it('form-encodes URLSearchParams bodies like the global fetch', async () => {
    await http.fetch(`${base}/api/chat.postMessage`, {
      method: 'POST',
      body: new URLSearchParams({ channel: 'C1', text: 'a&b' }),
    });
    expect(seen.at(-1)?.body).toBe('channel=C1&text=a%26b');
    expect(seen.at(-1)?.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=UTF-8');
  });

  it('exposes the status and Retry-After of a rate-limited answer', async () => {
    const res = await http.fetch(`${base}/limited`, { method: 'POST', body: 'x' });
    expect([res.ok, res.status, res.headers.get('retry-after')]).toEqual([false, 429, '7']);
  });

  it('answers 204 with an empty body', async () => {
    const res = await http.fetch(`${base}/empty`, { method: 'POST', body: '' });
    expect([res.status, await res.text()]).toEqual([204, '']);
  });

  it('honours an abort signal', async () => {
    await expect(http.fetch(`${base}/slow`, { signal: AbortSignal.timeout(50) })).rejects.toThrow();
  });
});
