import type { IncomingMessage, Server } from 'node:http';
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

/**
 * Ack latency: the time from a Slack request arriving to its ack leaving, which is what Slack's 3-second limit
 * measures. Measured at the transport, not in a listener, so body parsing, signature checks and Bolt's middleware
 * count too:
 * - HTTP mode: from the server's 'request' event to the response's 'finish' (Bolt answers the request when ack() is
 *   called). A global middleware only labels the request with its kind; it could not time the ack itself, because
 *   Bolt hands listeners a copy of the arguments and a middleware cannot wrap their ack().
 * - Socket Mode: from the client's 'slack_event' to the envelope ack having been sent over the socket.
 */

export type AckObserver = (kind: AckKind, seconds: number) => void;

const INTERACTIVE_KINDS = [
  'block_actions',
  'block_suggestion',
  'view_submission',
  'view_closed',
  'shortcut',
  'message_action',
] as const;

export type AckKind = 'command' | 'event' | 'other' | (typeof INTERACTIVE_KINDS)[number];

/** What kind of request a parsed Slack body is; a closed list, so it can be a metric label. */
export function ackKindOf(body: unknown): AckKind {
  if (typeof body !== 'object' || body === null) return 'other';
  const fields = body as { command?: unknown; type?: unknown };
  if (typeof fields.command === 'string') return 'command';
  if (fields.type === 'event_callback') return 'event';
  return INTERACTIVE_KINDS.find((kind) => kind === fields.type) ?? 'other';
}

interface Trace {
  kind: AckKind;
  readonly started: number;
}

const TRACE = 'ackTrace';
const seconds = (since: number) => (performance.now() - since) / 1000;

/** HTTP mode: wire `extract` and `middleware` into the receiver and app, then `attach` the started server. */
export function createHttpAckTimer(observe: AckObserver, path: string) {
  const traces = new WeakMap<IncomingMessage, Trace>();
  const middleware: Middleware<AnyMiddlewareArgs> = async ({ context, body, next }) => {
    const trace = context[TRACE] as Trace | undefined;
    if (trace) trace.kind = ackKindOf(body);
    await next();
  };
  return {
    /** The HTTPReceiver's customPropertiesExtractor: hands the trace to the middleware through Bolt's context. */
    extract: (req: IncomingMessage): Record<string, unknown> => {
      const trace = traces.get(req);
      return trace ? { [TRACE]: trace } : {};
    },
    middleware,
    attach(server: Server): void {
      server.prependListener('request', (req: IncomingMessage, res) => {
        if (req.method !== 'POST' || !req.url?.startsWith(path)) return;
        // The Events API acks before any middleware runs: its JSON body names its kind up front.
        const json = req.headers['content-type']?.startsWith('application/json') === true;
        const trace: Trace = { kind: json ? 'event' : 'other', started: performance.now() };
        traces.set(req, trace);
        res.once('finish', () => {
          // 4xx (a bad signature, a stale timestamp) is a refusal, not an ack.
          if (res.statusCode < 400) observe(trace.kind, seconds(trace.started));
        });
      });
    },
  };
}

type SocketEventArgs = { ack: (response?: unknown) => Promise<void>; body?: unknown };
// biome-ignore lint/suspicious/noExplicitAny: eventemitter3's listener type
type Listener = (...args: any[]) => void;

/** The part of the Socket Mode client (an eventemitter3 emitter, which has no prependListener) used here. */
interface SocketEvents {
  listeners(event: 'slack_event'): Listener[];
  removeAllListeners(event: 'slack_event'): unknown;
  on(event: 'slack_event', listener: Listener): unknown;
}

/**
 * Socket Mode: wraps each envelope's ack before Bolt's own 'slack_event' listener takes it (ours is put first, since
 * listeners run in the order they were added and Bolt's receiver added its own when it was built).
 */
export function timeSocketAcks(client: SocketEvents, observe: AckObserver): void {
  const existing = client.listeners('slack_event');
  client.removeAllListeners('slack_event');
  client.on('slack_event', (args: SocketEventArgs) => {
    const started = performance.now();
    const kind = ackKindOf(args.body);
    const ack = args.ack;
    args.ack = async (response) => {
      await ack(response);
      observe(kind, seconds(started));
    };
  });
  for (const listener of existing) client.on('slack_event', listener);
}
