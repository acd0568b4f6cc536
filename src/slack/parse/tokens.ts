import { err, ok, type Result } from '../../domain/index.js';
import { decodeSlackEntities } from '../escape.js';
import type { ParseError } from './command.js';

/** Slack allows about 4000 characters of slash-command text. */
const MAX_TEXT_LENGTH = 4000;

/**
 * word: bare text up to whitespace, entities decoded. quoted: text between quotes, entities decoded, untrimmed.
 * angle: a Slack construct `<…>` (mention, channel, link), body kept raw: Slack escapes user-typed `<`, so a raw one is Slack's.
 */
export type Token =
  | { readonly kind: 'word'; readonly text: string }
  | { readonly kind: 'quoted'; readonly text: string }
  | { readonly kind: 'angle'; readonly body: string };

/** The tokens before a `reason:` keyword, and the raw text after it (null when there is none). */
export interface Tokenized {
  readonly tokens: readonly Token[];
  readonly reason: string | null;
}

export interface UnclosedQuote {
  readonly open: string;
  readonly close: string;
  readonly after: string;
}

/** Opening quote -> the quotes that close it: straight, English curly, German/Polish low-9, Swedish. */
export const QUOTES: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ['“', '”'],
  ['„', '“”'],
  ['”', '”'],
]);

const WHITESPACE = /\s/;
const REASON_KEYWORD = 'reason:';

/** Tab, LF and CR count as spaces; every other C0/C1 control and the bidi override/isolate marks are rejected. */
function isForbidden(code: number): boolean {
  if (code === 0x09 || code === 0x0a || code === 0x0d) return false;
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** Length and character checks on the raw text; returns it with tabs and line breaks turned into spaces. */
export function checkText(text: string): Result<string, ParseError> {
  if (text.length > MAX_TEXT_LENGTH) {
    return err({
      code: 'too_long',
      message: `The command is ${text.length} characters long; the limit is ${MAX_TEXT_LENGTH}.`,
    });
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isForbidden(code)) {
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      return err({
        code: 'control_characters',
        message: `The command contains a control character (U+${hex}) at position ${i + 1}; remove it and try again.`,
      });
    }
  }
  return ok(text.replace(/[\t\n\r]/g, ' '));
}

function skipWhitespace(input: string, from: number): number {
  let i = from;
  while (i < input.length && WHITESPACE.test(input.charAt(i))) i++;
  return i;
}

function wordEnd(input: string, from: number): number {
  let i = from;
  while (i < input.length && !WHITESPACE.test(input.charAt(i))) i++;
  return i;
}

function closingIndex(input: string, from: number, closers: string): number {
  for (let i = from; i < input.length; i++) if (closers.includes(input.charAt(i))) return i;
  return -1;
}

/**
 * Splits argument text into tokens. Quotes open only at the start of a token and the token ends at the closing
 * quote. A bare word starting with `reason:` (any case) stops tokenizing: the rest of the text is the reason.
 */
export function tokenize(input: string): Result<Tokenized, UnclosedQuote> {
  const tokens: Token[] = [];
  let i = skipWhitespace(input, 0);
  while (i < input.length) {
    const ch = input.charAt(i);
    const closers = QUOTES.get(ch);
    const angleEnd = ch === '<' ? input.indexOf('>', i + 1) : -1;
    if (closers !== undefined) {
      const end = closingIndex(input, i + 1, closers);
      if (end < 0) return err({ open: ch, close: closers.charAt(0), after: input.slice(i + 1) });
      tokens.push({ kind: 'quoted', text: decodeSlackEntities(input.slice(i + 1, end)) });
      i = end + 1;
    } else if (angleEnd > 0) {
      tokens.push({ kind: 'angle', body: input.slice(i + 1, angleEnd) });
      i = angleEnd + 1;
    } else {
      const end = wordEnd(input, i);
      const raw = input.slice(i, end);
      if (raw.toLowerCase().startsWith(REASON_KEYWORD)) {
        return ok({ tokens, reason: input.slice(i + REASON_KEYWORD.length) });
      }
      tokens.push({ kind: 'word', text: decodeSlackEntities(raw) });
      i = end;
    }
    i = skipWhitespace(input, i);
  }
  return ok({ tokens, reason: null });
}
