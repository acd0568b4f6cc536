import { WebAPIPlatformError } from '@slack/web-api';
import { beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { WebSocket } from 'ws';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack-api-server.js';
import { webClientFor } from './slack-test-kit.js';

let fake: FakeSlack;
beforeEach(async () => {
  fake = await startFakeSlack();
  return () => fake.close();
});

/** What the Socket Mode client does first: apps.connections.open with the app token. */
async function openUrl(token: string = fake.appToken): Promise<string> {
  const result = await webClientFor(fake, token).apps.connections.open({});
  return result.url as string;
}

interface RawClient {
  readonly ws: WebSocket;
  /** Every JSON frame received, in order (hello first). */
  readonly frames: Record<string, unknown>[];
  readonly closed: Promise<number>;
}

/** A bare WebSocket client, so these tests see exactly what the double sends and does. */
async function connect(url: string): Promise<RawClient> {
  const ws = new WebSocket(url);
  const frames: Record<string, unknown>[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(data.toString()) as Record<string, unknown>));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  onTestFinished(() => ws.terminate());
  await fake.socket.waitFor(() => frames.length > 0);
  return { ws, frames, closed };
}

/** The status of a refused upgrade. */
function refusedStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => reject(new Error('the upgrade was accepted')));
    ws.on('error', () => undefined);
  });
}

async function errorOf(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  return (error as WebAPIPlatformError).data.error;
}

describe('fake Slack apps.connections.open', () => {
  it('answers the app token with a one-use ws:// URL on the double’s own port', async () => {
    const url = await openUrl();
    expect(url).toMatch(
      new RegExp(`^ws://127\\.0\\.0\\.1:${new URL(fake.url).port}/link/\\?ticket=[0-9a-f-]+&app_id=`),
    );
    expect(await openUrl()).not.toBe(url);
    expect(fake.callsTo('apps.connections.open').map((c) => c.token)).toEqual([fake.appToken, fake.appToken]);
  });

  it('refuses a wrong app token as invalid_auth and the bot token as not_allowed_token_type', async () => {
    expect(await errorOf(openUrl('xapp-1-wrong'))).toBe('invalid_auth');
    expect(await errorOf(openUrl(fake.botToken))).toBe('not_allowed_token_type');
  });

  it('refuses the app token for bot methods', async () => {
    expect(await errorOf(webClientFor(fake, fake.appToken).auth.test())).toBe('not_allowed_token_type');
  });

  it('applies the failure knobs to it like to any method', async () => {
    fake.failNext('apps.connections.open', 'internal_error');
    expect(await errorOf(openUrl())).toBe('internal_error');
  });
});

