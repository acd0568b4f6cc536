import { describe, expect, it } from 'vitest';
import {
  type DocSpaceUserId,
  type GroupId,
  type GroupRef,
  type SlackUserId,
  toSlackUserId,
  type UserRef,
} from '../../../../src/domain/model/ids.js';
import { ok } from '../../../../src/domain/model/result.js';
import { type ParsedCommand, type ParseErrorCode, parseCommand } from '../../../../src/slack/parse/command.js';
import { PEOPLE } from '../../../fixtures/people.js';

function slackId(raw: string): SlackUserId {
  const id = toSlackUserId(raw);
  if (id === null) throw new Error(`bad test id ${raw}`);
  return id;
}

const ALICE = slackId(PEOPLE.alice.slack.id);
const BOB = slackId(PEOPLE.bob.slack.id);
const CAROL = slackId(PEOPLE.carol.slack.id);
const at = (id: SlackUserId, label?: string) => (label === undefined ? `<@${id}>` : `<@${id}|${label}>`);
const slack = (id: SlackUserId): UserRef => ({ kind: 'slack', id });
const email = (address: string): UserRef => ({ kind: 'email', email: address });
const named = (name: string): GroupRef => ({ kind: 'name', name });
const GUID_UPPER = '3FA85F64-5717-4562-B3FC-2C963F66AFA6';
const GUID = GUID_UPPER.toLowerCase();
const byId: GroupRef = { kind: 'id', id: GUID as GroupId };

interface GoodCase {
  readonly name: string;
  readonly text: string;
  readonly expected: ParsedCommand;
}

