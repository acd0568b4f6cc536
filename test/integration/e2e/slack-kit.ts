/** Small helpers shared by the Slack end-to-end tests (test/integration/e2e/slack-*.test.ts). */
import * as ids from '../../../src/slack/ids.js';
import { blockAction, viewSubmission } from '../../fakes/payloads.js';
import type { SendResult } from '../../fakes/send-to-app.js';
import { type PersonHandle, slackIdOf } from '../../fixtures/people.js';
import { COMMAND_CHANNEL, type Harness } from '../../helpers/harness.js';

type StateValues = Record<string, Record<string, unknown>>;

/** Every DocSpace request that could change something (anything but GET). */
export function docspaceWrites(h: Harness) {
  return h.docspace.requests.filter((r) => r.method !== 'GET');
}

/** Back to a clean workspace: seed DocSpace, empty Slack state and logs, no knobs. Mappings in SQLite stay. */
export function resetDoubles(h: Harness): void {
  h.docspace.reset();
  h.slack.reset();
  h.logs.length = 0;
}

/** Runs a slash command and returns the ack and the first response_url body, as JSON text for assertions. */
export async function commandReply(h: Harness, who: PersonHandle, text: string, timeoutMs?: number) {
  const sent = await h.command(who, text);
  const body = await h.reply(sent.responseId, timeoutMs);
  return { ack: sent.ack, body, json: JSON.stringify(body) };
}

const users = (list: readonly PersonHandle[]) => list.map((who) => slackIdOf(who));

export function createValues(input: { name: string; manager?: PersonHandle; members?: PersonHandle[] }): StateValues {
  return {
    [ids.BLOCK_NAME]: { [ids.ACTION_NAME]: { type: 'plain_text_input', value: input.name } },
    [ids.BLOCK_MANAGER]: {
      [ids.ACTION_MANAGER]: { type: 'users_select', selected_user: input.manager ? slackIdOf(input.manager) : null },
    },
    [ids.BLOCK_MEMBERS]: {
      [ids.ACTION_MEMBERS]: { type: 'multi_users_select', selected_users: users(input.members ?? []) },
    },
  };
}

function groupPicked(groupId: string, name = 'group'): StateValues {
  const option = { text: { type: 'plain_text', text: name, emoji: true }, value: groupId };
  return { [ids.BLOCK_GROUP]: { [ids.ACTION_GROUP_PICKER]: { type: 'external_select', selected_option: option } } };
}

export function managerValues(groupId: string, manager: PersonHandle | null): StateValues {
  return {
    ...groupPicked(groupId),
    [ids.BLOCK_NEW_MANAGER]: {
      [ids.ACTION_NEW_MANAGER]: { type: 'users_select', selected_user: manager ? slackIdOf(manager) : null },
    },
  };
}

export function membersValues(groupId: string, add: PersonHandle[], remove: PersonHandle[] = []): StateValues {
  return {
    ...groupPicked(groupId),
    [ids.BLOCK_ADD]: { [ids.ACTION_ADD]: { type: 'multi_users_select', selected_users: users(add) } },
    [ids.BLOCK_REMOVE]: { [ids.ACTION_REMOVE]: { type: 'multi_users_select', selected_users: users(remove) } },
  };
}

/** Submits a modal as Slack would; private_metadata defaults to what the bot puts there for the command channel. */
export function submitView(
  h: Harness,
  who: PersonHandle,
  callbackId: string,
  values: StateValues,
  privateMetadata = JSON.stringify({ c: COMMAND_CHANNEL }),
): Promise<SendResult> {
  return h.interact(viewSubmission({ callbackId, userId: slackIdOf(who), values, privateMetadata }));
}

/** Clicks a message button whose response_url is a sink with the given id (reply with h.reply(responseId)). */
export function clickButton(h: Harness, who: PersonHandle, actionId: string, value: string, responseId: string) {
  return h.interact(
    blockAction({
      actionId,
      value,
      userId: slackIdOf(who),
      channelId: COMMAND_CHANNEL,
      responseUrl: h.slack.responseUrl(responseId),
    }),
  );
}

/** The `errors` map of a `response_action: errors` ack, or null when the ack closed the modal. */
export function inlineErrors(ack: SendResult): Record<string, string> | null {
  const json = ack.json as { response_action?: string; errors?: Record<string, string> } | null;
  return json?.response_action === 'errors' ? (json.errors ?? {}) : null;
}
