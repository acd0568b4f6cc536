import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { App, HTTPReceiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import { createBoltLogger } from './adapters/bolt-logger.js';
import type { ListenerDeps } from './listeners/context.js';
import { registerListeners } from './listeners/index.js';

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
  /** Reported by GET /healthz. */
  readonly health: () => Record<string, unknown>;
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
  /** Starts listening; returns the HTTP server (HTTP mode: events + healthz; Socket Mode: healthz only). */
  start(port: number, host?: string): Promise<Server>;
  stop(): Promise<void>;
}

/** 200 once ready; 503 while starting or stopping, so a load balancer or orchestrator waits. */
function healthHandler(health: () => Record<string, unknown>) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    const state = health();
    const ready = state['ready'] !== false;
    res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: ready ? 'ok' : 'starting', ...state }));
  };
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
  let receiver: HTTPReceiver | null = null;
  let app: App;
  if (socket) {
    app = new App({ ...common, appToken: options.appToken as string, socketMode: true });
  } else {
    receiver = new HTTPReceiver({
      signingSecret: options.signingSecret ?? '',
      endpoints: '/slack/events',
      logger,
      processBeforeResponse: false,
      customRoutes: [{ path: '/healthz', method: ['GET'], handler: healthHandler(options.health) }],
    });
    app = new App({ ...common, receiver });
  }
  app.error(async (error) => {
    options.logger.error({ err: error }, 'unhandled error in a Slack listener');
  });
  // Global middleware runs first and its next() settles only when every listener has finished.
  const inFlight = createInFlightCounter();
  app.use(async ({ next }) => inFlight.track(next));
  registerListeners(app, deps);
  let healthServer: Server | null = null;
  return {
    app,
    mode: socket ? 'socket' : 'http',
    idle: () => inFlight.idle(),
    async start(port, host) {
      if (receiver) return (await receiver.start({ port, ...(host ? { host } : {}) })) as Server;
      await app.start();
      healthServer = createServer(healthHandler(options.health));
      // A busy port must reject (the container names PORT), not crash the process with an unhandled 'error'.
      await new Promise<void>((resolve, reject) => {
        healthServer?.once('error', reject);
        healthServer?.listen(port, host, resolve);
      });
      return healthServer;
    },
    async stop() {
      if (receiver) await receiver.stop();
      else await app.stop();
      await new Promise<void>((resolve) => (healthServer ? healthServer.close(() => resolve()) : resolve()));
    },
  };
}
