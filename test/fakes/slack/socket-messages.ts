import { randomUUID } from 'node:crypto';
import { TEAM_ID } from '../../fixtures/people.js';
import { FAKE_API_APP_ID, FAKE_VERIFICATION_TOKEN } from './payload-common.js';

/** The envelope types Slack sends over a Socket Mode connection (what Bolt's receiver dispatches on). */
export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** Why Slack asks the client to reconnect: a routine refresh, a warning before the link closes, or the app turned off. */
export type DisconnectReason = 'refresh_requested' | 'warning' | 'link_disabled';

/** The first frame on every connection; @slack/socket-mode's start() resolves when it arrives. */
export function helloMessage(openConnections: number, connectionId: number, appId: string): Record<string, unknown> {
  return {
    type: 'hello',
    num_connections: openConnections,
    debug_info: {
      host: `applink-fake-${connectionId}`,
      build_number: 1,
      approximate_connection_time: 18060,
    },
    connection_info: { app_id: appId },
  };
}

export function disconnectMessage(reason: DisconnectReason, connectionId: number): Record<string, unknown> {
  return { type: 'disconnect', reason, debug_info: { host: `applink-fake-${connectionId}` } };
}

/**
 * One envelope as Slack wraps a request: the same payload the HTTP mode receives (a slash command's fields as a JSON
 * object, an interactive payload, an event callback), plus the envelope_id the client must ack.
 */
export function envelope(type: EnvelopeType, payload: object, envelopeId: string): Record<string, unknown> {
  return {
    envelope_id: envelopeId,
    type,
    payload,
    // Slack reads an answer from the ack of commands and interactions; events take none.
    accepts_response_payload: type !== 'events_api',
    ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}),
  };
}

/** The event_callback wrapper of an Events API event (the payload of an events_api envelope). */
export function eventCallback(event: Record<string, unknown>, teamId: string = TEAM_ID): Record<string, unknown> {
  return {
    token: FAKE_VERIFICATION_TOKEN,
    team_id: teamId,
    api_app_id: FAKE_API_APP_ID,
    event: { event_ts: `${Math.floor(Date.now() / 1000)}.000100`, ...event },
    type: 'event_callback',
    event_id: `Ev0FAKE${randomUUID().slice(0, 8).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: teamId, user_id: 'U0BOT00001', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}