describe('fake Slack Socket Mode connections', () => {
  it('greets a new connection with hello, counting the open connections and naming the app', async () => {
    const client = await connect(await openUrl());
    expect(client.frames[0]).toMatchObject({
      type: 'hello',
      num_connections: 1,
      connection_info: { app_id: 'A0FAKEAPP1' },
    });
    await fake.socket.waitForConnections(1);
    expect(fake.socket.connections()).toEqual([{ id: 1, state: 'open', closeCode: null }]);
  });

  it('refuses an unknown ticket and a ticket used twice with HTTP 401', async () => {
    const url = await openUrl();
    expect(await refusedStatus(url.replace(/ticket=[^&]+/, 'ticket=forged'))).toBe(401);
    await connect(url);
    expect(await refusedStatus(url)).toBe(401);
    expect(fake.socket.refusedCount()).toBe(2);
    expect(fake.socket.connections()).toHaveLength(1);
  });

  it('sends an envelope and resolves with its ack, the ack payload and the connection', async () => {
    const client = await connect(await openUrl());
    client.ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { envelope_id?: string };
      if (frame.envelope_id) {
        client.ws.send(JSON.stringify({ envelope_id: frame.envelope_id, payload: { response_action: 'clear' } }));
      }
    });
    const ack = await fake.socket.interactive({ type: 'view_submission' });
    const sent = client.frames[1];
    expect(sent).toMatchObject({
      type: 'interactive',
      envelope_id: ack.envelopeId,
      payload: { type: 'view_submission' },
      accepts_response_payload: true,
    });
    expect(ack).toMatchObject({ type: 'interactive', payload: { response_action: 'clear' }, connection: 1 });
    expect(fake.socket.acks).toEqual([ack]);
    expect(fake.socket.unacked()).toEqual([]);
  });

  it('wraps slash commands and events the way Slack does', async () => {
    const client = await connect(await openUrl());
    void fake.socket.slashCommand({ command: '/docspace-group', text: 'list' }).catch(() => undefined);
    void fake.socket.event({ type: 'app_home_opened', user: 'U0ALICE001' }).catch(() => undefined);
    await fake.socket.waitFor(() => client.frames.length === 3);
    expect(client.frames[1]).toMatchObject({ type: 'slash_commands', payload: { command: '/docspace-group' } });
    expect(client.frames[2]).toMatchObject({
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: 0,
      payload: { type: 'event_callback', event: { type: 'app_home_opened', user: 'U0ALICE001' } },
    });
    expect(fake.socket.unacked().map((e) => e.type)).toEqual(['slash_commands', 'events_api']);
  });

  it('rejects a send when no connection is open', async () => {
    await expect(fake.socket.slashCommand({ text: 'list' })).rejects.toThrow(/no open Socket Mode connection/);
  });

  it('rejects a send whose ack does not come in time, naming the envelope', async () => {
    await connect(await openUrl());
    await expect(fake.socket.slashCommand({ text: 'list' }, { timeoutMs: 50 })).rejects.toThrow(
      /no ack for slash_commands .* within 50ms/,
    );
    expect(fake.socket.unacked()).toHaveLength(1);
  });

  it('sends disconnect with its reason on every open connection', async () => {
    const first = await connect(await openUrl());
    const second = await connect(await openUrl());
    expect(second.frames[0]).toMatchObject({ type: 'hello', num_connections: 2 });
    expect(fake.socket.disconnect('warning')).toBe(2);
    await fake.socket.waitFor(() => first.frames.length === 2 && second.frames.length === 2);
    expect(first.frames[1]).toMatchObject({ type: 'disconnect', reason: 'warning' });
    expect(second.frames[1]).toMatchObject({ type: 'disconnect', reason: 'warning' });
  });

  it('drops a connection with no close frame (1006) and fails the envelope waiting on it', async () => {
    const client = await connect(await openUrl());
    const waiting = fake.socket.slashCommand({ text: 'list' });
    await fake.socket.waitFor(() => client.frames.length === 2);
    expect(fake.socket.drop()).toBe(1);
    await expect(waiting).rejects.toThrow(/connection #1 closed before .* was acked/);
    expect(await client.closed).toBe(1006);
    expect(fake.socket.connections()).toEqual([{ id: 1, state: 'closed', closeCode: 1006 }]);
  });

  it('stalls a connection: it stays up but stops answering pings, and no longer counts as open', async () => {
    const client = await connect(await openUrl());
    const pong = () => new Promise<boolean>((resolve) => client.ws.once('pong', () => resolve(true)));
    const answered = pong();
    client.ws.ping();
    expect(await answered).toBe(true);
    expect(fake.socket.stall()).toBe(1);
    expect(fake.socket.openCount()).toBe(0);
    expect(fake.socket.connections()[0]?.state).toBe('stalled');
    await expect(fake.socket.slashCommand({ text: 'list' })).rejects.toThrow(/no open Socket Mode connection/);
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('clear() empties the envelope and ack logs and keeps the connections', async () => {
    await connect(await openUrl());
    await fake.socket.event({ type: 'app_home_opened' }, { timeoutMs: 20 }).catch(() => undefined);
    fake.clear();
    expect([fake.socket.envelopes, fake.socket.acks]).toEqual([[], []]);
    expect(fake.socket.openCount()).toBe(1);
  });

  it('closing the double ends every connection, stalled ones too (a second close() is harmless)', async () => {
    const stalled = await connect(await openUrl());
    fake.socket.stall();
    const open = await connect(await openUrl());
    expect(fake.socket.connections().map((c) => c.state)).toEqual(['stalled', 'open']);
    await fake.close();
    expect(await open.closed).toBe(1006);
    expect(await stalled.closed).toBe(1006);
  });
});
