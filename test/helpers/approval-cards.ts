import type { RequestId } from '../../src/domain/model/ids.js';
import type { ChangeRequest } from '../../src/domain/model/request.js';
import type { FakeMessage, FakeSlack } from '../fakes/slack-api-server.js';
import { APPROVAL_CHANNEL, type Harness } from './harness.js';

/** What the running app shows and stores about an approval request: its id in a reply, its card, its stored row. */

const REQUEST_ID = /\b(R[0-9A-Z]{10})\b/;

/** The request id an answer names (e.g. "Your request `R…` is waiting"). */
export function requestIdIn(text: string): string {
  const id = REQUEST_ID.exec(text)?.[1];
  if (!id) throw new Error(`no request id in: ${text.slice(0, 300)}`);
  return id;
}

/** The approval card (with every chat.update applied) that names this request id. */
export function findCard(slack: FakeSlack, requestId: string): FakeMessage | undefined {
  return slack.messages(APPROVAL_CHANNEL).find((m) => m.text.includes(requestId));
}

export function cardOf(slack: FakeSlack, requestId: string): FakeMessage {
  const card = findCard(slack, requestId);
  if (!card) throw new Error(`no approval card for ${requestId}`);
  return card;
}

/** Every action_id of the buttons on a message. */
export function buttonsOf(message: FakeMessage): string[] {
  const blocks = (message.blocks ?? []) as { type?: string; elements?: { action_id?: string }[] }[];
  return blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []).map((e) => e.action_id ?? '') : []));
}

/** The request as stored (read through the app's own storage). */
export async function storedRequest(h: Harness, requestId: string): Promise<ChangeRequest> {
  const found = await h.container.storage.requests.get(requestId as RequestId);
  if (!found) throw new Error(`request ${requestId} is not stored`);
  return found;
}
