/** DocSpace HTML-encodes `displayName` (e.g. `O&#39;Brien`); this undoes it in one pass. */

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));/g;

function fromCodePoint(codePoint: number, original: string): string {
  const isSurrogate = codePoint >= 0xd800 && codePoint <= 0xdfff;
  if (codePoint === 0 || codePoint > 0x10ffff || isSurrogate) return original;
  return String.fromCodePoint(codePoint);
}

/** Decodes &amp; &lt; &gt; &quot; &apos; and numeric (&#39; &#x27;) references; anything else is left as is. */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (match, name?: string, decimal?: string, hex?: string) => {
    if (name !== undefined) return NAMED[name] ?? match;
    if (decimal !== undefined) return fromCodePoint(Number.parseInt(decimal, 10), match);
    if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16), match);
    return match;
  });
}
