import { randomUUID } from 'node:crypto';
import { BLOCK_LIST_DECISION } from '../../../src/slack/ids.js';
import { blockAction } from '../../fakes/payloads.js';
import { COMMAND_CHANNEL, type PersonHandle, slackIdOf, TEAM_ID } from '../../fixtures/people.js';
import type { Harness } from '../../helpers/harness.js';

/** Steps of the "every request stays decidable" tests: read the `requests` list and click its buttons like Slack. */

interface Element {
  readonly type?: string;
  readonly action_id?: string;
  readonly value?: string;
  readonly confirm?: unknown;
  readonly text?: { readonly text?: string };
}

interface Block {
  readonly type: string;
  readonly block_id?: string;
  readonly text?: { readonly text?: string };
  readonly accessory?: Element;
  readonly elements?: readonly Element[];
}

export interface ListAnswer {
  readonly text: string;
  readonly blocks: readonly Block[];
}

/** `/docspace-group requests …` as that person: the ephemeral answer, parsed. */
export async function requestsList(h: Harness, who: PersonHandle, text = 'requests'): Promise<ListAnswer> {
  const sent = await h.command(who, text);
  return (await h.reply(sent.responseId)) as unknown as ListAnswer;
}

/** The request ids a list shows, in the order it shows them. */
export function idsIn(list: ListAnswer): string[] {
  const sections = list.blocks.filter((b) => b.type === 'section').map((b) => b.text?.text ?? '');
  return sections.flatMap((text) => [...text.matchAll(/`(R[0-9A-Z]{10})`/g)].map((m) => m[1] ?? ''));
}

/** A button of the list for one request: its block id and the element as Slack would send it back. */
export function listButton(list: ListAnswer, requestId: string, actionId: string) {
  for (const block of list.blocks) {
    const elements = [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])];
    const found = elements.find((e) => e.type === 'button' && e.action_id === actionId && e.value === requestId);
    if (found) return { blockId: block.block_id ?? 'section_block', button: found };
  }
  throw new Error(`no ${actionId} button for ${requestId} in the list`);
}

/** The decision rows of a list, as block ids. */
export const decisionRows = (list: ListAnswer) =>
  list.blocks.filter((b) => b.type === 'actions' && b.block_id?.startsWith(`${BLOCK_LIST_DECISION}:`));

/**
 * Clicks a button of a `requests` answer as Slack does: a block_actions from the ephemeral message in the command
 * channel, with the button's own block id, action id and value, and a response_url of its own (returned).
 */
export async function clickList(h: Harness, who: PersonHandle, list: ListAnswer, actionId: string, requestId: string) {
  const { blockId, button } = listButton(list, requestId, actionId);
  const responseId = `list-${randomUUID()}`;
  const sent = await h.interact(
    blockAction({
      actionId,
      value: button.value ?? '',
      blockId,
      userId: slackIdOf(who),
      teamId: TEAM_ID,
      responseUrl: h.slack.responseUrl(responseId),
      channelId: COMMAND_CHANNEL,
    }),
  );
  if (sent.status !== 200) throw new Error(`click was not acked: ${sent.status} ${sent.body}`);
  return responseId;
}

/** What /healthz or /readyz answers, parsed. */
export async function opsJson(h: Harness, path: '/healthz' | '/readyz') {
  const res = await fetch(`${h.baseUrl}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
