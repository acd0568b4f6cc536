import { describe, expect, it } from 'vitest';
import {
  blockAction,
  blockSuggestion,
  formEncodeCommand,
  formEncodeInteractive,
  slashCommand,
  viewSubmission,
} from '../../fakes/payloads.js';
import { PEOPLE, TEAM_ID } from '../../fixtures/people.js';

const alice = PEOPLE.alice.slack.id;
const RESPONSE_URL = 'http://127.0.0.1:1/response/x';

describe('slashCommand', () => {
  it('builds the flat string fields Slack posts, with /docspace-group and the fixture team by default', () => {
    const fields = slashCommand({ text: 'add eng <@U0BOB00001|bob>', userId: alice, responseUrl: RESPONSE_URL });
    expect(fields).toMatchObject({
      command: '/docspace-group',
      text: 'add eng <@U0BOB00001|bob>',
      team_id: TEAM_ID,
      user_id: alice,
      user_name: 'alice',
      response_url: RESPONSE_URL,
      is_enterprise_install: 'false',
      trigger_id: expect.stringMatching(/^\d+\.\d+\.[0-9a-f]+$/),
    });
    expect(Object.values(fields).every((v) => typeof v === 'string')).toBe(true);
  });

  it('lets overrides replace any field', () => {
    const fields = slashCommand({
      text: '',
      userId: alice,
      responseUrl: RESPONSE_URL,
      overrides: { team_domain: 'x' },
    });
    expect(fields['team_domain']).toBe('x');
  });

  it('form-encodes to a body that decodes back to the same fields', () => {
    const fields = slashCommand({
      text: 'add a&b <@U1|x>',
      userId: alice,
      responseUrl: RESPONSE_URL,
      channelId: 'D0DM000001',
    });
    expect(Object.fromEntries(new URLSearchParams(formEncodeCommand(fields)))).toEqual(fields);
  });
});

describe('interactive payloads', () => {
  it('form-encodes an interactive payload as a single payload field holding the JSON', () => {
    const body = formEncodeInteractive({ type: 'block_actions', n: 1 });
    expect(body.startsWith('payload=')).toBe(true);
    expect(JSON.parse(new URLSearchParams(body).get('payload') ?? '')).toEqual({ type: 'block_actions', n: 1 });
  });

  it('builds a view_submission carrying callback id, state values and private metadata', () => {
    const values = { name_block: { name_input: { type: 'plain_text_input', value: 'eng' } } };
    const payload = viewSubmission({ callbackId: 'grp_request', userId: alice, values, privateMetadata: '{"a":1}' });
    expect(payload).toMatchObject({
      type: 'view_submission',
      user: { id: alice, team_id: TEAM_ID },
      team: { id: TEAM_ID },
      view: { type: 'modal', callback_id: 'grp_request', private_metadata: '{"a":1}', state: { values } },
    });
  });

  it('builds a message-sourced block action with container, channel, response_url and the button value', () => {
    const payload = blockAction({
      actionId: 'approve',
      value: 'req-1',
      userId: alice,
      channelId: 'C0APPROVE1',
      responseUrl: RESPONSE_URL,
    });
    expect(payload).toMatchObject({
      type: 'block_actions',
      container: { type: 'message', channel_id: 'C0APPROVE1' },
      channel: { id: 'C0APPROVE1' },
      response_url: RESPONSE_URL,
      actions: [{ type: 'button', action_id: 'approve', value: 'req-1' }],
    });
  });

  it('builds a modal-sourced block action without response_url when a view id is given', () => {
    const payload = blockAction({ actionId: 'pick', userId: alice, viewId: 'V0MODAL001' });
    expect(payload).toMatchObject({ container: { type: 'view', view_id: 'V0MODAL001' }, view: { id: 'V0MODAL001' } });
    expect(payload).not.toHaveProperty('response_url');
  });

  it('merges extra into the action, dropping button-only fields for other element types', () => {
    const extra = { type: 'users_select', selected_user: PEOPLE.bob.slack.id };
    const [action] = blockAction({ actionId: 'member', userId: alice, extra })['actions'] as Record<string, unknown>[];
    expect(action).toMatchObject({ type: 'users_select', action_id: 'member', selected_user: PEOPLE.bob.slack.id });
    expect(action).not.toHaveProperty('text');
  });

  it('builds a block_suggestion carrying the typed text', () => {
    const payload = blockSuggestion({ actionId: 'group_picker', value: 'eng', userId: alice, viewId: 'V0MODAL001' });
    expect(payload).toMatchObject({
      type: 'block_suggestion',
      action_id: 'group_picker',
      value: 'eng',
      container: { type: 'view', view_id: 'V0MODAL001' },
    });
  });
});
