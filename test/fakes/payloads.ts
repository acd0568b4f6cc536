import { TEAM_ID } from '../fixtures/people.js';
import {
  channelNameOf,
  DEFAULT_CHANNEL_ID,
  FAKE_API_APP_ID,
  FAKE_TEAM_DOMAIN,
  FAKE_VERIFICATION_TOKEN,
  handleOf,
  makeTriggerId,
  modalView,
  teamRef,
  userRef,
} from './slack/payload-common.js';

import { eventCallback } from './slack/socket-messages.js';

export { blockAction, blockSuggestion, homeBlockAction } from './slack/payload-interactive.js';

export interface SlashCommandInput {
  text: string;
  userId: string;
  teamId?: string;
  channelId?: string;
  responseUrl: string;
  triggerId?: string;
  /** Defaults to '/docspace-group'. */
  command?: string;
  /** Merged last, to replace or add any field. */
  overrides?: Record<string, string>;
}

/** The flat form fields Slack POSTs for a slash command (all strings, is_enterprise_install included). */
export function slashCommand(input: SlashCommandInput): Record<string, string> {
  const channelId = input.channelId ?? DEFAULT_CHANNEL_ID;
  return {
    token: FAKE_VERIFICATION_TOKEN,
    team_id: input.teamId ?? TEAM_ID,
    team_domain: FAKE_TEAM_DOMAIN,
    channel_id: channelId,
    channel_name: channelNameOf(channelId),
    user_id: input.userId,
    user_name: handleOf(input.userId),
    command: input.command ?? '/docspace-group',
    text: input.text,
    api_app_id: FAKE_API_APP_ID,
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId ?? makeTriggerId(),
    ...input.overrides,
  };
}

export interface ViewSubmissionInput {
  callbackId: string;
  userId: string;
  /** view.state.values: { <block_id>: { <action_id>: { type, …value field… } } } */
  values: Record<string, Record<string, unknown>>;
  privateMetadata?: string;
  viewId?: string;
  teamId?: string;
  triggerId?: string;
  blocks?: readonly unknown[];
  /** Merged last into the top-level payload. */
  overrides?: Record<string, unknown>;
}

/** The JSON Slack sends (inside payload=) when a modal is submitted. */
export function viewSubmission(input: ViewSubmissionInput): Record<string, unknown> {
  const teamId = input.teamId ?? TEAM_ID;
  const view = modalView({
    viewId: input.viewId ?? 'V0FAKEVIEW1',
    teamId,
    callbackId: input.callbackId,
    values: input.values,
    ...(input.privateMetadata === undefined ? {} : { privateMetadata: input.privateMetadata }),
    ...(input.blocks === undefined ? {} : { blocks: input.blocks }),
  });
  return {
    type: 'view_submission',
    team: teamRef(teamId),
    user: userRef(input.userId, teamId),
    api_app_id: FAKE_API_APP_ID,
    token: FAKE_VERIFICATION_TOKEN,
    trigger_id: input.triggerId ?? makeTriggerId(),
    view,
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
    ...input.overrides,
  };
}

/** Raw body of a slash command: the fields form-encoded, exactly what gets signed and sent. */
export function formEncodeCommand(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** Raw body of an interactivity request: payload=<url-encoded JSON>. */
export function formEncodeInteractive(payload: object): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface AppHomeOpenedInput {
  userId: string;
  teamId?: string;
  /** Defaults to 'home'; 'messages' when the person opened the Messages tab. */
  tab?: 'home' | 'messages';
}

/** The inner event Slack sends when someone opens one of the app's tabs (Events API `app_home_opened`). */
function appHomeOpenedEvent(input: AppHomeOpenedInput): Record<string, unknown> {
  return {
    type: 'app_home_opened',
    user: input.userId,
    channel: `D0${input.userId.slice(1, 10).padEnd(9, '0')}`,
    tab: input.tab ?? 'home',
    event_ts: `${Math.floor(Date.now() / 1000)}.000200`,
  };
}

/** The whole JSON body Slack POSTs (signed, application/json) for that event: an event_callback envelope. */
export function appHomeOpened(input: AppHomeOpenedInput): Record<string, unknown> {
  return eventCallback(appHomeOpenedEvent(input), input.teamId ?? TEAM_ID);
}
