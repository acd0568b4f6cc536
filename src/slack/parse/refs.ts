import type { GroupRef, LinkTarget, UserRef } from '../../domain/index.js';
import {
  checkGroupName,
  err,
  GROUP_NAME_MAX,
  isGuid,
  ok,
  type Result,
  type SlackUserId,
  toDocSpaceUserId,
  toGroupId,
  toSlackUserId,
  userRefKey,
} from '../../domain/index.js';
import { decodeSlackEntities, truncate } from '../escape.js';
import type { Problem } from './command.js';
import type { Token } from './tokens.js';

const ECHO_MAX = 40;
const EMAIL_MAX = 254;
const EMAIL = /^[^\s@<>"(),;:[\]\\]+@[^\s@<>"(),;:[\]\\.]+(?:\.[^\s@<>"(),;:[\]\\.]+)+$/;
const MAILTO = /^mailto:/i;
const PERSON = 'a person (an @mention or an email address)';

/** Quotes a short piece of user input for an error message; `<` and `>` become ‹ › so nothing in it can ping. */
export function echo(text: string): string {
  return `"${truncate(text, ECHO_MAX).replace(/</g, '‹').replace(/>/g, '›')}"`;
}

/** Names a token for an error message without repeating Slack markup. */
export function describeToken(token: Token): string {
  if (token.kind !== 'angle') return echo(token.text);
  const body = token.body;
  if (body.startsWith('@')) return 'a user mention';
  if (body.startsWith('#')) return 'a channel link';
  if (body.startsWith('!')) return 'a special mention (@here, @channel, @everyone or a user group)';
  if (MAILTO.test(body)) return 'an email link';
  return 'a link';
}

export function toEmail(text: string): string | null {
  return text.length <= EMAIL_MAX && EMAIL.test(text) ? text.toLowerCase() : null;
}

function problem(code: Problem['code'], text: string): Result<never, Problem> {
  return err({ code, problem: text });
}

/** `<@U123>` / `<@U123|name>` -> Slack id; `<mailto:a@b.c|a@b.c>` -> email; other Slack markup is an error. */
function parseAngleUser(body: string): Result<UserRef, Problem> {
  if (body.startsWith('@')) {
    const id = toSlackUserId(body.slice(1).split('|')[0] ?? '');
    return id === null
      ? problem('bad_user', 'That user mention does not hold a valid Slack user id.')
      : ok({ kind: 'slack', id });
  }
  if (MAILTO.test(body)) {
    const email = toEmail(decodeSlackEntities(body.slice('mailto:'.length).split('|')[0] ?? ''));
    return email === null
      ? problem('bad_user', 'That email link does not hold a valid email address.')
      : ok({ kind: 'email', email });
  }
  return problem('bad_user', `Expected ${PERSON}, got ${describeToken({ kind: 'angle', body })}.`);
}

/** A person: a Slack mention, an email link, or a bare email address (a trailing comma is ignored). */
export function parseUser(token: Token): Result<UserRef, Problem> {
  if (token.kind === 'angle') return parseAngleUser(token.body);
  if (token.kind === 'quoted')
    return problem('bad_user', `Expected ${PERSON}, got the quoted text ${echo(token.text)}.`);
  const email = toEmail(token.text.replace(/,+$/, ''));
  if (email !== null) return ok({ kind: 'email', email });
  if (token.text.startsWith('@')) {
    return problem(
      'bad_user',
      `${echo(token.text)} is not a Slack mention: pick the person from Slack's @ suggestions, or give their email address.`,
    );
  }
  return problem('bad_user', `Expected ${PERSON}, got ${echo(token.text)}.`);
}

/** A person who must be a Slack user (link, unlink, mappings). */
export function parseSlackUser(token: Token): Result<SlackUserId, Problem> {
  const user = parseUser(token);
  if (!user.ok) return user;
  if (user.value.kind === 'email') return problem('bad_user', 'Expected a Slack @mention here, not an email address.');
  return ok(user.value.id);
}

/** The DocSpace side of `link`: an email address (bare or as a Slack mailto link) or a DocSpace user id. */
export function parseLinkTarget(token: Token): Result<LinkTarget, Problem> {
  const expected = "Expected the DocSpace account's email address or user id";
  if (token.kind === 'word' && isGuid(token.text)) {
    const id = toDocSpaceUserId(token.text);
    return id === null ? problem('bad_user', `${expected}; the empty GUID is no user.`) : ok({ kind: 'id', id });
  }
  const user = token.kind === 'quoted' ? null : parseUser(token);
  if (user?.ok && user.value.kind === 'email') return ok(user.value);
  return problem('bad_user', `${expected}, got ${describeToken(token)}.`);
}

function checkName(raw: string, code: 'bad_group' | 'bad_name', what: string): Result<string, Problem> {
  const checked = checkGroupName(raw);
  if (checked.ok) return ok(checked.name);
  if (checked.reason === 'blank') return problem(code, `The ${what} is empty.`);
  return problem(code, `The ${what} is ${raw.trim().length} characters long; the limit is ${GROUP_NAME_MAX}.`);
}

/** An existing group: an unquoted GUID is an id (lower-cased); any other word or quoted text is a name. */
export function parseGroup(token: Token): Result<GroupRef, Problem> {
  if (token.kind === 'angle') {
    return problem('bad_group', `Expected a group name (in quotes if it has spaces), got ${describeToken(token)}.`);
  }
  const id = token.kind === 'word' ? toGroupId(token.text) : null;
  if (id !== null) return ok({ kind: 'id', id });
  const name = checkName(token.text, 'bad_group', 'group name');
  return name.ok ? ok({ kind: 'name', name: name.value }) : name;
}

/** A new group name (create, rename): one word or quoted text, 1..128 characters after trimming. */
export function parseNewName(token: Token): Result<string, Problem> {
  if (token.kind === 'angle') {
    return problem('bad_name', `Expected a group name (in quotes if it has spaces), got ${describeToken(token)}.`);
  }
  return checkName(token.text, 'bad_name', 'new group name');
}

/** People until `isStop` says a token starts something else; comma-only words are skipped, duplicates dropped. */
export function parseUserList(
  tokens: readonly Token[],
  isStop: (token: Token) => boolean,
): Result<{ users: UserRef[]; used: number }, Problem> {
  const users: UserRef[] = [];
  const seen = new Set<string>();
  let used = 0;
  for (const token of tokens) {
    if (isStop(token)) break;
    used++;
    if (token.kind === 'word' && /^,+$/.test(token.text)) continue;
    const user = parseUser(token);
    if (!user.ok) return user;
    const key = userRefKey(user.value);
    if (seen.has(key)) continue;
    seen.add(key);
    users.push(user.value);
  }
  return ok({ users, used });
}
