/**
 * Slack's Block Kit limits (docs.slack.dev Block Kit reference, @slack/types doc comments), and the ways to shorten
 * text to them without breaking it: escaped mrkdwn is never cut inside an `&…;` entity, a `<…>` token (mention, date,
 * link) or a surrogate pair, and a list cut short says how many lines it left out.
 */
export const LIMITS = {
  /** Top-level `text` of a message (Slack truncates past it; the bot never gets near). */
  messageText: 40_000,
  /** The bot's own cap on a message's notification fallback `text`. */
  fallbackText: 3000,
  messageBlocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  /** Any other text object (context elements, confirm texts set their own). */
  textObject: 3000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonValue: 2000,
  buttonText: 75,
  url: 3000,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  /** Options in one select, or in one typeahead answer; also option groups. */
  options: 100,
  /** Checkboxes and radio buttons. */
  choiceOptions: 10,
  overflowOptions: 5,
  /** A modal's title, submit and close labels. */
  viewLabel: 24,
  privateMetadata: 3000,
  placeholder: 150,
  inputLabel: 2000,
  inputHint: 2000,
  inputLength: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  /** block_id, action_id, callback_id, external_id. */
  id: 255,
  altText: 2000,
} as const;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** Cuts escaped mrkdwn to at most `max` characters, ending with `…`, never inside an entity, a `<…>` token or a pair. */
export function clipMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  let cut = text.slice(0, max - 1);
  if (cut.length > 0 && isHighSurrogate(cut.charCodeAt(cut.length - 1))) cut = cut.slice(0, -1);
  const amp = cut.lastIndexOf('&');
  if (amp > cut.lastIndexOf(';')) cut = cut.slice(0, amp);
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  return `${cut}…`;
}

/** The line that ends a list cut short. */
export function moreLine(count: number): string {
  return `…and ${count} more`;
}

/** Room kept for the "…and N more" line and its newline. */
const MORE_ROOM = moreLine(99_999).length + 1;

/**
 * Lines of escaped mrkdwn, as many whole ones as fit in `max` characters joined by newlines, then "…and N more" for
 * the rest. A line too long on its own is cut (clipMrkdwn) rather than dropped, so the first line always shows.
 */
export function packList(lines: readonly string[], max: number): string[] {
  const total = lines.reduce((sum, line) => sum + line.length + 1, -1);
  if (total <= max) return [...lines];
  const room = max - MORE_ROOM;
  const shown: string[] = [];
  let used = -1;
  for (const line of lines) {
    const piece = clipMrkdwn(line, Math.max(1, room));
    if (shown.length > 0 && used + 1 + piece.length > room) break;
    shown.push(piece);
    used += 1 + piece.length;
  }
  return shown.length < lines.length ? [...shown, moreLine(lines.length - shown.length)] : shown;
}

/** Multi-line escaped mrkdwn within `max`: whole lines, then "…and N more"; one long line is cut mid-line. */
export function clipLines(text: string, max: number): string {
  if (text.length <= max) return text;
  const lines = text.split('\n');
  if (lines.length === 1 || max <= MORE_ROOM * 2) return clipMrkdwn(text, max);
  return packList(lines, max).join('\n');
}
