import type {
  Button,
  ConfirmationDialog,
  ContextBlock,
  KnownBlock,
  MrkdwnElement,
  PlainTextElement,
  SectionBlock,
} from '@slack/types';
import { isSlackChannelId, toSlackUserId } from '../../domain/index.js';
import { escapeMrkdwn, truncate } from '../escape.js';
import { clipLines, clipMrkdwn, LIMITS, moreLine, packList } from './limits.js';

/** What every message builder returns: a mrkdwn notification fallback plus the Block Kit layout. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

/** Shown where a group has no manager. */
export const NO_MANAGER = '_no manager_';

export { clipMrkdwn, LIMITS } from './limits.js';

export function plain(text: string, max: number = LIMITS.sectionText): PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max) || ' ', emoji: true };
}

/** Escapes user or DocSpace text for mrkdwn, shortening the raw text first so no entity is split. */
export function esc(text: string, max = 200): string {
  return escapeMrkdwn(truncate(text, max));
}

/** A Slack user mention, built only from a well-formed id; anything else is shown as inert text. */
export function mention(id: string): string {
  return toSlackUserId(id) ? `<@${id}>` : esc(id, 40);
}

export function mentionAll(ids: readonly string[]): string {
  const shown = ids.slice(0, 10).map(mention);
  const rest = ids.length - shown.length;
  return joinWords(rest > 0 ? [...shown, `${rest} more`] : shown);
}

export function channelLink(id: string): string {
  return isSlackChannelId(id) ? `<#${id}>` : esc(id, 40);
}

/** `a`, `a and b`, `a, b and c`. */
export function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** UTC fallback for clients that cannot render Slack dates, e.g. `2026-11-26 14:03 UTC`. */
function utcText(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A date every reader sees in their own time zone. */
export function slackDate(date: Date, format = '{date_short_pretty} {time}'): string {
  const unix = Math.floor(date.getTime() / 1000);
  return `<!date^${unix}^${format}|${utcText(date)}>`;
}

/** Display names, escaped, joined with commas, capped by count and length: `A, B, C and 12 more`. */
export function nameList(names: readonly string[], maxItems = 30, maxChars = 1500): string {
  const shown: string[] = [];
  let length = 0;
  for (const name of names) {
    const item = esc(name, 80);
    if (shown.length >= maxItems || length + item.length + 2 > maxChars) break;
    shown.push(item);
    length += item.length + 2;
  }
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  return joinWords(shown);
}

/**
 * A mrkdwn text object. Always verbatim: user and DocSpace text in it must not be turned into links or mentions, and
 * the bot's own texts use explicit `<@U…>`/`<#C…>`/`<!date…>` tokens, which verbatim still renders.
 */
export function mrkdwn(text: string, max: number = LIMITS.sectionText): MrkdwnElement {
  return { type: 'mrkdwn', text: clipLines(text || ' ', max), verbatim: true };
}

/** One section; a text over the limit keeps its whole lines and ends with "…and N more". */
export function section(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

export function context(text: string): ContextBlock {
  return { type: 'context', elements: [mrkdwn(text)] };
}

/** A list under a heading, in one mrkdwn text of at most `max`: the lines that fit, then "…and N more". */
export function listText(head: string, lines: readonly string[], max: number = LIMITS.sectionText, tail = ''): string {
  const room = max - head.length - (tail ? tail.length + 1 : 0) - 1;
  return [head, ...packList(lines, room), ...(tail ? [tail] : [])].join('\n');
}

/** Packs mrkdwn lines into as few sections as fit, at most `maxBlocks`; says how many lines did not fit. */
export function packLines(lines: readonly string[], maxBlocks: number): SectionBlock[] {
  const chunks: string[] = [];
  let current = '';
  let used = 0;
  for (const line of lines) {
    const piece = clipMrkdwn(line, LIMITS.sectionText - 40);
    if (current && current.length + piece.length + 1 > LIMITS.sectionText - 40) {
      if (chunks.length + 1 >= maxBlocks) break;
      chunks.push(current);
      current = '';
    }
    current = current ? `${current}\n${piece}` : piece;
    used += 1;
  }
  if (used < lines.length) current += `\n${moreLine(lines.length - used)}`;
  if (current) chunks.push(current);
  return chunks.map(section);
}

export function confirmDialog(
  title: string,
  text: string,
  confirm: string,
  style: 'primary' | 'danger' = 'primary',
  deny = 'Cancel',
): ConfirmationDialog {
  return {
    title: plain(title, LIMITS.confirmTitle),
    text: plain(text, LIMITS.confirmText),
    confirm: plain(confirm, LIMITS.confirmButton),
    deny: plain(deny, LIMITS.confirmButton),
    style,
  };
}

export interface ButtonSpec {
  readonly actionId: string;
  readonly label: string;
  readonly value: string;
  readonly style?: 'primary' | 'danger';
  readonly confirm?: ConfirmationDialog;
}

export function button(spec: ButtonSpec): Button {
  return {
    type: 'button',
    action_id: spec.actionId,
    text: plain(spec.label, LIMITS.buttonText),
    value: spec.value.slice(0, LIMITS.buttonValue),
    ...(spec.style ? { style: spec.style } : {}),
    ...(spec.confirm ? { confirm: spec.confirm } : {}),
  };
}

/** A message with the fallback clipped and the block count capped. */
export function message(text: string, blocks: readonly KnownBlock[]): SlackMessage {
  return { text: clipMrkdwn(text, LIMITS.fallbackText), blocks: blocks.slice(0, LIMITS.messageBlocks) };
}
