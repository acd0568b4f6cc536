/** Slack's three control characters in mrkdwn and `text`: escape exactly these, nothing else. */
const ESCAPES: ReadonlyMap<string, string> = new Map([
  ['&', '&amp;'],
  ['<', '&lt;'],
  ['>', '&gt;'],
]);
const DECODES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
]);

/** Escapes user text for mrkdwn or a `text` fallback, so `<!channel>` or `<@U1>` in it stays inert. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (c) => ESCAPES.get(c) ?? c);
}

/** Decodes the three entities Slack puts in text it sends us; one pass, so `&amp;lt;` becomes `&lt;`. */
export function decodeSlackEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (whole, name: string) => DECODES.get(name) ?? whole);
}

/** Shortens text to at most `max` UTF-16 units, ending with `…` when cut; never splits a surrogate pair. */
export function truncate(text: string, max: number): string {
  const limit = Math.max(0, Math.floor(max));
  if (text.length <= limit) return text;
  if (limit === 0) return '';
  let cut = limit - 1;
  const last = text.charCodeAt(cut - 1);
  if (cut > 0 && last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}…`;
}
