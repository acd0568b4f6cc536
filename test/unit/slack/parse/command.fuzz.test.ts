import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DocSpaceUserId, GroupId, GroupRef, SlackUserId, UserRef } from '../../../../src/domain/model/ids.js';
import { ok } from '../../../../src/domain/model/result.js';
import { escapeMrkdwn } from '../../../../src/slack/escape.js';
import { type ParsedCommand, parseCommand } from '../../../../src/slack/parse/command.js';
import { SEED_TITLE } from '../../../helpers/fuzz-seed.js';

const RUNS = { numRuns: 300 };

// Any UTF-16 unit, controls and lone surrogates included; fast-check's 'binary' unit costs seconds to initialise.
const anyChar = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

const FRAGMENTS = [
  ...['help', 'create', 'manager', 'add', 'remove', 'rename', 'delete', 'show', 'list', 'whoami', 'link', 'unlink'],
  ...['mappings', 'requests', 'audit', 'CREATE', 'Members', 'member', 'manager', 'reason:', 'REASON:', 'reason'],
  ...['"', '“', '”', '„', '"Dev Team"', '“Dev Team”', 'Dev', 'Team', '<', '>', ',', '&amp;', '&lt;', '&gt;', '&'],
  ...['<!channel>', '<!here>', '<!everyone>', '<!subteam^S0123|@devs>', '<#C0123|general>', '*bold*', '_it_', '`x`'],
  ...['<@U0ALICE001>', '<@U0BOB00001|bob>', '<@u0bad>', '<@>', '@alice', 'alice@example.com', 'Bob@Example.COM'],
  ...['<mailto:carol@example.com|carol@example.com>', '<mailto:nope|nope>', '<https://evil.example|click>'],
  ...['3FA85F64-5717-4562-B3FC-2C963F66AFA6', '00000000-0000-0000-0000-000000000000', '\u0007', '\u202e', '\u0000'],
  ...['\t', '\n', '\u00a0', '😀', '\ud800', 'x'.repeat(129), 'r'.repeat(501)],
];

/** Commands assembled from grammar pieces, hostile markup and broken quotes, with random separators. */
const commandish = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: anyChar, maxLength: 6 })), { maxLength: 12 })
  .chain((parts) =>
    fc
      .array(fc.constantFrom(' ', '', '  ', '\t'), { minLength: parts.length, maxLength: parts.length })
      .map((seps) => parts.map((part, i) => `${part}${seps[i] ?? ' '}`).join('')),
  );

/** C0 and C1 controls (tab and line breaks included) and bidi overrides/isolates: never inside a parsed value. */
function hasRejectedChar(text: string): boolean {
  return [...text].some((ch) => {
    const code = ch.charCodeAt(0);
    return (
      code < 0x20 ||
      (code >= 0x7f && code <= 0x9f) ||
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069)
    );
  });
}

function checkErrorShape(text: string): boolean {
  const result = parseCommand(text);
  if (result.ok) return true;
  const { message } = result.error;
  return message.trim().length > 0 && message.length <= 400 && !/<[!@#]/.test(message);
}

describe(`parseCommand on hostile input ${SEED_TITLE}`, () => {
  it('never throws and gives a short, non-empty, ping-free message for any unicode text', () => {
    fc.assert(fc.property(fc.string({ unit: anyChar, maxLength: 300 }), checkErrorShape), RUNS);
  });

  it('never throws and gives a short, non-empty, ping-free message for grammar-shaped text', () => {
    fc.assert(fc.property(commandish, checkErrorShape), { numRuns: 500 });
  });

  it('rejects exactly the texts longer than 4000 characters, up to 10 000', () => {
    const longText = fc
      .tuple(fc.constantFrom('list ', 'add "Dev" ', 'create “'), fc.integer({ min: 3990, max: 10_000 }), anyChar)
      .map(([head, length, filler]) => (head + filler.repeat(length)).slice(0, length));
    fc.assert(
      fc.property(longText, (text) => {
        const result = parseCommand(text);
        return (!result.ok && result.error.code === 'too_long') === text.length > 4000 && checkErrorShape(text);
      }),
      { numRuns: 200 },
    );
  });

  it('never repeats more than 40 characters of one argument in a message', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), minLength: 100, maxLength: 300 });
    const template = fc.constantFrom('W', 'add Dev W', 'show Dev W', 'add "W', 'link <@U0ALICE001> W', 'whoami W');
    fc.assert(
      fc.property(word, template, (w, t) => {
        const result = parseCommand(t.replace('W', w));
        if (result.ok) return false;
        for (let i = 0; i + 41 <= w.length; i++) if (result.error.message.includes(w.slice(i, i + 41))) return false;
        return true;
      }),
      RUNS,
    );
  });

  it('returns only trimmed names of 1 to 128 characters without control characters', () => {
    const names = (command: ParsedCommand): string[] => {
      const group = 'group' in command && command.group?.kind === 'name' ? [command.group.name] : [];
      return 'name' in command ? [...group, command.name] : group;
    };
    fc.assert(
      fc.property(commandish, (text) => {
        const result = parseCommand(text);
        if (!result.ok) return true;
        return names(result.value).every(
          (n) => n === n.trim() && n.length >= 1 && n.length <= 128 && !hasRejectedChar(n),
        );
      }),
      { numRuns: 500 },
    );
  });
});

