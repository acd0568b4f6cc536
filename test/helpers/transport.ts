import { formEncodeCommand, formEncodeInteractive } from '../fakes/payloads.js';
import { type SendResult, sendSigned } from '../fakes/send-to-app.js';
import type { FakeSocketMode, SocketAck } from '../fakes/slack-api-server.js';

/**
 * How the harness hands Slack's requests to the app: signed HTTP POSTs to /slack/events, or envelopes over the
 * Socket Mode double. Both answer with what Slack would have got back, in the HTTP shape, so a test or the demo reads
 * an ack the same way in either mode.
 */
export interface SlackTransport {
  readonly mode: 'http' | 'socket';
  /** A slash command's fields, as payloads.slashCommand() builds them. */
  command(fields: Record<string, string>): Promise<SendResult>;
  /** An interactive payload: block_actions, view_submission, block_suggestion. */
  interact(payload: object): Promise<SendResult>;
  /** An Events API event_callback body (e.g. payloads.appHomeOpened()); Socket Mode sends its inner event. */
  event(callback: Record<string, unknown>): Promise<SendResult>;
}

export function httpTransport(eventsUrl: string, signingSecret: string): SlackTransport {
  const send = (raw: string) => sendSigned(eventsUrl, raw, { signingSecret });
  return {
    mode: 'http',
    command: (fields) => send(formEncodeCommand(fields)),
    interact: (payload) => send(formEncodeInteractive(payload)),
    event: (callback) =>
      sendSigned(eventsUrl, JSON.stringify(callback), {
        signingSecret,
        headers: { 'content-type': 'application/json' },
      }),
  };
}

/**
 * A Socket Mode ack as the HTTP receiver would have answered the same ack(): 200, and the payload as a JSON body, or
 * an empty body for a bare ack().
 */
function ackAsResponse(ack: SocketAck): SendResult {
  const bare = Object.keys(ack.payload).length === 0;
  return { status: 200, body: bare ? '' : JSON.stringify(ack.payload), json: bare ? null : ack.payload, ms: ack.ms };
}

/** Sends on the newest open connection (Slack picks any open one) and resolves once the app acked. */
export function socketTransport(socket: FakeSocketMode): SlackTransport {
  return {
    mode: 'socket',
    command: async (fields) => ackAsResponse(await socket.slashCommand(fields)),
    interact: async (payload) => ackAsResponse(await socket.interactive(payload)),
    event: async (callback) => ackAsResponse(await socket.event(callback['event'] as Record<string, unknown>)),
  };
}
