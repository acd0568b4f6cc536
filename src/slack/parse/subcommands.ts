import type { GroupRef, UserRef } from '../../domain/index.js';
import { durationProblemText, ok, parseDuration, REQUESTS_MAX_PAGE, type Result } from '../../domain/index.js';
import { decodeSlackEntities } from '../escape.js';
import type { CommandArgs, CommandResult, ParsedCommand, ParseError, Problem } from './command.js';
import {
  describeToken,
  parseGroup,
  parseLinkTarget,
  parseNewName,
  parseSlackUser,
  parseUser,
  parseUserList,
} from './refs.js';
import { QUOTES, type Token } from './tokens.js';
import { fail, failUsage, type Subcommand } from './usage.js';

/**
 * Added when an unquoted word was taken as the name and the next plain word does not fit: the user most likely
 * forgot the quotes around a name with spaces.
 */
function withQuoteHint(problem: Problem, nameToken: Token | null, offending: Token | undefined): Problem {
  if (nameToken?.kind !== 'word' || offending?.kind !== 'word' || offending.text.startsWith('@')) return problem;
  return { code: problem.code, problem: `${problem.problem} Names with spaces go in quotes, like "Dev Team".` };
}

function unexpected(sub: Subcommand, token: Token, after: string, nameToken: Token | null): Result<never, ParseError> {
  return failUsage(
    sub,
    withQuoteHint(
      { code: 'unexpected_argument', problem: `Unexpected ${describeToken(token)} after ${after}.` },
      nameToken,
      token,
    ),
  );
}

type CreateKeyword = 'manager' | 'members';

function createKeyword(token: Token): CreateKeyword | null {
  if (token.kind !== 'word') return null;
  const word = token.text.toLowerCase();
  if (word === 'manager') return 'manager';
  return word === 'members' || word === 'member' ? 'members' : null;
}

interface CreateClauses {
  manager: UserRef | null;
  members: UserRef[] | null;
}

/** Reads `manager @user` at tokens[0]; returns how many tokens it used. */
function readManager(tokens: readonly Token[], clauses: CreateClauses): Result<number, ParseError> {
  if (clauses.manager !== null) {
    return fail('create', 'unexpected_argument', 'manager is given twice; a group has one manager.');
  }
  const next = tokens[1];
  if (next === undefined) {
    return fail('create', 'missing_argument', 'manager needs a person after it (an @mention or an email address).');
  }
  const user = parseUser(next);
  if (!user.ok) return failUsage('create', user.error);
  clauses.manager = user.value;
  return ok(2);
}

/** Reads `members @user ...` at tokens[0], up to the next keyword; returns how many tokens it used. */
function readMembers(tokens: readonly Token[], clauses: CreateClauses): Result<number, ParseError> {
  if (clauses.members !== null) {
    return fail('create', 'unexpected_argument', 'members is given twice; list everyone after one members.');
  }
  const list = parseUserList(tokens.slice(1), (token) => createKeyword(token) !== null);
  if (!list.ok) return failUsage('create', list.error);
  if (list.value.users.length === 0) {
    return fail('create', 'missing_argument', 'members needs at least one person after it.');
  }
  clauses.members = list.value.users;
  return ok(1 + list.value.used);
}

function parseCreateClauses(tokens: readonly Token[], nameToken: Token): Result<CreateClauses, ParseError> {
  const clauses: CreateClauses = { manager: null, members: null };
  let i = 0;
  for (let token = tokens[0]; token !== undefined; token = tokens[i]) {
    const keyword = createKeyword(token);
    if (keyword === null) {
      return unexpected(
        'create',
        token,
        'the name (expected manager @user or members @user ...)',
        i === 0 ? nameToken : null,
      );
    }
    const rest = tokens.slice(i);
    const used = keyword === 'manager' ? readManager(rest, clauses) : readMembers(rest, clauses);
    if (!used.ok) return used;
    i += used.value;
  }
  return ok(clauses);
}

