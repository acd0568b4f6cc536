import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { waitUntil } from '../wait-for.js';
import {
  type DisconnectReason,
  disconnectMessage,
  type EnvelopeType,
  envelope,
  eventCallback,
  helloMessage,
} from './socket-messages.js';
import type { FakeSocketMode, SendEnvelopeOptions, SocketAck, SocketConnection, SocketEnvelope } from './types.js';

const LINK_PATH = '/link/';
const DEFAULT_ACK_TIMEOUT_MS = 10_000;

interface Connection extends SocketConnection {
  readonly ws: WebSocket;
}

interface Pending {
  readonly envelope: SocketEnvelope;
  resolve(ack: SocketAck): void;
  reject(error: Error): void;
}

/** The Socket Mode side of the Slack double, plus what server.ts needs to wire it into the HTTP server. */
export interface SocketModeDouble extends FakeSocketMode {
  /** A one-use ws:// URL, as apps.connections.open returns it. */
  mintUrl(): string;
  /** Serves the HTTP server's 'upgrade' event: a known ticket becomes a connection, anything else a 401. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Terminates every connection (stalled ones too), so the HTTP server can close. */
  close(): Promise<void>;
}

function parseFrame(data: RawData): Record<string, unknown> | null {
  try {
    const parsed = JSON.parse(data.toString()) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * A WebSocket endpoint that behaves like Slack's Socket Mode: `hello` on connect, envelopes out, `envelope_id` acks
 * back (with the ack's payload, which carries view responses and options), `disconnect` messages, and the two ways
 * a link dies: dropped (TCP closed, no close frame) or stalled (open but silent, so only the client's ping notices).
 */
export function createSocketModeDouble(input: { server: Server; appId: string; appToken: string }): SocketModeDouble {
  const wss = new WebSocketServer({ noServer: true });
  const tickets = new Set<string>();
  const live: Connection[] = [];
  const pending = new Map<string, Pending & { connection: number; timer: NodeJS.Timeout }>();
  const envelopes: SocketEnvelope[] = [];
  const acks: SocketAck[] = [];
  // What an ack is matched against (type, send time); kept when clear() empties the logs, for late acks.
  const sentInfo = new Map<string, { type: EnvelopeType; sentAt: number }>();
  let refused = 0;

  const openConnections = () => live.filter((c) => c.state === 'open');
  const describe = () =>
    [
      `connections: ${live.map((c) => `#${c.id} ${c.state}${c.closeCode === null ? '' : ` (${c.closeCode})`}`).join(', ') || '(none)'}`,
      `envelopes sent: ${envelopes.map((e) => `${e.type}@#${e.connection}`).join(', ') || '(none)'}`,
      `acks: ${acks.length}; unacked: ${pending.size}; refused upgrades: ${refused}`,
    ].join('\n');

  function settle(envelopeId: string, outcome: { ack: SocketAck } | { error: Error }): void {
    const waiting = pending.get(envelopeId);
    if (!waiting) return;
    pending.delete(envelopeId);
    clearTimeout(waiting.timer);
    if ('ack' in outcome) waiting.resolve(outcome.ack);
    else waiting.reject(outcome.error);
  }

  function onFrame(connection: Connection, data: RawData): void {
    const frame = parseFrame(data);
    const envelopeId = frame?.['envelope_id'];
    if (typeof envelopeId !== 'string') return;
    const sent = sentInfo.get(envelopeId);
    const payload = frame?.['payload'];
    const ack: SocketAck = {
      envelopeId,
      type: sent?.type ?? null,
      payload: typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {},
      connection: connection.id,
      ms: sent ? performance.now() - sent.sentAt : 0,
      at: Date.now(),
    };
    acks.push(ack);
    settle(envelopeId, { ack });
  }

  function onClose(connection: Connection, code: number): void {
    connection.state = 'closed';
    connection.closeCode = code;
    for (const [id, waiting] of pending) {
      if (waiting.connection === connection.id) {
        settle(id, { error: new Error(`Socket Mode connection #${connection.id} closed before ${id} was acked`) });
      }
    }
  }

  function accept(ws: WebSocket): void {
    const connection: Connection = { id: live.length + 1, state: 'open', closeCode: null, ws };
    live.push(connection);
    ws.on('message', (data) => onFrame(connection, data));
    ws.on('close', (code) => onClose(connection, code));
    // A reset from the client surfaces here; the 'close' that follows records it.
    ws.on('error', () => undefined);
    ws.send(JSON.stringify(helloMessage(openConnections().length, connection.id, input.appId)));
  }

  function target(options: SendEnvelopeOptions): Connection {
    const open = openConnections();
    const chosen = options.connection === undefined ? open.at(-1) : open.find((c) => c.id === options.connection);
    if (!chosen) throw new Error(`no open Socket Mode connection to send on\n${describe()}`);
    return chosen;
  }

  async function send(type: EnvelopeType, payload: object, options: SendEnvelopeOptions = {}): Promise<SocketAck> {
    const connection = target(options);
    const envelopeId = randomUUID();
    const sent: SocketEnvelope = { envelopeId, type, payload, connection: connection.id, at: Date.now() };
    envelopes.push(sent);
    sentInfo.set(envelopeId, { type, sentAt: performance.now() });
    const timeoutMs = options.timeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
    return new Promise<SocketAck>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          settle(envelopeId, {
            error: new Error(`no ack for ${type} ${envelopeId} within ${timeoutMs}ms\n${describe()}`),
          }),
        timeoutMs,
      );
      pending.set(envelopeId, { envelope: sent, connection: connection.id, resolve, reject, timer });
      connection.ws.send(JSON.stringify(envelope(type, payload, envelopeId)));
    });
  }

  /** Applies `act` to every open connection and returns how many it touched. */
  function eachOpen(act: (connection: Connection) => void): number {
    const open = openConnections();
    for (const connection of open) act(connection);
    return open.length;
  }

  return {
    appToken: input.appToken,
    mintUrl() {
      const ticket = randomUUID();
      tickets.add(ticket);
      const { port } = input.server.address() as AddressInfo;
      return `ws://127.0.0.1:${port}${LINK_PATH}?ticket=${ticket}&app_id=${input.appId}`;
    },
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const ticket = url.searchParams.get('ticket');
      // Tickets are single-use, like Slack's: a client must call apps.connections.open again to reconnect.
      if (url.pathname !== LINK_PATH || ticket === null || !tickets.delete(ticket)) {
        refused += 1;
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, accept);
    },
    connections: () => live.map(({ id, state, closeCode }) => ({ id, state, closeCode })),
    openCount: () => openConnections().length,
    refusedCount: () => refused,
    waitForConnections(count, timeoutMs = 5000) {
      return waitUntil(
        () => live.length >= count && live.at(-1)?.state === 'open',
        timeoutMs,
        `fake Socket Mode: ${count} connection(s)`,
        describe,
      );
    },
    waitFor: (predicate, timeoutMs = 5000) => waitUntil(predicate, timeoutMs, 'fake Socket Mode', describe),
    send,
    slashCommand: (fields, options) => send('slash_commands', fields, options),
    interactive: (payload, options) => send('interactive', payload, options),
    event: (event, options) => send('events_api', eventCallback(event), options),
    envelopes,
    acks,
    unacked: () => envelopes.filter((e) => !acks.some((a) => a.envelopeId === e.envelopeId)),
    disconnect: (reason: DisconnectReason = 'refresh_requested') =>
      eachOpen((c) => c.ws.send(JSON.stringify(disconnectMessage(reason, c.id)))),
    drop: () => eachOpen((c) => c.ws.terminate()),
    stall: () =>
      eachOpen((c) => {
        c.state = 'stalled';
        c.ws.pause();
      }),
    clear() {
      envelopes.length = 0;
      acks.length = 0;
    },
    async close() {
      for (const id of [...pending.keys()]) settle(id, { error: new Error('fake Socket Mode closed') });
      for (const connection of live) connection.ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
