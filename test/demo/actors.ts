import { blockAction, viewSubmission } from '../fakes/payloads.js';
import type { SendResult } from '../fakes/send-to-app.js';
import type { FakeMessage, FakeView } from '../fakes/slack-api-server.js';
import { slackIdOf, TEAM_ID } from '../fixtures/people.js';
import { COMMAND_CHANNEL } from '../helpers/harness.js';
import { type CastHandle, channelName, NAMES, nameOf } from './cast.js';
import type { DemoContext } from './demo-context.js';
import { mrkdwnToText, renderMessage } from './render.js';

type Json = Record<string, unknown>;

export interface ButtonOnCard {
  readonly label: string;
  readonly value: string;
  readonly blockId: string;
  readonly confirmTitle: string | null;
}

function records(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter((v): v is Json => typeof v === 'object' && v !== null) : [];
}

function textOf(value: unknown): string {
  const object = value as { text?: unknown } | undefined;
  return typeof object?.text === 'string' ? object.text : '';
}

/** The button with that action_id on a message, or null when the message has none. */
export function findButton(message: FakeMessage, actionId: string): ButtonOnCard | null {
  for (const block of records(message.blocks)) {
    for (const element of records(block['elements'])) {
      if (element['type'] !== 'button' || element['action_id'] !== actionId) continue;
      const confirm = element['confirm'] as { title?: unknown } | undefined;
      return {
        label: textOf(element['text']),
        value: typeof element['value'] === 'string' ? element['value'] : '',
        blockId: typeof block['block_id'] === 'string' ? block['block_id'] : '',
        confirmTitle: confirm ? textOf(confirm.title) : null,
      };
    }
  }
  return null;
}

/** A message as one string, the way its reader saw it. */
export function shown(message: { text?: unknown; blocks?: unknown } | undefined): string {
  return message ? renderMessage(message, NAMES).join('\n') : '(nothing)';
}

/** Shows what the request answered at once (an ack body), when it answered with something visible. */
function showAck(ctx: DemoContext, who: string, ack: SendResult): void {
  const body = ack.json as Json | null;
  if (body && (typeof body['text'] === 'string' || Array.isArray(body['blocks']))) {
    ctx.t.box(`Only ${who} can see this · immediate answer`, renderMessage(body, NAMES));
  }
}

/**
 * `who` types `/docspace-group <text>` in #general (a signed slash command, or an envelope in Socket Mode); waits for the reply and until the app is
 * idle, then prints everything the bot made visible. Returns the reply body.
 */
export async function typeCommand(ctx: DemoContext, who: CastHandle, text: string): Promise<Json> {
  const name = nameOf(who);
  ctx.t.types(name, `#${channelName(COMMAND_CHANNEL)}`, `/docspace-group ${mrkdwnToText(text, NAMES)}`);
  const { ack, responseId } = await ctx.h.command(who, text);
  ctx.feed.expectReply(responseId, name, `#${channelName(COMMAND_CHANNEL)}`);
  if (ack.status !== 200) throw new Error(`the app answered the slash command with HTTP ${ack.status}`);
  showAck(ctx, name, ack);
  const reply = ack.body ? (ack.json as Json) : await ctx.h.reply(responseId, 5000);
  await ctx.h.idle();
  ctx.feed.flush(ctx.t);
  return reply;
}

/** `who` clicks a button on a message (a block_actions payload with the message's own blocks, signed or an envelope). */
export async function clickButton(
  ctx: DemoContext,
  who: CastHandle,
  message: FakeMessage,
  actionId: string,
  button: ButtonOnCard,
): Promise<void> {
  const name = nameOf(who);
  const confirm = button.confirmTitle ? `, then confirms “${button.confirmTitle}”` : '';
  ctx.t.does(name, `clicks [${button.label}] on the card in #${channelName(message.channel)}${confirm}.`);
  const stamp = `${who}-${Date.now()}`;
  ctx.feed.expectReply(`click-${stamp}`, name, `#${channelName(message.channel)}`);
  ctx.feed.expectTrigger(`trigger-${stamp}`, name);
  const payload = blockAction({
    actionId,
    value: button.value,
    blockId: button.blockId,
    userId: slackIdOf(who),
    teamId: TEAM_ID,
    channelId: message.channel,
    messageTs: message.ts,
    responseUrl: ctx.h.slack.responseUrl(`click-${stamp}`),
    triggerId: `trigger-${stamp}`,
    message: { text: message.text, blocks: message.blocks ?? [], ts: message.ts },
  });
  const sent = await ctx.h.interact(payload);
  if (sent.status !== 200) throw new Error(`the app answered the click with HTTP ${sent.status}`);
}

/** `who` submits an open modal with these state values (a view_submission built from the opened view). */
export async function submitModal(
  ctx: DemoContext,
  who: CastHandle,
  opened: FakeView,
  values: Record<string, Record<string, unknown>>,
): Promise<SendResult> {
  const view = opened.view;
  const sent = await ctx.h.interact(
    viewSubmission({
      callbackId: typeof view['callback_id'] === 'string' ? view['callback_id'] : '',
      userId: slackIdOf(who),
      teamId: TEAM_ID,
      viewId: opened.id,
      privateMetadata: typeof view['private_metadata'] === 'string' ? view['private_metadata'] : '',
      values,
      ...(Array.isArray(view['blocks']) ? { blocks: view['blocks'] } : {}),
    }),
  );
  if (sent.status !== 200) throw new Error(`the app answered the form submission with HTTP ${sent.status}`);
  return sent;
}

/** Waits until the predicate holds (at most `ms`), waits until the app is idle, then prints what became visible. */
export async function waitAndShow(ctx: DemoContext, predicate: () => boolean, ms = 5000): Promise<void> {
  await ctx.h.slack.waitFor(predicate, ms);
  await ctx.h.idle();
  ctx.feed.flush(ctx.t);
}
