import type { Server } from 'node:http';
import { App, HTTPReceiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import { type AckObserver, createHttpAckTimer, timeSocketAcks } from './ack-timing.js';
import { createBoltLogger } from './adapters/bolt-logger.js';
import { closableServer } from './graceful-close.js';
import type { ListenerDeps } from './listeners/context.js';
import { registerListeners } from './listeners/index.js';
import { type OpsEndpoints, opsRoutes, startOpsServer } from './ops-http.js';
import { createSocketReceiver, type SocketModeTuning } from './socket-receiver.js';

export interface SlackAppOptions {
  readonly botToken: string;
  readonly signingSecret: string | null;
  readonly appToken: string | null;
  readonly apiUrl: string | null;
  /** From the start-up auth.test, so Bolt does not call it again. */
  readonly botId: string;
  readonly botUserId: string;
  readonly logger: Logger;
  readonly retryConfig: NonNullable<WebClientOptions['retryConfig']>;
  /** Used for Web API calls and respond(); defaults to the global fetch. */
  readonly fetch?: typeof fetch;
  /** GET /healthz, /readyz and /metrics, in both modes. */
  readonly ops: OpsEndpoints;
  /** Told how long each ack took, from the request's arrival. */
  readonly onAck?: AckObserver;
  /** Socket Mode heartbeat timings (tests shorten them); Bolt's defaults when absent. */
  readonly socketMode?: SocketModeTuning;
}

/** How the Web API client retries a failed call (rate limits, network errors) unless the container says otherwise. */
export const DEFAULT_SLACK_RETRY: NonNullable<WebClientOptions['retryConfig']> = {
  retries: 3,
  factor: 2,
  minTimeout: 500,
  maxTimeout: 5000,
};

export interface SlackApp {
  readonly app: App;
  readonly mode: 'http' | 'socket';
  /** Resolves once no Slack event is being handled: every listener, and the work it does after its ack, is done. */
  idle(): Promise<void>;
  /** Starts listening; returns the HTTP server (HTTP mode: events + ops endpoints; Socket Mode: ops endpoints only). */
  start(port: number, host?: string): Promise<Server>;
  /** Stops intake (HTTP: no new connection, each open one closed after its current response; Socket Mode: disconnects). Listener work already started runs on: see idle(). */
  stop(): Promise<void>;
}

/** Counts the Slack events whose listeners are still running (acked or not), and tells when none are. */
function createInFlightCounter() {
  let running = 0;
  let waiting: Array<() => void> = [];
  return {
    async track(next: () => Promise<void>): Promise<void> {
      running += 1;
      try {
        await next();
      } finally {
        running -= 1;
        if (running === 0) {
          const done = waiting;
          waiting = [];
          for (const resolve of done) resolve();
        }
      }
    },
    idle(): Promise<void> {
      return running === 0 ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

const EVENTS_PATH = '/slack/events';

/** Builds the Bolt app (HTTP receiver or Socket Mode) and registers every listener. */
export function createSlackApp(deps: ListenerDeps, options: SlackAppOptions): SlackApp {
  const logger = createBoltLogger(options.logger);
  const clientOptions: WebClientOptions = {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    retryConfig: options.retryConfig,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  // convoStore: false — the bot keeps no per-conversation state, so Bolt's conversation store middleware is skipped.
  const common = {
    token: options.botToken,
    botId: options.botId,
    botUserId: options.botUserId,
    logger,
    clientOptions,
    convoStore: false as const,
  };
  const socket = options.appToken !== null;
  const onAck = options.onAck ?? (() => undefined);
  const acks = createHttpAckTimer(onAck, EVENTS_PATH);
  let receiver: HTTPReceiver | null = null;
  let app: App;
  if (socket) {
    const tuning = options.socketMode ? { tuning: options.socketMode } : {};
    const socketReceiver = createSocketReceiver({
      appToken: options.appToken as string,
      apiUrl: options.apiUrl,
      logger,
      ...tuning,
    });
    timeSocketAcks(socketReceiver.client, onAck);
    app = new App({ ...common, receiver: socketReceiver });
  } else {
    receiver = new HTTPReceiver({
      signingSecret: options.signingSecret ?? '',
      endpoints: EVENTS_PATH,
      logger,
      processBeforeResponse: false,
      customRoutes: opsRoutes(options.ops, options.logger),
      customPropertiesExtractor: acks.extract,
    });
    app = new App({ ...common, receiver });
    app.use(acks.middleware);
  }
  app.error(async (error) => {
    options.logger.error({ err: error }, 'unhandled error in a Slack listener');
  });
  // Global middleware runs first and its next() settles only when every listener has finished.
  const inFlight = createInFlightCounter();
  app.use(async ({ next }) => inFlight.track(next));
  registerListeners(app, deps);
  let server: ReturnType<typeof closableServer> | null = null;
  return {
    app,
    mode: socket ? 'socket' : 'http',
    idle: () => inFlight.idle(),
    async start(port, host) {
      if (receiver) {
        const listening = (await receiver.start({ port, ...(host ? { host } : {}) })) as Server;
        acks.attach(listening);
        server = closableServer(listening);
        return listening;
      }
      await app.start();
      const healthServer = await startOpsServer(options.ops, options.logger, port, host);
      server = closableServer(healthServer);
      return healthServer;
    },
    async stop() {
      // HTTP mode: closing the receiver's server is what stops intake (Bolt's receiver.stop() would wait out
      // keep-alive connections). Socket Mode: disconnect first, then the health server.
      if (!receiver) await app.stop();
      await server?.close();
    },
  };
}
