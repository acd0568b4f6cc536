import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLightFetch, type SlackCall, slackMethodOf } from '../../../../src/slack/adapters/light-fetch.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describe('the light fetch used for Slack calls', () => {
  const seen: Seen[] = [];
  let base = '';
  const calls: SlackCall[] = [];
  const http = createLightFetch((call) => void calls.push(call));
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
      if (req.url === '/api/users.info') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"error":"invalid_auth","ok":false}');
        return;
      }
      if (req.url === '/api/chat.update') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"warning":"superfluous_charset","ok":true}');
        return;
      }
      if (req.url === '/api/views.open') return void res.writeHead(502).end('<html>bad gateway</html>');
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

  describe('the call observer', () => {
    const last = () => {
      const call = calls.at(-1);
      return call && { method: call.method, outcome: call.outcome, error: call.error };
    };

    it('names the Web API method from the URL path and everything else response_url', () => {
      expect(
        [
          'https://slack.com/api/chat.postMessage',
          'http://127.0.0.1:9/api/users.info?user=U1',
          'https://hooks.slack.com/commands/T0001/123/abc',
          'https://slack.com/api/',
        ].map(slackMethodOf),
      ).toEqual(['chat.postMessage', 'users.info', 'response_url', 'response_url']);
    });

    it('reports an ok answer, an ok answer whose "ok" is not first, and a response_url post', async () => {
      await http.fetch(`${base}/api/chat.postMessage`, { method: 'POST', body: 'x' });
      expect(last()).toEqual({ method: 'chat.postMessage', outcome: 'ok', error: null });
      await http.fetch(`${base}/api/chat.update`, { method: 'POST', body: 'x' });
      expect(last()).toEqual({ method: 'chat.update', outcome: 'ok', error: null });
      await http.fetch(`${base}/response/7`, { method: 'POST', body: '{}' });
      expect(last()).toEqual({ method: 'response_url', outcome: 'ok', error: null });
    });

    it('reports "ok": false with Slack\'s error code, 429 as rate_limited and a 5xx as http_error', async () => {
      await http.fetch(`${base}/api/users.info`, { method: 'POST', body: 'x' });
      expect(last()).toEqual({ method: 'users.info', outcome: 'error', error: 'invalid_auth' });
      await http.fetch(`${base}/limited`, { method: 'POST', body: 'x' });
      expect(last()).toEqual({ method: 'response_url', outcome: 'rate_limited', error: null });
      await http.fetch(`${base}/api/views.open`, { method: 'POST', body: 'x' });
      expect(last()).toEqual({ method: 'views.open', outcome: 'http_error', error: null });
    });

    it('reports a call that got no answer as network, with a duration', async () => {
      await expect(http.fetch(`${base}/slow`, { signal: AbortSignal.timeout(50) })).rejects.toThrow();
      expect(last()).toEqual({ method: 'response_url', outcome: 'network', error: null });
      expect(calls.every((c) => c.seconds >= 0)).toBe(true);
    });
  });
});
