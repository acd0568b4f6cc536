import { TEAM_ID } from '../../fixtures/people.js';
import {
  channelNameOf,
  DEFAULT_CHANNEL_ID,
  FAKE_API_APP_ID,
  FAKE_VERIFICATION_TOKEN,
  makeTriggerId,
  modalView,
  teamRef,
  userRef,
} from './payload-common.js';

const DEFAULT_MESSAGE_TS = '1700000000.000100';

export interface BlockActionInput {
  actionId: string;
  value?: string;
  blockId?: string;
  userId: string;
  teamId?: string;
  channelId?: string;
  messageTs?: string;
  /** Message-sourced actions only; Bolt offers respond() only when it is present. */
  responseUrl?: string;
  /** Set for an action inside a modal: the payload becomes view-sourced (container.type 'view'). */
  viewId?: string;
  triggerId?: string;
  /** Full state.values of the surface (message state, or view.state for modals). */
  values?: Record<string, Record<string, unknown>>;
  /** The original message Slack echoes back, merged over a minimal bot message. */
  message?: Record<string, unknown>;
  /** Merged into actions[0], e.g. { type: 'users_select', selected_user: 'U…' }. */
  extra?: Record<string, unknown>;
}

function actionTs(): string {
  const now = Date.now();
  return `${Math.floor(now / 1000)}.${String(now % 1000).padStart(3, '0')}000`;
}

function buildAction(input: BlockActionInput): Record<string, unknown> {
  const isButton = input.extra?.['type'] === undefined || input.extra['type'] === 'button';
  return {
    ...(isButton ? { type: 'button', text: { type: 'plain_text', text: 'Button', emoji: true } } : {}),
    action_id: input.actionId,
    block_id: input.blockId ?? 'actions_block',
    ...(input.value === undefined ? {} : { value: input.value }),
    action_ts: actionTs(),
    ...input.extra,
  };
}

function messageSource(input: BlockActionInput, teamId: string): Record<string, unknown> {
  const channelId = input.channelId ?? DEFAULT_CHANNEL_ID;
  const ts = input.messageTs ?? DEFAULT_MESSAGE_TS;
  return {
    container: { type: 'message', message_ts: ts, channel_id: channelId, is_ephemeral: false },
    channel: { id: channelId, name: channelNameOf(channelId) },
    message: {
      type: 'message',
      text: '',
      user: 'U0BOT00001',
      bot_id: 'B0BOT00001',
      ts,
      team: teamId,
      blocks: [],
      ...input.message,
    },
    state: { values: input.values ?? {} },
    ...(input.responseUrl === undefined ? {} : { response_url: input.responseUrl }),
  };
}

/** The JSON Slack sends (inside payload=) when a user clicks a button or picks from a select. */
export function blockAction(input: BlockActionInput): Record<string, unknown> {
  const teamId = input.teamId ?? TEAM_ID;
  const source =
    input.viewId === undefined
      ? messageSource(input, teamId)
      : {
          container: { type: 'view', view_id: input.viewId },
          view: modalView({
            viewId: input.viewId,
            teamId,
            ...(input.values === undefined ? {} : { values: input.values }),
          }),
        };
  return {
    type: 'block_actions',
    user: userRef(input.userId, teamId),
    api_app_id: FAKE_API_APP_ID,
    token: FAKE_VERIFICATION_TOKEN,
    trigger_id: input.triggerId ?? makeTriggerId(),
    team: teamRef(teamId),
    enterprise: null,
    is_enterprise_install: false,
    ...source,
    actions: [buildAction(input)],
  };
}

export interface BlockSuggestionInput {
  actionId: string;
  blockId?: string;
  /** What the user typed so far. */
  value: string;
  userId: string;
  teamId?: string;
  viewId?: string;
}

/** The JSON Slack sends to the options load URL for an external_select. */
export function blockSuggestion(input: BlockSuggestionInput): Record<string, unknown> {
  const teamId = input.teamId ?? TEAM_ID;
  const source =
    input.viewId === undefined
      ? {
          container: {
            type: 'message',
            message_ts: DEFAULT_MESSAGE_TS,
            channel_id: DEFAULT_CHANNEL_ID,
            is_ephemeral: false,
          },
        }
      : { container: { type: 'view', view_id: input.viewId }, view: modalView({ viewId: input.viewId, teamId }) };
  return {
    type: 'block_suggestion',
    user: userRef(input.userId, teamId),
    api_app_id: FAKE_API_APP_ID,
    token: FAKE_VERIFICATION_TOKEN,
    action_id: input.actionId,
    block_id: input.blockId ?? 'input_block',
    value: input.value,
    team: teamRef(teamId),
    enterprise: null,
    is_enterprise_install: false,
    ...source,
  };
}

export interface HomeActionInput {
  actionId: string;
  value?: string;
  blockId?: string;
  userId: string;
  teamId?: string;
  /** The published Home view's id (any id works for the app). */
  viewId?: string;
  triggerId?: string;
  /** Merged into actions[0], e.g. { type: 'overflow', selected_option: { value } }. */
  extra?: Record<string, unknown>;
}

/** The JSON Slack sends when someone clicks in the app's Home tab: view-sourced, type home, and no response_url. */
export function homeBlockAction(input: HomeActionInput): Record<string, unknown> {
  const teamId = input.teamId ?? TEAM_ID;
  const viewId = input.viewId ?? 'V0FAKEHOME1';
  return {
    type: 'block_actions',
    user: userRef(input.userId, teamId),
    api_app_id: FAKE_API_APP_ID,
    token: FAKE_VERIFICATION_TOKEN,
    trigger_id: input.triggerId ?? makeTriggerId(),
    team: teamRef(teamId),
    enterprise: null,
    is_enterprise_install: false,
    container: { type: 'view', view_id: viewId },
    view: {
      id: viewId,
      team_id: teamId,
      type: 'home',
      blocks: [],
      private_metadata: '',
      callback_id: '',
      state: { values: {} },
      hash: '1700000000.homehash',
      clear_on_close: false,
      notify_on_close: false,
      previous_view_id: null,
      root_view_id: viewId,
      app_id: FAKE_API_APP_ID,
      external_id: '',
      app_installed_team_id: teamId,
      bot_id: 'B0BOT00001',
    },
    actions: [buildAction(input)],
  };
}