export function parseCreate({ tokens, reason }: CommandArgs): CommandResult {
  const [nameToken, ...rest] = tokens;
  if (nameToken === undefined) {
    if (reason === null) return ok({ kind: 'open_modal', modal: 'create' });
    return fail('create', 'missing_argument', 'create needs the name of the new group.');
  }
  if (createKeyword(nameToken) !== null) {
    return fail(
      'create',
      'missing_argument',
      'create needs the group name first (a group named manager or members goes in quotes).',
    );
  }
  const name = parseNewName(nameToken);
  if (!name.ok) return failUsage('create', name.error);
  const clauses = parseCreateClauses(rest, nameToken);
  if (!clauses.ok) return clauses;
  const { manager, members } = clauses.value;
  return ok({ kind: 'create', name: name.value, manager, members: members ?? [], reason });
}

function isFor(token: Token | undefined): boolean {
  return token?.kind === 'word' && token.text.toLowerCase() === 'for';
}

function tokenText(token: Token): string {
  return token.kind === 'angle' ? token.body : token.text;
}

/**
 * A trailing `for <duration>` (30m, 8h, 3d, 2w): the tokens before it and the duration in ms. The maximum
 * (MAX_GRANT_DAYS) is the domain's to check; here only the form and the one-minute minimum.
 */
function splitDuration(
  sub: 'add' | 'manager',
  tokens: readonly Token[],
): Result<{ tokens: readonly Token[]; duration?: number }, ParseError> {
  const last = tokens.at(-1);
  if (isFor(last) && !isFor(tokens.at(-2))) {
    return fail(sub, 'missing_argument', 'for needs a duration after it, like for 30m, 8h, 3d or 2w.');
  }
  if (!isFor(tokens.at(-2)) || last === undefined) return ok({ tokens });
  const parsed = parseDuration(tokenText(last));
  if (!parsed.ok) return fail(sub, 'bad_duration', durationProblemText(parsed.error));
  return ok({ tokens: tokens.slice(0, -2), duration: parsed.value });
}

/** `… for 3d` on a command that takes no duration: a clear refusal instead of a confusing one about extra words. */
export function refuseDuration(sub: Subcommand, tokens: readonly Token[]): Result<never, ParseError> | null {
  const last = tokens.at(-1);
  if (!isFor(tokens.at(-2)) || last === undefined) return null;
  const parsed = parseDuration(tokenText(last));
  if (!parsed.ok && parsed.error.kind === 'unparsable') return null;
  return fail(sub, 'unexpected_argument', 'A duration (for …) is only accepted on add and manager.');
}

export function parseManager(args: CommandArgs): CommandResult {
  const split = splitDuration('manager', args.tokens);
  if (!split.ok) return split;
  const parsed = parseManagerTokens({ tokens: split.value.tokens, reason: args.reason });
  if (!parsed.ok || split.value.duration === undefined || parsed.value.kind !== 'manager') return parsed;
  return ok({ ...parsed.value, duration: split.value.duration });
}

function parseManagerTokens({ tokens, reason }: CommandArgs): CommandResult {
  const [groupToken, userToken, nowToken, ...more] = tokens;
  // `now` (unquoted, any case) after the person: an admin gives a group with no manager one without acceptance.
  const now = nowToken?.kind === 'word' && nowToken.text.toLowerCase() === 'now';
  const extra = now ? more[0] : nowToken;
  if (groupToken === undefined) {
    if (reason === null) return ok({ kind: 'open_modal', modal: 'manager' });
    return fail('manager', 'missing_argument', 'manager needs a group and the new manager.');
  }
  const group = parseGroup(groupToken);
  if (!group.ok) return failUsage('manager', group.error);
  if (userToken === undefined) {
    return fail(
      'manager',
      'missing_argument',
      'manager needs the new manager after the group (an @mention or an email address).',
    );
  }
  const user = parseUser(userToken);
  if (!user.ok) return failUsage('manager', withQuoteHint(user.error, groupToken, userToken));
  if (extra !== undefined) {
    const after = now ? '`now`' : 'the new manager; a group has one manager';
    return unexpected('manager', extra, after, null);
  }
  return ok({ kind: 'manager', group: group.value, user: user.value, reason, ...(now ? { now: true } : {}) });
}