const GOOD: readonly GoodCase[] = [
  { name: 'empty text opens the menu', text: '', expected: { kind: 'open_menu' } },
  { name: 'whitespace-only text opens the menu', text: ' \t\n ', expected: { kind: 'open_menu' } },
  { name: 'help prints the help', text: 'help', expected: { kind: 'help' } },
  { name: 'help ignores whatever follows it', text: 'HELP create', expected: { kind: 'help' } },
  {
    name: 'create without arguments opens the create modal',
    text: 'Create  ',
    expected: { kind: 'open_modal', modal: 'create' },
  },
  {
    name: 'manager without arguments opens the manager modal',
    text: 'manager',
    expected: { kind: 'open_modal', modal: 'manager' },
  },
  {
    name: 'create reads a quoted name, a manager and members given as labelled mentions',
    text: `create "Development Team" manager ${at(ALICE, 'alice')} members ${at(BOB, 'bob')} ${at(CAROL, 'carol')}`,
    expected: {
      kind: 'create',
      name: 'Development Team',
      manager: slack(ALICE),
      members: [slack(BOB), slack(CAROL)],
      reason: null,
    },
  },
  {
    name: 'create accepts curly quotes and upper-case keywords',
    text: `CREATE “Dev Team” MANAGER ${at(ALICE)} MEMBERS ${at(BOB)}`,
    expected: { kind: 'create', name: 'Dev Team', manager: slack(ALICE), members: [slack(BOB)], reason: null },
  },
  {
    name: 'create accepts German low-high quotes and members before manager',
    text: `create „Vertrieb Nord“ Members ${at(BOB)} Manager ${at(ALICE)}`,
    expected: { kind: 'create', name: 'Vertrieb Nord', manager: slack(ALICE), members: [slack(BOB)], reason: null },
  },
  {
    name: 'create takes a one-word name without quotes and no manager or members',
    text: 'create Sales',
    expected: { kind: 'create', name: 'Sales', manager: null, members: [], reason: null },
  },
  {
    name: 'create lower-cases emails, unwraps Slack mailto links and drops duplicate members',
    text: `create Ops member <mailto:Mia.Mixedcase@Example.com|Mia.Mixedcase@Example.com> mia.mixedcase@example.com ${at(BOB)} ${at(BOB, 'bob')}`,
    expected: {
      kind: 'create',
      name: 'Ops',
      manager: null,
      members: [email('mia.mixedcase@example.com'), slack(BOB)],
      reason: null,
    },
  },
  {
    name: 'create decodes the entities Slack puts in names',
    text: 'create "R&amp;D &lt;core&gt;"',
    expected: { kind: 'create', name: 'R&D <core>', manager: null, members: [], reason: null },
  },
  {
    name: 'create trims the name inside the quotes',
    text: 'create "  Dev Team  "',
    expected: { kind: 'create', name: 'Dev Team', manager: null, members: [], reason: null },
  },
  {
    name: 'create takes a case-insensitive trailing reason, trimmed',
    text: `create "QA" manager ${at(ALICE)} REASON:   new project  `,
    expected: { kind: 'create', name: 'QA', manager: slack(ALICE), members: [], reason: 'new project' },
  },
  {
    name: 'manager reads a group and one person given by email',
    text: 'manager "Dev Team" Alice@Example.com',
    expected: { kind: 'manager', group: named('Dev Team'), user: email('alice@example.com'), reason: null },
  },
  {
    name: 'manager takes `now` after the person, in any case, before a reason',
    text: `manager "Dev Team" ${at(ALICE)} NoW reason: new team`,
    expected: { kind: 'manager', group: named('Dev Team'), user: slack(ALICE), reason: 'new team', now: true },
  },

  {
    name: 'add reads mentions separated by commas',
    text: `add Dev ${at(ALICE)}, ${at(BOB)},`,
    expected: { kind: 'add', group: named('Dev'), users: [slack(ALICE), slack(BOB)], reason: null },
  },
  {
    name: 'add takes an unquoted upper-case GUID as a group id, lower-cased',
    text: `add ${GUID_UPPER} ${at(ALICE)}`,
    expected: { kind: 'add', group: byId, users: [slack(ALICE)], reason: null },
  },
  {
    name: 'add takes a quoted GUID as a group name',
    text: `add "${GUID_UPPER}" ${at(ALICE)}`,
    expected: { kind: 'add', group: named(GUID_UPPER), users: [slack(ALICE)], reason: null },
  },
  {
    name: 'add drops a person named twice, with and without a label',
    text: `add "A &amp; B" ${at(ALICE)} ${at(ALICE, 'alice')}`,
    expected: { kind: 'add', group: named('A & B'), users: [slack(ALICE)], reason: null },
  },
  {
    name: 'remove keeps quotes and a second reason: keyword inside the reason text',
    text: `remove "Dev" ${at(BOB)} reason: left "the team" &amp; reason: moved`,
    expected: { kind: 'remove', group: named('Dev'), users: [slack(BOB)], reason: 'left "the team" & reason: moved' },
  },
  {
    name: 'rename reads two quoted names',
    text: 'rename "Dev Team" “Platform Team”',
    expected: { kind: 'rename', group: named('Dev Team'), name: 'Platform Team', reason: null },
  },
  {
    name: 'rename reads two one-word names',
    text: 'Rename dev DEV',
    expected: { kind: 'rename', group: named('dev'), name: 'DEV', reason: null },
  },
  {
    name: 'delete reads a group id and a reason',
    text: `delete ${GUID_UPPER} reason: merged into Platform`,
    expected: { kind: 'delete', group: byId, reason: 'merged into Platform' },
  },
  {
    name: 'show takes reason: inside quotes as part of the name',
    text: 'show "Dev reason: none"',
    expected: { kind: 'show', group: named('Dev reason: none') },
  },
  { name: 'list without a filter lists everything', text: 'list', expected: { kind: 'list', filter: null } },
  {
    name: 'list takes the rest of the text as the filter',
    text: 'list  dev team ',
    expected: { kind: 'list', filter: 'dev team' },
  },
  {
    name: 'list drops quotes around the filter',
    text: 'list “dev team”',
    expected: { kind: 'list', filter: 'dev team' },
  },
  { name: 'list decodes entities in the filter', text: 'list R&amp;D', expected: { kind: 'list', filter: 'R&D' } },
  {
    name: 'list treats reason: as filter text',
    text: 'list reason: x',
    expected: { kind: 'list', filter: 'reason: x' },
  },
  { name: 'list with empty quotes has no filter', text: 'list ""', expected: { kind: 'list', filter: null } },
  { name: 'whoami is recognised in any case', text: 'WhoAmI', expected: { kind: 'whoami' } },
  { name: 'requests shows the first page', text: 'requests', expected: { kind: 'requests', page: 1 } },
  { name: 'requests page 2', text: 'requests page 2', expected: { kind: 'requests', page: 2 } },
  { name: 'requests takes a bare page number', text: 'requests 3', expected: { kind: 'requests', page: 3 } },
  {
    name: 'link reads a mention and a lower-cased email',
    text: `link ${at(ALICE, 'alice')} Alice@Example.COM`,
    expected: { kind: 'link', user: ALICE, target: { kind: 'email', email: 'alice@example.com' } },
  },
  {
    name: 'link unwraps a Slack mailto link as the target',
    text: `link ${at(ALICE)} <mailto:alice@example.com|alice@example.com>`,
    expected: { kind: 'link', user: ALICE, target: { kind: 'email', email: 'alice@example.com' } },
  },
  {
    name: 'link reads an upper-case DocSpace user id, lower-cased',
    text: `link ${at(ALICE)} ${GUID_UPPER}`,
    expected: { kind: 'link', user: ALICE, target: { kind: 'id', id: GUID as DocSpaceUserId } },
  },
  { name: 'unlink reads one mention', text: `unlink ${at(BOB, 'bob')}`, expected: { kind: 'unlink', user: BOB } },
  { name: 'mappings without a user lists all links', text: 'mappings', expected: { kind: 'mappings', user: null } },
  {
    name: 'mappings with a mention shows one link',
    text: `mappings ${at(BOB)}`,
    expected: { kind: 'mappings', user: BOB },
  },
  { name: 'audit without a group shows all groups', text: 'audit', expected: { kind: 'audit', group: null } },
  {
    name: 'audit reads a quoted group',
    text: 'audit "Dev Team"',
    expected: { kind: 'audit', group: named('Dev Team') },
  },
  {
    name: 'tabs and line breaks count as spaces',
    text: `add\tDev\n${at(ALICE)}\r\n${at(BOB)}`,
    expected: { kind: 'add', group: named('Dev'), users: [slack(ALICE), slack(BOB)], reason: null },
  },
];

