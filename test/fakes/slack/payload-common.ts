import { randomBytes, randomInt } from 'node:crypto';
import { ALL_PEOPLE, TEAM_ID } from '../../fixtures/people.js';

export const FAKE_API_APP_ID = 'A0FAKEAPP1';
export const FAKE_VERIFICATION_TOKEN = 'fake-verification-token';
export const FAKE_TEAM_DOMAIN = 'fake-workspace';
export const DEFAULT_CHANNEL_ID = 'C0GENERAL1';

/** A trigger_id shaped like Slack's ('<digits>.<digits>.<hex>'), unique per call. */
export function makeTriggerId(): string {
  return `${randomInt(1e9, 1e10)}.${randomInt(1e9, 1e10)}.${randomBytes(16).toString('hex')}`;
}

/** The fixture handle for a Slack id, so user_name/username look real; 'someone' for unknown ids. */
export function handleOf(userId: string): string {
  return ALL_PEOPLE.find((p) => p.slack?.id === userId)?.handle ?? 'someone';
}

export function userRef(userId: string, teamId: string = TEAM_ID): Record<string, unknown> {
  const handle = handleOf(userId);
  return { id: userId, username: handle, name: handle, team_id: teamId };
}

export function teamRef(teamId: string = TEAM_ID): Record<string, unknown> {
  return { id: teamId, domain: FAKE_TEAM_DOMAIN };
}

export function channelNameOf(channelId: string): string {
  return channelId.startsWith('D') ? 'directmessage' : 'general';
}

export interface ModalViewInput {
  viewId: string;
  teamId: string;
  callbackId?: string;
  privateMetadata?: string;
  values?: Record<string, Record<string, unknown>>;
  blocks?: readonly unknown[];
}

/** A modal ViewOutput as Slack includes it in view_submission, block_actions and block_suggestion payloads. */
export function modalView(input: ModalViewInput): Record<string, unknown> {
  return {
    id: input.viewId,
    team_id: input.teamId,
    type: 'modal',
    blocks: input.blocks ?? [],
    private_metadata: input.privateMetadata ?? '',
    callback_id: input.callbackId ?? '',
    state: { values: input.values ?? {} },
    hash: '1700000000.fakehash',
    title: { type: 'plain_text', text: 'DocSpace group', emoji: true },
    clear_on_close: false,
    notify_on_close: false,
    close: { type: 'plain_text', text: 'Cancel', emoji: true },
    submit: { type: 'plain_text', text: 'Submit', emoji: true },
    previous_view_id: null,
    root_view_id: input.viewId,
    app_id: FAKE_API_APP_ID,
    external_id: '',
    app_installed_team_id: input.teamId,
    bot_id: 'B0BOT00001',
  };
}
