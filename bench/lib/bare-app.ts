/**
 * The baseline: a bare Bolt app with the same receiver settings as ours (HTTPReceiver, same signing secret,
 * processBeforeResponse false) whose only listener acks /docspace-group, plus the same GET /healthz route the bench
 * polls to time start-up. Its logger is silenced.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type Logger, LogLevel } from '@slack/bolt';
import { HEALTH_PATH } from './health.js';

export interface BareAppOptions {
  readonly signingSecret: string;
  readonly botToken: string;
  readonly botId: string;
  readonly botUserId: string;
  /** The Slack double, so Bolt never reaches slack.com (botId and botUserId already spare it auth.test). */
  readonly slackApiUrl: string;
  readonly port: number;
  readonly host?: string;
}

const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

export async function startBareApp(options: BareAppOptions): Promise<{ port: number; stop: () => Promise<void> }> {
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: '/slack/events',
    logger: silentLogger,
    processBeforeResponse: false,
    customRoutes: [
      {
        path: HEALTH_PATH,
        method: ['GET'],
        handler: (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
        },
      },
    ],
  });
  const app = new App({
    receiver,
    token: options.botToken,
    botId: options.botId,
    botUserId: options.botUserId,
    logger: silentLogger,
    clientOptions: { slackApiUrl: options.slackApiUrl },
  });
  app.command('/docspace-group', async ({ ack }) => ack());
  const server = (await receiver.start({
    port: options.port,
    ...(options.host ? { host: options.host } : {}),
  })) as Server;
  return { port: (server.address() as AddressInfo).port, stop: () => receiver.stop() };
}
