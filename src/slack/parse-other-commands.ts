import { ok } from '../domain/index.js';
import { decodeSlackEntities } from './escape.js';
import { describeToken, parseLinkTarget, parseSlackUser } from './parse-refs.js';
import { QUOTES } from './parse-tokens.js';
import type { CommandArgs, CommandResult, ParsedCommand } from './parse-types.js';
import { fail, failUsage } from './parse-usage.js';

/** whoami and requests take nothing after the subcommand. */
export function parseNoArguments(sub: 'whoami' | 'requests', { tokens }: CommandArgs): CommandResult {
  const [extra] = tokens;
  if (extra !== undefined)
    return fail(sub, 'unexpected_argument', `${sub} takes no arguments; got ${describeToken(extra)}.`);
  return ok({ kind: sub });
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
