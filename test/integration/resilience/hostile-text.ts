import fc from 'fast-check';

/** Hostile `/docspace-group` texts: random unicode, broken and curly quotes, injected mentions, controls, 10 000 chars. */

// Any UTF-16 unit: controls, bidi overrides and lone surrogates included.
const anyChar = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

const PIECES = [
  ...['help', 'create', 'manager', 'add', 'remove', 'rename', 'delete', 'show', 'list', 'whoami', 'link', 'unlink'],
  ...['mappings', 'requests', 'audit', 'CREATE', 'members', 'manager', 'reason:', 'REASON:'],
  ...['"', '“', '”', '„', '«', '»', '"Dev Team"', '“Dev Team”', '"Dev', 'Team"', '&amp;', '&lt;', '&gt;', '&'],
  ...['<!channel>', '<!here>', '<!everyone>', '<!subteam^S0123|@devs>', '<#C0123|general>', '*bold*', '`x`'],
  ...['<@U0ALICE001>', '<@U0BOB00001|bob>', '<@U0NOBODY99>', '<@>', '@here', 'alice@example.com', '&lt;!channel&gt;'],
  ...['<mailto:carol@example.com|carol@example.com>', '<https://evil.example|click>', '```', '~~~', '>quote'],
  ...['\u0000', '\u0007', '\u001b[31m', '\u007f', '\u0085', '\u202e', '\u2066', '\ufeff', '\ud800', '\udfff', '😀'],
  ...['\t', '\n', '\r\n', '\u00a0', '\u2028', 'x'.repeat(129), 'r'.repeat(501)],
];

const piece = fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: anyChar, maxLength: 8 }));

/** Grammar-shaped: command words, quotes and mentions glued with random separators. */
const commandish = fc
  .tuple(fc.array(piece, { minLength: 1, maxLength: 10 }), fc.constantFrom(' ', '', '  ', '\t'))
  .map(([parts, sep]) => parts.join(sep));

/** A real subcommand with a hostile argument, so a good share of texts parse and reach the domain. */
const validHead = fc
  .tuple(
    fc.constantFrom('show ', 'list ', 'create ', 'add "Dev Team" ', 'rename "Dev Team" ', 'delete ', 'whoami ', ''),
    fc.constantFrom('', '"', '“'),
    fc.array(piece, { maxLength: 4 }).map((parts) => parts.join(' ')),
    fc.constantFrom('', '"', '”', ' reason: <!channel> please'),
  )
  .map(([head, open, body, close]) => `${head}${open}${body}${close}`);

// Printable but hostile: markup, broadcast mentions, entities, emoji and scripts, for names, filters and reasons.
const printableUnit = fc.constantFrom(
  ...['<!channel>', '<!here>', '<!everyone>', '&lt;!here&gt;', '<@U0ALICE001>', '*', '_', '~', '`', '>', '&', '&amp;'],
  ...['😀', '👍🏽', 'é', 'ß', '中', 'ي', 'Ω', 'a', 'Z', '0', ' ', '-', ':', "'", '<', '#', '|', '\\', '%s', '{{x}}'],
);
const printable = (maxLength: number) =>
  fc.array(printableUnit, { minLength: 1, maxLength }).map((units) => units.join('').trim() || 'x');

/** Well-formed commands whose names, filters and reasons are hostile: most of these parse. */
const wellFormed = fc
  .tuple(
    fc.constantFrom('show "N"', 'create "N" reason: R', 'rename "Dev Team" "N"', 'list N', 'delete "N"', 'audit "N"'),
    fc.constantFrom('add "Dev Team" <@U0BOB00001> reason: R', 'manager "N" <@U0BOB00001>', 'remove "N" <@U0NOBODY9>'),
    fc.boolean(),
    printable(12),
    printable(20),
  )
  .map(([a, b, pickFirst, name, reason]) => (pickFirst ? a : b).replace('N', name).replace('R', reason));

const randomUnicode = fc.string({ unit: anyChar, maxLength: 300 });

const longText = fc
  .tuple(fc.constantFrom('list ', 'show "', 'create “', 'add "Dev Team" ', ''), fc.integer({ min: 3990, max: 10_000 }))
  .chain(([head, length]) => anyChar.map((filler) => `${head}${filler.repeat(length)}`.slice(0, length)));

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: commandish },
  { weight: 2, arbitrary: validHead },
  { weight: 4, arbitrary: wellFormed },
  { weight: 1, arbitrary: randomUnicode },
  { weight: 1, arbitrary: longText },
);

/** Broadcast mentions that must never reach Slack unescaped. */
export const BROADCASTS = /<!(channel|here|everyone|subteam)/;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text as the app receives it: a form body carries UTF-8, so each lone surrogate arrives as U+FFFD. */
export function asReceived(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}