// ---- Round trip: a structured command, rendered as Slack would send it, parses back to itself. ----

type Rendered = { readonly text: string; readonly expected: ParsedCommand };
type RenderedUser = { readonly text: string; readonly ref: UserRef };

const QUOTE_CHARS = /["“”„]/;
const KEYWORDS = /^(reason:|manager$|members?$)/i;
const GUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const freeText = (maxLength: number) =>
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength })
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && !hasRejectedChar(s));
const groupName = freeText(40).filter((s) => s.length <= 128 && !QUOTE_CHARS.test(s));
const keyword = (word: string) => fc.mixedCase(fc.constant(word));
const sep = fc.constantFrom(' ', '  ', '\t', ' \n ');
const guid = fc.tuple(fc.uuid(), fc.boolean()).map(([id, upper]) => (upper ? id.toUpperCase() : id));

/** Quoted in one of the supported styles, or bare when it is one word the parser cannot mistake for something else. */
const renderedName = groupName.chain((name) => {
  const bare = !/\s/.test(name) && !KEYWORDS.test(name) && !GUID_SHAPE.test(name);
  const styles = [`"${name}"`, `“${name}”`, `„${name}“`, ...(bare ? [name] : [])];
  return fc.constantFrom(...styles).map((text) => ({ text: escapeMrkdwn(text), name }));
});

const renderedGroup: fc.Arbitrary<{ text: string; ref: GroupRef }> = fc.oneof(
  renderedName.map(({ text, name }) => ({ text, ref: { kind: 'name', name } as const })),
  guid.map((id) => ({ text: id, ref: { kind: 'id', id: id.toLowerCase() as GroupId } as const })),
);