export function parseMembership(sub: 'add' | 'remove', args: CommandArgs): CommandResult {
  if (sub === 'remove') return parseMembershipTokens(sub, args);
  const split = splitDuration(sub, args.tokens);
  if (!split.ok) return split;
  const parsed = parseMembershipTokens(sub, { tokens: split.value.tokens, reason: args.reason });
  if (!parsed.ok || split.value.duration === undefined || parsed.value.kind !== 'add') return parsed;
  return ok({ ...parsed.value, duration: split.value.duration });
}

function parseMembershipTokens(sub: 'add' | 'remove', { tokens, reason }: CommandArgs): CommandResult {
  const [groupToken, ...rest] = tokens;
  if (groupToken === undefined) return fail(sub, 'missing_argument', `${sub} needs a group and at least one person.`);
  const group = parseGroup(groupToken);
  if (!group.ok) return failUsage(sub, group.error);
  const list = parseUserList(rest, () => false);
  if (!list.ok) return failUsage(sub, withQuoteHint(list.error, groupToken, rest[0]));
  if (list.value.users.length === 0) {
    return fail(
      sub,
      'missing_argument',
      `${sub} needs at least one person after the group (an @mention or an email address).`,
    );
  }
  return ok({ kind: sub, group: group.value, users: list.value.users, reason });
}

export function parseRename({ tokens, reason }: CommandArgs): CommandResult {
  const [groupToken, nameToken, extra] = tokens;
  if (groupToken === undefined) return fail('rename', 'missing_argument', 'rename needs the group and its new name.');
  const group = parseGroup(groupToken);
  if (!group.ok) return failUsage('rename', group.error);
  if (nameToken === undefined) return fail('rename', 'missing_argument', 'rename needs the new name after the group.');
  const name = parseNewName(nameToken);
  if (!name.ok) return failUsage('rename', name.error);
  if (extra !== undefined) return unexpected('rename', extra, 'the new name', nameToken);
  return ok({ kind: 'rename', group: group.value, name: name.value, reason });
}

/** The one group of delete, show and audit. */
function parseOneGroup(sub: 'delete' | 'show' | 'audit', tokens: readonly Token[]): Result<GroupRef, ParseError> {
  const [groupToken, extra] = tokens;
  if (groupToken === undefined) return fail(sub, 'missing_argument', `${sub} needs a group name or id.`);
  const group = parseGroup(groupToken);
  if (!group.ok) return failUsage(sub, group.error);
  if (extra !== undefined) return unexpected(sub, extra, 'the group', groupToken);
  return group;
}

export function parseDelete({ tokens, reason }: CommandArgs): CommandResult {
  const group = parseOneGroup('delete', tokens);
  return group.ok ? ok({ kind: 'delete', group: group.value, reason }) : group;
}

export function parseShow({ tokens }: CommandArgs): CommandResult {
  const group = parseOneGroup('show', tokens);
  return group.ok ? ok({ kind: 'show', group: group.value }) : group;
}

export function parseAudit({ tokens }: CommandArgs): CommandResult {
  if (tokens.length === 0) return ok({ kind: 'audit', group: null });
  const group = parseOneGroup('audit', tokens);
  return group.ok ? ok({ kind: 'audit', group: group.value }) : group;
}

/** grants takes nothing after the subcommand. */
export function parseGrants({ tokens }: CommandArgs): CommandResult {
  const [extra] = tokens;
  if (extra !== undefined) {
    return fail('grants', 'unexpected_argument', `grants takes no arguments; got ${describeToken(extra)}.`);
  }
  return ok({ kind: 'grants' });
}