interface BadCase {
  readonly name: string;
  readonly text: string;
  readonly code: ParseErrorCode;
  readonly says: readonly string[];
}

const BAD: readonly BadCase[] = [
  {
    name: 'a misspelt subcommand suggests the closest one',
    text: 'crete "X"',
    code: 'unknown_command',
    says: ['"crete"', 'Did you mean create?', '/docspace-group help'],
  },
  {
    name: 'a prefix of one subcommand suggests it',
    text: 'who',
    code: 'unknown_command',
    says: ['Did you mean whoami?'],
  },
  {
    name: 'a word close to nothing points to help only',
    text: 'frobnicate',
    code: 'unknown_command',
    says: ['/docspace-group help'],
  },
  {
    name: 'create with only a reason lacks the name',
    text: 'create reason: x',
    code: 'missing_argument',
    says: ['create needs the name', '/docspace-group create'],
  },
  {
    name: 'create starting with a keyword lacks the name',
    text: `create manager ${at(ALICE)}`,
    code: 'missing_argument',
    says: ['name first'],
  },
  {
    name: 'create with an unquoted name with spaces hints at quotes',
    text: 'create Dev Team',
    code: 'unexpected_argument',
    says: ['"Team"', 'quotes'],
  },
  {
    name: 'create with two managers is rejected',
    text: `create X manager ${at(ALICE)} manager ${at(BOB)}`,
    code: 'unexpected_argument',
    says: ['manager is given twice'],
  },
  {
    name: 'create with members twice is rejected',
    text: `create X members ${at(ALICE)} members ${at(BOB)}`,
    code: 'unexpected_argument',
    says: ['members is given twice'],
  },
  {
    name: 'create with manager but no person lacks the person',
    text: 'create X manager',
    code: 'missing_argument',
    says: ['manager needs a person'],
  },
  {
    name: 'create with members but no people lacks the people',
    text: 'create X members',
    code: 'missing_argument',
    says: ['members needs at least one person'],
  },
  {
    name: 'create with a 129-character name is rejected',
    text: `create ${'x'.repeat(129)}`,
    code: 'bad_name',
    says: ['129', '128'],
  },
  { name: 'create with a blank quoted name is rejected', text: 'create "   "', code: 'bad_name', says: ['empty'] },
  {
    name: 'create with a mention as the name is rejected',
    text: `create ${at(ALICE)}`,
    code: 'bad_name',
    says: ['a user mention'],
  },
  {
    name: 'manager with a group only lacks the person',
    text: 'manager Dev',
    code: 'missing_argument',
    says: ['new manager', '/docspace-group manager'],
  },
  {
    name: 'manager with only a reason lacks the group',
    text: 'manager reason: x',
    code: 'missing_argument',
    says: ['needs a group'],
  },
  {
    name: 'manager with anything after `now` is rejected',
    text: `manager Dev ${at(ALICE)} now ${at(BOB)}`,
    code: 'unexpected_argument',
    says: ['after `now`'],
  },
  {
    name: 'manager with a quoted "now" is rejected like any other extra',
    text: `manager Dev ${at(ALICE)} "now"`,
    code: 'unexpected_argument',
    says: ['one manager'],
  },
  {
    name: 'manager with two people is rejected',
    text: `manager Dev ${at(ALICE)} ${at(BOB)}`,
    code: 'unexpected_argument',
    says: ['one manager'],
  },
  { name: 'add without anything lacks the group', text: 'add', code: 'missing_argument', says: ['add needs a group'] },
  {
    name: 'add with a group only lacks the people',
    text: 'add Dev',
    code: 'missing_argument',
    says: ['at least one person'],
  },
  {
    name: 'add with a typed @name asks for a real mention',
    text: 'add Dev @alice',
    code: 'bad_user',
    says: ['"@alice" is not a Slack mention'],
  },
  {
    name: 'add with an unquoted name with spaces hints at quotes',
    text: `add Dev Team ${at(ALICE)}`,
    code: 'bad_user',
    says: ['"Team"', 'quotes'],
  },
  {
    name: 'add with a channel link is rejected',
    text: 'add Dev <#C0123|general>',
    code: 'bad_user',
    says: ['a channel link'],
  },
  {
    name: 'add with @channel is rejected without repeating it',
    text: 'add Dev <!channel>',
    code: 'bad_user',
    says: ['a special mention'],
  },
  {
    name: 'add with a user group mention is rejected',
    text: 'add Dev <!subteam^S0123|@devs>',
    code: 'bad_user',
    says: ['a special mention'],
  },
  {
    name: 'add with a web link is rejected',
    text: 'add Dev <https://example.com|click>',
    code: 'bad_user',
    says: ['a link'],
  },
  {
    name: 'add with a malformed mention id is rejected',
    text: 'add Dev <@u0alice>',
    code: 'bad_user',
    says: ['valid Slack user id'],
  },
  {
    name: 'add with a mailto link that is no email is rejected',
    text: 'add Dev <mailto:nobody|nobody>',
    code: 'bad_user',
    says: ['valid email'],
  },
  {
    name: 'add with quoted text as a person is rejected',
    text: 'add Dev "Alice"',
    code: 'bad_user',
    says: ['quoted text "Alice"'],
  },
  {
    name: 'an unclosed straight quote is reported',
    text: `add "Dev Team ${at(ALICE)}`,
    code: 'unbalanced_quote',
    says: ['quote mark "', 'end the name with "'],
  },
  {
    name: 'an unclosed curly quote says which quote closes it',
    text: 'show “Dev Team',
    code: 'unbalanced_quote',
    says: ['“', 'end the name with ”'],
  },
  {
    name: 'a straight quote does not close a curly one',
    text: 'show “Dev Team"',
    code: 'unbalanced_quote',
    says: ['”'],
  },
  { name: 'rename without the new name lacks it', text: 'rename Dev', code: 'missing_argument', says: ['new name'] },
  {
    name: 'rename with three names hints at quotes',
    text: 'rename Dev Platform Team',
    code: 'unexpected_argument',
    says: ['"Team"', 'quotes'],
  },
  {
    name: 'rename to a 129-character name is rejected',
    text: `rename Dev "${'y'.repeat(129)}"`,
    code: 'bad_name',
    says: ['128'],
  },
  {
    name: 'delete without a group lacks it',
    text: 'delete reason: cleanup',
    code: 'missing_argument',
    says: ['delete needs a group'],
  },
  {
    name: 'show with a channel link is not a group',
    text: 'show <#C0123|general>',
    code: 'bad_group',
    says: ['a channel link'],
  },
  {
    name: 'show with a 129-character name is not a group',
    text: `show ${'z'.repeat(129)}`,
    code: 'bad_group',
    says: ['128'],
  },
  {
    name: 'show does not take a reason',
    text: 'show Dev reason: curious',
    code: 'unexpected_argument',
    says: ['only accepted on changes'],
  },
  {
    name: 'an empty reason is rejected',
    text: `add Dev ${at(ALICE)} reason:   `,
    code: 'bad_reason',
    says: ['needs some text'],
  },
  {
    name: 'a 501-character reason is rejected',
    text: `add Dev ${at(ALICE)} reason: ${'r'.repeat(501)}`,
    code: 'bad_reason',
    says: ['501', '500'],
  },
  {
    name: 'whoami with an argument is rejected',
    text: 'whoami please',
    code: 'unexpected_argument',
    says: ['takes no arguments'],
  },
  {
    name: 'requests with a page that is not a number is rejected',
    text: 'requests page two',
    code: 'unexpected_argument',
    says: ['from 1 to 1000', 'two'],
  },
  {
    name: 'requests page with no number is rejected',
    text: 'requests page',
    code: 'missing_argument',
    says: ['page 2'],
  },
  {
    name: 'requests page 0 is rejected',
    text: 'requests page 0',
    code: 'unexpected_argument',
    says: ['from 1 to 1000'],
  },
  {
    name: 'link with an email in place of the Slack user is rejected',
    text: 'link alice@example.com alice@example.com',
    code: 'bad_user',
    says: ['Slack @mention'],
  },
  {
    name: 'link without the target lacks it',
    text: `link ${at(ALICE)}`,
    code: 'missing_argument',
    says: ['email or user id'],
  },
  {
    name: 'link to the empty GUID is rejected',
    text: `link ${at(ALICE)} 00000000-0000-0000-0000-000000000000`,
    code: 'bad_user',
    says: ['empty GUID'],
  },
  {
    name: 'link to a plain word is rejected',
    text: `link ${at(ALICE)} alice`,
    code: 'bad_user',
    says: ['email address or user id', '"alice"'],
  },
  {
    name: 'link to a Slack mention is rejected',
    text: `link ${at(ALICE)} ${at(BOB)}`,
    code: 'bad_user',
    says: ['a user mention'],
  },
  { name: 'unlink without a user lacks it', text: 'unlink', code: 'missing_argument', says: ['unlink needs'] },
  {
    name: 'mappings with an email is rejected',
    text: 'mappings bob@example.com',
    code: 'bad_user',
    says: ['Slack @mention'],
  },
  {
    name: 'text over 4000 characters is rejected',
    text: `list ${'a'.repeat(3996)}`,
    code: 'too_long',
    says: ['4001', '4000'],
  },
  {
    name: 'a bell character is rejected with its code point',
    text: 'show Dev\u0007',
    code: 'control_characters',
    says: ['U+0007'],
  },
  { name: 'DEL is rejected', text: 'show De\u007fv', code: 'control_characters', says: ['U+007F'] },
  {
    name: 'a right-to-left override is rejected',
    text: 'create "\u202eDev"',
    code: 'control_characters',
    says: ['U+202E'],
  },
];