const slackId = fc.stringMatching(/^[UW][A-Z0-9]{2,12}$/).map((id) => id as SlackUserId);
const emailAddress = fc.stringMatching(/^[a-z0-9][a-z0-9.&'+_-]{0,12}@[a-z0-9-]{1,10}(\.[a-z]{2,6}){1,2}$/);

const renderedUser: fc.Arbitrary<RenderedUser> = fc.oneof(
  slackId.chain((id) =>
    fc.constantFrom(`<@${id}>`, `<@${id}|some.one>`).map((text) => ({ text, ref: { kind: 'slack', id } as const })),
  ),
  emailAddress.chain((address) =>
    fc
      .constantFrom(address, address.toUpperCase(), `<mailto:${address}|${address}>`)
      .map((text) => ({ text: text.replace(/&/g, '&amp;'), ref: { kind: 'email', email: address } as const })),
  ),
);
const userKey = (u: RenderedUser) => (u.ref.kind === 'slack' ? `s:${u.ref.id}` : `e:${u.ref.email}`);
const users = (minLength: number) => fc.uniqueArray(renderedUser, { minLength, maxLength: 4, selector: userKey });
const reason = fc.option(
  fc
    .tuple(keyword('reason:'), freeText(80))
    .map(([word, text]) => ({ text: `${word} ${escapeMrkdwn(text)}`, value: text })),
);

function join(separator: string, parts: readonly string[], why: { text: string } | null): string {
  return [...parts, ...(why === null ? [] : [why.text])].join(separator);
}

const createCommand: fc.Arbitrary<Rendered> = fc
  .record({
    kw: keyword('create'),
    name: renderedName,
    manager: fc.option(renderedUser),
    members: users(0),
    managerFirst: fc.boolean(),
    s: sep,
    why: reason,
  })
  .chain(({ kw, name, manager, members, managerFirst, s, why }) =>
    fc.tuple(keyword('manager'), keyword('members')).map(([m, ms]) => {
      const managerPart = manager === null ? [] : [m, manager.text];
      const membersPart = members.length === 0 ? [] : [ms, ...members.map((u) => u.text)];
      const clauses = managerFirst ? [...managerPart, ...membersPart] : [...membersPart, ...managerPart];
      return {
        text: join(s, [kw, name.text, ...clauses], why),
        expected: {
          kind: 'create',
          name: name.name,
          manager: manager?.ref ?? null,
          members: members.map((u) => u.ref),
          reason: why?.value ?? null,
        },
      };
    }),
  );

const groupCommand: fc.Arbitrary<Rendered> = fc
  .record({ group: renderedGroup, user: renderedUser, people: users(1), newName: renderedName, s: sep, why: reason })
  .chain(({ group, user, people, newName, s, why }) => {
    const r = why?.value ?? null;
    const list = people.map((u) => u.text);
    return fc.oneof(
      keyword('manager').map((kw) => ({
        text: join(s, [kw, group.text, user.text], why),
        expected: { kind: 'manager', group: group.ref, user: user.ref, reason: r } as const,
      })),
      keyword('add').map((kw) => ({
        text: join(s, [kw, group.text, ...list], why),
        expected: { kind: 'add', group: group.ref, users: people.map((u) => u.ref), reason: r } as const,
      })),
      keyword('remove').map((kw) => ({
        text: join(s, [kw, group.text, ...list], why),
        expected: { kind: 'remove', group: group.ref, users: people.map((u) => u.ref), reason: r } as const,
      })),
      keyword('rename').map((kw) => ({
        text: join(s, [kw, group.text, newName.text], why),
        expected: { kind: 'rename', group: group.ref, name: newName.name, reason: r } as const,
      })),
      keyword('delete').map((kw) => ({
        text: join(s, [kw, group.text], why),
        expected: { kind: 'delete', group: group.ref, reason: r } as const,
      })),
      keyword('show').map((kw) => ({
        text: join(s, [kw, group.text], null),
        expected: { kind: 'show', group: group.ref } as const,
      })),
      keyword('audit').map((kw) => ({
        text: join(s, [kw, group.text], null),
        expected: { kind: 'audit', group: group.ref } as const,
      })),
    );
  });

const linkTarget = fc.oneof(
  emailAddress.map((email) => ({ text: escapeMrkdwn(email), target: { kind: 'email', email } as const })),
  guid
    .filter((id) => !/^[0-]+$/.test(id))
    .map((id) => ({ text: id, target: { kind: 'id', id: id.toLowerCase() as DocSpaceUserId } as const })),
);

const otherCommand: fc.Arbitrary<Rendered> = fc
  .record({
    id: slackId,
    target: linkTarget,
    filter: fc.option(freeText(60).filter((s) => !QUOTE_CHARS.test(s.charAt(0)))),
    s: sep,
  })
  .chain(({ id, target, filter, s }) =>
    fc.oneof(
      keyword('link').map((kw) => ({
        text: [kw, `<@${id}>`, target.text].join(s),
        expected: { kind: 'link', user: id, target: target.target } as const,
      })),
      keyword('unlink').map((kw) => ({
        text: [kw, `<@${id}|x>`].join(s),
        expected: { kind: 'unlink', user: id } as const,
      })),
      keyword('mappings').map((kw) => ({
        text: [kw, `<@${id}>`].join(s),
        expected: { kind: 'mappings', user: id } as const,
      })),
      keyword('list').map((kw) => ({
        text: [kw, escapeMrkdwn(filter ?? '')].join(s),
        expected: { kind: 'list', filter } as const,
      })),
      fc
        .constantFrom('whoami', 'help')
        .chain((word) => keyword(word).map((kw) => ({ text: kw, expected: { kind: word } as ParsedCommand }))),
      keyword('requests').map((kw) => ({ text: kw, expected: { kind: 'requests', page: 1 } as ParsedCommand })),
    ),
  );

describe(`parseCommand round trip ${SEED_TITLE}`, () => {
  it('parses a rendered create command back to the command', () => {
    fc.assert(
      fc.property(createCommand, ({ text, expected }) => void expect(parseCommand(text)).toEqual(ok(expected))),
      RUNS,
    );
  });

  it('parses a rendered group command back to the command', () => {
    fc.assert(
      fc.property(groupCommand, ({ text, expected }) => void expect(parseCommand(text)).toEqual(ok(expected))),
      RUNS,
    );
  });

  it('parses a rendered link, list or account command back to the command', () => {
    fc.assert(
      fc.property(otherCommand, ({ text, expected }) => void expect(parseCommand(text)).toEqual(ok(expected))),
      RUNS,
    );
  });
});