/** whoami takes nothing after the subcommand. */
export function parseNoArguments(sub: 'whoami', { tokens }: CommandArgs): CommandResult {
  const [extra] = tokens;
  if (extra !== undefined)
    return fail(sub, 'unexpected_argument', `${sub} takes no arguments; got ${describeToken(extra)}.`);
  return ok({ kind: sub });
}

/** `requests`, `requests page 2` or `requests 2`: which page of 25 to show. */
export function parseRequests({ tokens }: CommandArgs): CommandResult {
  const words = tokens.map((t) => (t.kind === 'word' ? t.text.toLowerCase() : null));
  const number = words[0] === 'page' ? tokens[1] : tokens[0];
  const extra = tokens[words[0] === 'page' ? 2 : 1];
  if (tokens.length === 0) return ok({ kind: 'requests', page: 1 });
  if (number === undefined) return fail('requests', 'missing_argument', 'page needs a number after it, like page 2.');
  const page = number.kind === 'word' && /^[0-9]{1,4}$/.test(number.text) ? Number(number.text) : Number.NaN;
  if (!(page >= 1 && page <= REQUESTS_MAX_PAGE)) {
    return fail(
      'requests',
      'unexpected_argument',
      `The page is a number from 1 to ${REQUESTS_MAX_PAGE}; got ${describeToken(number)}.`,
    );
  }
  if (extra !== undefined)
    return fail('requests', 'unexpected_argument', `Unexpected ${describeToken(extra)} after the page number.`);
  return ok({ kind: 'requests', page });
}

export function parseLink({ tokens }: CommandArgs): CommandResult {
  const [userToken, targetToken, extra] = tokens;
  if (userToken === undefined) {
    return fail('link', 'missing_argument', "link needs a Slack @mention and the DocSpace account's email or user id.");
  }
  const user = parseSlackUser(userToken);
  if (!user.ok) return failUsage('link', user.error);
  if (targetToken === undefined) {
    return fail('link', 'missing_argument', "link needs the DocSpace account's email or user id after the @mention.");
  }
  const target = parseLinkTarget(targetToken);
  if (!target.ok) return failUsage('link', target.error);
  if (extra !== undefined)
    return fail('link', 'unexpected_argument', `Unexpected ${describeToken(extra)} after the account.`);
  return ok({ kind: 'link', user: user.value, target: target.value });
}

export function parseUnlink({ tokens }: CommandArgs): CommandResult {
  const [userToken, extra] = tokens;
  if (userToken === undefined)
    return fail('unlink', 'missing_argument', 'unlink needs the Slack @mention of the user.');
  const user = parseSlackUser(userToken);
  if (!user.ok) return failUsage('unlink', user.error);
  if (extra !== undefined)
    return fail('unlink', 'unexpected_argument', `Unexpected ${describeToken(extra)} after the user.`);
  return ok({ kind: 'unlink', user: user.value });
}

export function parseMappings({ tokens }: CommandArgs): CommandResult {
  const [userToken, extra] = tokens;
  if (userToken === undefined) return ok({ kind: 'mappings', user: null });
  const user = parseSlackUser(userToken);
  if (!user.ok) return failUsage('mappings', user.error);
  if (extra !== undefined)
    return fail('mappings', 'unexpected_argument', `Unexpected ${describeToken(extra)} after the user.`);
  return ok({ kind: 'mappings', user: user.value });
}

/** The list filter is the raw rest of the text (not tokenized): decoded, trimmed, one pair of outer quotes dropped. */
export function parseList(rest: string): ParsedCommand {
  let filter = decodeSlackEntities(rest).trim();
  const closers = QUOTES.get(filter.charAt(0));
  if (closers !== undefined && filter.length >= 2 && closers.includes(filter.charAt(filter.length - 1))) {
    filter = filter.slice(1, -1).trim();
  }
  return { kind: 'list', filter: filter === '' ? null : filter };
}
