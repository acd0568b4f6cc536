import type { FixturePerson } from '../../fixtures/people.js';
import type { DisconnectReason, EnvelopeType } from './socket-messages.js';

/** One Web API request as the fake received it. JSON-string form fields (view, blocks, …) are parsed back. */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
  token: string | null;
}

/** One body POSTed to a response_url sink. */
export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

export interface FakeSlackOptions {
  people?: readonly FixturePerson[];
  botToken?: string;
  /** The app-level token apps.connections.open accepts (Socket Mode). */
  appToken?: string;
  teamId?: string;
  port?: number;
  botUserId?: string;
  botId?: string;
  /** Refuse messages and views over Slack's Block Kit limits as Slack does (invalid_blocks…); default true. */
  strictBlockKit?: boolean;
}

/** A message as it currently stands: chat.postMessage with any later chat.update applied. */
export interface FakeMessage {
  channel: string;
  ts: string;
  text: string;
  blocks?: unknown;
  thread_ts?: string;
  user?: string;
}

export interface FakeEphemeral {
  channel: string;
  user: string;
  text: string;
  blocks?: unknown;
}

/** How a channel looks to the bot: 'member' (the default for every channel), not joined, archived, or invisible. */
export type ChannelMembership = 'member' | 'not_member' | 'archived' | 'missing';

export interface FakeView {
  id: string;
  view: Record<string, unknown>;
  triggerId?: string;
}

export interface FakeSlack {
  readonly url: string;
  readonly apiUrl: string;
  readonly botToken: string;
  readonly appToken: string;
  /** The Socket Mode side: connections opened through apps.connections.open, envelopes out, acks back. */
  readonly socket: FakeSocketMode;
  readonly botUserId: string;
  readonly botId: string;
  readonly teamId: string;
  /** url + '/response/<id>': a response_url sink; a fresh id is generated when none is given. */
  responseUrl(id?: string): string;
  readonly calls: SlackCall[];
  callsTo(method: string): SlackCall[];
  readonly responses: ResponseUrlPost[];
  responsesTo(id: string): ResponseUrlPost[];
  /** response_url posts refused (400 invalid_blocks) because they broke Block Kit limits; not in `responses`. */
  readonly rejectedResponses: ResponseUrlPost[];
  /** Polls the predicate (default 5000 ms); rejects with a message listing the recent calls. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  messages(channel?: string): FakeMessage[];
  ephemerals(user?: string): FakeEphemeral[];
  dms(user: string): FakeMessage[];
  /** Current state of every view opened or pushed, with updates applied, in opening order. */
  views(): FakeView[];
  /** A user's App Home as last published (views.publish), or undefined when none was. */
  homeOf(user: string): FakeView | undefined;
  /** Empties the call, response and Socket Mode envelope logs; workspace state, knobs and connections stay. */
  clear(): void;
  /** clear() plus workspace state and every knob. */
  reset(): void;
  /** Ends Socket Mode connections and stops the server; calling it again waits for the first close. */
  close(): Promise<void>;
  failNext(method: string, error: string, n?: number): void;
  rateLimitNext(method: string, retryAfterSeconds: number, n?: number): void;
  /** Delay every answer (or only `method`'s) by `ms`; 0 turns it off. */
  setLatency(ms: number, method?: string): void;
  /**
   * How a channel looks to the bot (conversations.info's is_member / is_archived), and so what chat.postMessage there
   * answers: not_in_channel, is_archived or channel_not_found. Kept until set again or reset().
   */
  setChannel(channel: string, membership: ChannelMembership): void;
  /** On (the default): Web API messages, views and response_url posts over Block Kit limits are refused like Slack does. */
  setStrictBlockKit(on: boolean): void;
}

/** One envelope the Socket Mode double sent to the app. */
export interface SocketEnvelope {
  readonly envelopeId: string;
  readonly type: EnvelopeType;
  readonly payload: object;
  /** The connection (numbered from 1 in opening order) it went out on. */
  readonly connection: number;
  readonly at: number;
}

/** One `envelope_id` ack the app sent back. */
export interface SocketAck {
  readonly envelopeId: string;
  /** The type of the envelope it acks; null for an id the double never sent. */
  readonly type: EnvelopeType | null;
  /** What the app answered: {} for a bare ack(), else e.g. { response_action, errors }, { options } or { text }. */
  readonly payload: Record<string, unknown>;
  readonly connection: number;
  /** From sending the envelope to receiving this ack. */
  readonly ms: number;
  readonly at: number;
}

/** A connection that got its hello. 'stalled': still open but the double stopped reading and answering it. */
export interface SocketConnection {
  readonly id: number;
  state: 'open' | 'stalled' | 'closed';
  /** The WebSocket close code once closed (1000 a clean close, 1006 a dropped link). */
  closeCode: number | null;
}

export interface SendEnvelopeOptions {
  /** How long to wait for the ack before rejecting (default 10000 ms). */
  readonly timeoutMs?: number;
  /** Send on this open connection instead of the newest open one. */
  readonly connection?: number;
}

/**
 * The Socket Mode double. Every send goes out on an open connection (the newest unless told) and resolves with its
 * ack; it rejects when no connection is open, when that connection closes first, or when no ack comes in time.
 */
export interface FakeSocketMode {
  readonly appToken: string;
  /** Every connection that was opened, oldest first. */
  connections(): SocketConnection[];
  /** How many connections are open now (stalled ones are not). */
  openCount(): number;
  /** WebSocket upgrades refused for an unknown or already used ticket. */
  refusedCount(): number;
  /** Resolves once `count` connections have been opened in all and the newest is open (its hello sent). */
  waitForConnections(count: number, timeoutMs?: number): Promise<void>;
  /** Polls until the predicate holds (default 5000 ms); rejects describing connections, envelopes and acks. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  send(type: EnvelopeType, payload: object, options?: SendEnvelopeOptions): Promise<SocketAck>;
  /** A slash command: the fields payloads.slashCommand() builds, as the envelope's JSON payload. */
  slashCommand(fields: Record<string, string>, options?: SendEnvelopeOptions): Promise<SocketAck>;
  /** block_actions, view_submission, block_suggestion… as payloads.ts builds them. */
  interactive(payload: object, options?: SendEnvelopeOptions): Promise<SocketAck>;
  /** An Events API event (e.g. { type: 'app_home_opened', user }), wrapped in an event_callback. */
  event(event: Record<string, unknown>, options?: SendEnvelopeOptions): Promise<SocketAck>;
  readonly envelopes: SocketEnvelope[];
  readonly acks: SocketAck[];
  /** Envelopes sent and not acked (yet). */
  unacked(): SocketEnvelope[];
  /** Sends `type: disconnect` on every open connection; returns how many. */
  disconnect(reason?: DisconnectReason): number;
  /** Destroys every open connection's TCP socket with no close frame, as a network drop would; returns how many. */
  drop(): number;
  /** Stops reading every open connection (no pongs, no close reply) but keeps it: a half-open link. Returns how many. */
  stall(): number;
  /** Empties the envelope and ack logs; connections stay. */
  clear(): void;
}
