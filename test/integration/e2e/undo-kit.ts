import { randomUUID } from 'node:crypto';
import { ACTION_UNDO, BLOCK_UNDO } from '../../../src/slack/ids.js';
import type { FakeDocSpace } from '../../fakes/docspace-server.js';
import { blockAction } from '../../fakes/payloads.js';
import { type PersonHandle, slackIdOf, TEAM_ID } from '../../fixtures/people.js';
import { findCard } from '../../helpers/approval-cards.js';
import { COMMAND_CHANNEL, type Harness } from '../../helpers/harness.js';

/** Shared steps of the Undo end-to-end tests: find the Undo button, click it, change the group behind the bot's back. */

interface ButtonJson {
  readonly action_id?: string;
  readonly value?: string;
  readonly confirm?: unknown;
}

/** The Undo buttons in a message's blocks (any JSON holding them). */
export function undoButtonsIn(json: unknown): ButtonJson[] {
  const found: ButtonJson[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const item of node) walk(item);
    else if (node && typeof node === 'object') {
      const button = node as ButtonJson;
      if (button.action_id === ACTION_UNDO) found.push(button);
      else for (const value of Object.values(node)) walk(value);
    }
  };
  walk(json);
  return found;
}

/** The value of the one Undo button in a message. */
export function undoValueIn(json: unknown): string {
  const [button, ...more] = undoButtonsIn(typeof json === 'string' ? JSON.parse(json) : json);
  if (!button?.value || more.length > 0) throw new Error(`expected one Undo button in ${JSON.stringify(json)}`);
  return button.value;
}

/** Runs a change command and returns its reply (as sent to the response_url). */
export async function change(h: Harness, who: PersonHandle, text: string): Promise<Record<string, unknown>> {
  const sent = await h.command(who, text);
  if (sent.ack.status !== 200) throw new Error(`command was not acked: ${sent.ack.status}`);
  return h.reply(sent.responseId);
}

/** Clicks an Undo button (value from a reply or card) as someone; returns the response id its answer goes to. */
export async function clickUndo(h: Harness, who: PersonHandle, value: string, where?: { requestId: string }) {
  const card = where ? findCard(h.slack, where.requestId) : undefined;
  const responseId = `undo-${randomUUID()}`;
  const sent = await h.interact(
    blockAction({
      actionId: ACTION_UNDO,
      value,
      blockId: BLOCK_UNDO,
      userId: slackIdOf(who),
      teamId: TEAM_ID,
      responseUrl: h.slack.responseUrl(responseId),
      channelId: card?.channel ?? COMMAND_CHANNEL,
      ...(card ? { messageTs: card.ts } : {}),
    }),
  );
  if (sent.status !== 200) throw new Error(`Undo click was not acked: ${sent.status} ${sent.body}`);
  return responseId;
}

/** Clicks Undo and waits for its answer (JSON text). */
export async function undo(h: Harness, who: PersonHandle, value: string, where?: { requestId: string }) {
  const responseId = await clickUndo(h, who, value, where);
  await h.slack.waitFor(() => h.slack.responsesTo(responseId).length > 0);
  return JSON.stringify(h.slack.responsesTo(responseId)[0]?.body);
}

/**
 * Someone changing the group in the DocSpace portal, behind the bot's back (signed with the owner's key, straight to
 * the DocSpace double's API).
 */
export function portal(docspace: FakeDocSpace) {
  const call = async (method: string, path: string, body: object) => {
    const response = await fetch(`${docspace.url}/api/2.0${path}`, {
      method,
      headers: { authorization: `Bearer ${docspace.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`portal ${method} ${path}: ${response.status} ${await response.text()}`);
  };
  return {
    addMembers: (groupId: string, ids: string[]) => call('PUT', `/group/${groupId}/members`, { members: ids }),
    removeMembers: (groupId: string, ids: string[]) => call('DELETE', `/group/${groupId}/members`, { members: ids }),
    setManager: (groupId: string, userId: string) => call('PUT', `/group/${groupId}/manager`, { userId }),
    rename: (groupId: string, name: string) => call('PUT', `/group/${groupId}`, { groupName: name }),
  };
}

/** DocSpace writes (anything but GET) the double received, on any group. */
export const writes = (docspace: FakeDocSpace) => docspace.requests.filter((r) => r.method !== 'GET');
