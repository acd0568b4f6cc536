/**
 * The baseline: a bare Bolt app with the same receiver settings as ours (HTTPReceiver, same signing secret,
 * processBeforeResponse false) whose only listener acks /docspace-group. Its logger is silenced.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type Logger, LogLevel } from '@slack/bolt';
import type { RunningApp } from './types.js';

export interface BareAppOptions {
  readonly signingSecret: string;
  readonly botToken: string;
  readonly botId: string;
  readonly botUserId: string;
  /** The Slack double, so Bolt never reaches slack.com (botId and botUserId already spare it auth.test). */
  readonly slackApiUrl: string;
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

/** Starts the bare app on host:0. */
export async function startBareApp(options: BareAppOptions, host: string): Promise<RunningApp> {
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: '/slack/events',
    logger: silentLogger,
    processBeforeResponse: false,
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
  const server = (await receiver.start({ port: 0, host })) as Server;
  return {
    port: (server.address() as AddressInfo).port,
    logs: () => ({ warn: 0, error: 0, lastError: null, lastWarn: null }),
    stop: () => receiver.stop(),
  };
}