describe('parseCommand', () => {
  it.each(GOOD)('$name', ({ text, expected }) => {
    expect(parseCommand(text)).toEqual(ok(expected));
  });

  it.each(BAD)('rejects: $name', ({ text, code, says }) => {
    const result = parseCommand(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    for (const fragment of says) expect(result.error.message).toContain(fragment);
  });

  it('accepts a reason of exactly 500 characters', () => {
    const result = parseCommand(`delete Dev reason: ${'r'.repeat(500)}`);
    expect(result).toEqual(ok({ kind: 'delete', group: named('Dev'), reason: 'r'.repeat(500) }));
  });

  it('accepts text of exactly 4000 characters', () => {
    const result = parseCommand(`list ${'a'.repeat(3995)}`);
    expect(result).toEqual(ok({ kind: 'list', filter: 'a'.repeat(3995) }));
  });

  it('accepts a group name of exactly 128 characters', () => {
    const result = parseCommand(`show "${'n'.repeat(128)}"`);
    expect(result).toEqual(ok({ kind: 'show', group: named('n'.repeat(128)) }));
  });

  it('ends an error for a subcommand with that subcommand usage line', () => {
    const result = parseCommand('add Dev');
    expect(result.ok ? '' : result.error.message).toMatch(
      /Usage: \/docspace-group add "<group>" @user \[@user \.\.\.\] \[for <duration>\] \[reason: text\]$/,
    );
  });

  it('quotes at most 40 characters of a long unknown word', () => {
    const word = `x${'y'.repeat(200)}`;
    const result = parseCommand(word);
    expect(result.ok ? '' : result.error.message).toContain(`"x${'y'.repeat(38)}…"`);
    expect(result.ok ? '' : result.error.message).not.toContain('y'.repeat(40));
  });

  it('shows echoed angle brackets as harmless look-alikes in messages', () => {
    const result = parseCommand('<!channel-x');
    expect(result.ok ? '' : result.error.message).toContain('"‹!channel-x"');
  });
});
