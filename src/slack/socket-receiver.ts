import { type Logger as BoltLogger, SocketModeReceiver } from '@slack/bolt';

/**
 * Heartbeat timings of the Socket Mode connection. Production leaves them unset (Bolt's defaults); tests shorten them
 * so a dropped or silent connection is noticed, and reconnected, in about a second instead of five.
 */
export interface SocketModeTuning {
  /**
   * How long to wait for a pong to the bot's own ping before reconnecting. @slack/socket-mode also waits this long
   * (times the attempt number) before each reconnect. Bolt's default: 5000 ms.
   */
  readonly clientPingTimeoutMs?: number;
  /** How long to wait for Slack's next ping, once Slack has pinged, before reconnecting. Bolt's default: 30000 ms. */
  readonly serverPingTimeoutMs?: number;
}

export interface SocketReceiverOptions {
  readonly appToken: string;
  /** SLACK_API_URL: apps.connections.open goes where every other Web API call goes. */
  readonly apiUrl: string | null;
  readonly logger: BoltLogger;
  readonly tuning?: SocketModeTuning;
}

/**
 * The Socket Mode receiver, built here rather than by `new App({ socketMode: true })` because App passes it neither
 * the API URL nor the heartbeat timings. Its Web API client keeps Bolt's own retry policy (many quick retries of
 * apps.connections.open while reconnecting), not the bot's.
 */
export function createSocketReceiver(options: SocketReceiverOptions): SocketModeReceiver {
  const tuning = options.tuning ?? {};
  return new SocketModeReceiver({
    appToken: options.appToken,
    logger: options.logger,
    ...(tuning.clientPingTimeoutMs === undefined ? {} : { clientPingTimeout: tuning.clientPingTimeoutMs }),
    ...(tuning.serverPingTimeoutMs === undefined ? {} : { serverPingTimeout: tuning.serverPingTimeoutMs }),
    installerOptions: options.apiUrl ? { clientOptions: { slackApiUrl: options.apiUrl } } : {},
  });
}
