import type { FixturePerson } from '../../fixtures/people.js';

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
  teamId?: string;
  port?: number;
  botUserId?: string;
  botId?: string;
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

export interface FakeView {
  id: string;
  view: Record<string, unknown>;
  triggerId?: string;
}

export interface FakeSlack {
  readonly url: string;
  readonly apiUrl: string;
  readonly botToken: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly teamId: string;
  /** url + '/response/<id>': a response_url sink; a fresh id is generated when none is given. */
  responseUrl(id?: string): string;
  readonly calls: SlackCall[];
  callsTo(method: string): SlackCall[];
  readonly responses: ResponseUrlPost[];
  responsesTo(id: string): ResponseUrlPost[];
  /** Polls the predicate (default 5000 ms); rejects with a message listing the recent calls. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  messages(channel?: string): FakeMessage[];
  ephemerals(user?: string): FakeEphemeral[];
  dms(user: string): FakeMessage[];
  /** Current state of every view opened or pushed, with updates applied, in opening order. */
  views(): FakeView[];
  /** Empties the call and response logs; workspace state (messages, views, DMs) and knobs stay. */
  clear(): void;
  /** clear() plus workspace state and every knob. */
  reset(): void;
  close(): Promise<void>;
  failNext(method: string, error: string, n?: number): void;
  rateLimitNext(method: string, retryAfterSeconds: number, n?: number): void;
  /** Delay every answer (or only `method`'s) by `ms`; 0 turns it off. */
  setLatency(ms: number, method?: string): void;
}
