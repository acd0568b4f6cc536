/**
 * Turns Slack Block Kit JSON into plain text lines for the demo transcript: sections, context, actions, header,
 * divider and inputs; mrkdwn links, mentions and dates resolved; `&lt;` `&gt;` `&amp;` decoded for display.
 */

/** How ids inside mrkdwn (`<@U…>`, `<#C…>`) are shown: by name when known. */
export interface NameBook {
  user(id: string): string | null;
  channel(id: string): string | null;
}

type Json = Record<string, unknown>;

function record(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>' };

/** One pass, so an escaped entity (`&amp;lt;`) shows as the text the user typed (`&lt;`). */
function decodeEntities(value: string): string {
  return value.replace(/&(amp|lt|gt);/g, (whole, name: string) => ENTITIES[name] ?? whole);
}

function special(body: string, label: string | null): string {
  if (body.startsWith('date^')) return label ?? body;
  if (body.startsWith('subteam^')) return label ?? '@group';
  return `@${label ?? body.split('^')[0] ?? body}`;
}

/** What Slack shows for one `<…>` token of mrkdwn. */
function resolveToken(inner: string, names: NameBook): string {
  const bar = inner.indexOf('|');
  const body = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? null : inner.slice(bar + 1);
  if (body.startsWith('@')) return `@${names.user(body.slice(1)) ?? label ?? body.slice(1)}`;
  if (body.startsWith('#')) return `#${names.channel(body.slice(1)) ?? label ?? body.slice(1)}`;
  if (body.startsWith('!')) return special(body.slice(1), label);
  return label ? `${label} (${body})` : body;
}

/** mrkdwn as a reader sees it: tokens resolved first, then entities decoded (so `&lt;@U1&gt;` stays literal). */
export function mrkdwnToText(value: string, names: NameBook): string {
  return decodeEntities(value.replace(/<([^<>]*)>/g, (_whole, inner: string) => resolveToken(inner, names)));
}

/** A text object (`plain_text` shown as is, `mrkdwn` resolved). */
function textObject(value: unknown, names: NameBook): string {
  const object = record(value);
  const raw = text(object?.['text']) ?? '';
  return object?.['type'] === 'mrkdwn' ? mrkdwnToText(raw, names) : raw;
}

/** Buttons as `[Label]`, selects as `[Placeholder ▾]`, anything else by its type. */
function renderElement(value: unknown, names: NameBook): string {
  const element = record(value);
  const type = text(element?.['type']) ?? 'element';
  if (type === 'button') return `[${textObject(element?.['text'], names)}]`;
  if (type.endsWith('select')) {
    const placeholder = textObject(element?.['placeholder'], names) || 'Choose';
    return `[${placeholder} ▾]`;
  }
  if (type === 'plain_text_input') return element?.['multiline'] === true ? '[______________________]' : '[__________]';
  if (type === 'overflow') return '[⋯]';
  if (type === 'image') return `[image: ${text(element?.['alt_text']) ?? ''}]`;
  if (type === 'mrkdwn' || type === 'plain_text') return textObject(element, names);
  return `[${type}]`;
}

function sectionLines(block: Json, names: NameBook): string[] {
  const lines = block['text'] === undefined ? [] : textObject(block['text'], names).split('\n');
  for (const field of list(block['fields'])) lines.push(...textObject(field, names).split('\n'));
  if (block['accessory'] !== undefined) lines.push(`  ${renderElement(block['accessory'], names)}`);
  return lines;
}

function contextLines(block: Json, names: NameBook): string[] {
  const parts = list(block['elements']).map((element) => renderElement(element, names));
  return parts
    .join('  ')
    .split('\n')
    .map((line) => `  ${line}`);
}

function inputLines(block: Json, names: NameBook): string[] {
  const label = textObject(block['label'], names);
  const optional = block['optional'] === true ? ' (optional)' : '';
  return [`${label}${optional}: ${renderElement(block['element'], names)}`];
}

/** One block as text lines (no trailing newline, no indentation). */
function renderBlock(value: unknown, names: NameBook): string[] {
  const block = record(value) ?? {};
  switch (block['type']) {
    case 'section':
      return sectionLines(block, names);
    case 'context':
      return contextLines(block, names);
    case 'actions':
      return [
        list(block['elements'])
          .map((element) => renderElement(element, names))
          .join(' '),
      ];
    case 'header': {
      const title = textObject(block['text'], names);
      return [title, '═'.repeat(Math.min(title.length, 60))];
    }
    case 'divider':
      return ['────────────────────'];
    case 'input':
      return inputLines(block, names);
    case 'image':
      return [renderElement(block, names)];
    default:
      return [`[${text(block['type']) ?? 'unknown'} block]`];
  }
}

function renderBlocks(blocks: unknown, names: NameBook): string[] {
  return list(blocks).flatMap((block) => renderBlock(block, names));
}

/** A message body (`text` + optional `blocks`): the blocks when there are any, else the text. */
export function renderMessage(message: { text?: unknown; blocks?: unknown }, names: NameBook): string[] {
  if (list(message.blocks).length > 0) return renderBlocks(message.blocks, names);
  return mrkdwnToText(text(message.text) ?? '', names).split('\n');
}

/** A modal: its title, its blocks, then its submit and close buttons. */
export function renderModal(view: Json, names: NameBook): string[] {
  const title = textObject(view['title'], names);
  const submit = view['submit'] === undefined ? '' : `[${textObject(view['submit'], names)}] `;
  const close = view['close'] === undefined ? '[Cancel]' : `[${textObject(view['close'], names)}]`;
  return [`« ${title} »`, ...renderBlocks(view['blocks'], names), `${submit}${close}`];
}

/** An App Home tab (views.publish): its blocks, as the person sees the tab. */
export function renderHome(view: Json, names: NameBook): string[] {
  return renderBlocks(view['blocks'], names);
}
