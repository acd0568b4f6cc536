import { err, ok, REASON_MAX, type Result } from '../domain/index.js';
import { decodeSlackEntities } from './escape.js';
import { COMMAND } from './ids.js';
import {
  parseAudit,
  parseCreate,
  parseDelete,
  parseManager,
  parseMembership,
  parseRename,
  parseShow,
} from './parse-group-commands.js';
import { parseLink, parseList, parseMappings, parseNoArguments, parseUnlink } from './parse-other-commands.js';
import { echo } from './parse-refs.js';
import { suggestSubcommand } from './parse-suggest.js';
import { checkText, tokenize, type UnclosedQuote } from './parse-tokens.js';
import type { CommandArgs, CommandResult, ParsedCommand, ParseError } from './parse-types.js';
import { fail, MUTATING_SUBCOMMANDS, SUBCOMMANDS, type Subcommand, usageLine } from './parse-usage.js';

export type { GroupRef, LinkTarget, ParsedCommand, ParseError, ParseErrorCode, UserRef } from './parse-types.js';

type TokenizedSubcommand = Exclude<Subcommand, 'help' | 'list'>;

const PARSERS: Readonly<Record<TokenizedSubcommand, (args: CommandArgs) => CommandResult>> = {
  create: parseCreate,
  manager: parseManager,
  add: (args) => parseMembership('add', args),
  remove: (args) => parseMembership('remove', args),
  rename: parseRename,
  delete: parseDelete,
  show: parseShow,
  whoami: (args) => parseNoArguments('whoami', args),
  link: parseLink,
  unlink: parseUnlink,
  mappings: parseMappings,
  requests: (args) => parseNoArguments('requests', args),
  audit: parseAudit,
};

function unknownCommand(word: string): ParseError {
  const suggestion = suggestSubcommand(word);
  const meant = suggestion === null ? '' : ` Did you mean ${suggestion}? Usage: ${usageLine(suggestion)}.`;
  return {
    code: 'unknown_command',
    message: `Unknown command ${echo(word)}.${meant} Type ${COMMAND} help to see all commands.`,
  };
}

function unclosedQuote({ open, close, after }: UnclosedQuote): string {
  const where = after.trim() === '' ? 'at the end' : `before ${echo(after)}`;
  return `The opening quote mark ${open} ${where} is never closed; end the name with ${close}.`;
}

/** Only changes take a reason: decoded, trimmed, 1..REASON_MAX characters. */
function parseReason(sub: Subcommand, raw: string | null): Result<string | null, ParseError> {
  if (raw === null) return ok(null);
  if (!MUTATING_SUBCOMMANDS.has(sub)) {
    const changes = [...MUTATING_SUBCOMMANDS].join(', ');
    return fail(sub, 'unexpected_argument', `reason: is only accepted on changes (${changes}).`);
  }
  const reason = decodeSlackEntities(raw).trim();
  if (reason === '') return fail(sub, 'bad_reason', 'reason: needs some text after it.');
  if (reason.length > REASON_MAX) {
    return fail(sub, 'bad_reason', `The reason is ${reason.length} characters long; the limit is ${REASON_MAX}.`);
  }
  return ok(reason);
}

/**
 * Parses the text of `/docspace-group` (as Slack sends it, with `&`, `<`, `>` escaped and mentions as `<@U…|name>`).
 * Never throws: every malformed input is an error value with a short plain-text message and the subcommand's usage.
 * Tabs and line breaks count as spaces; other control characters and bidi overrides are rejected.
 */
export function parseCommand(text: string): Result<ParsedCommand, ParseError> {
  const checked = checkText(text);
  if (!checked.ok) return checked;
  const match = /^\s*(\S+)\s*([\s\S]*)$/.exec(checked.value);
  if (match === null) return ok({ kind: 'open_menu' });
  const word = match[1] ?? '';
  const rest = match[2] ?? '';
  const sub = SUBCOMMANDS.find((candidate) => candidate === word.toLowerCase());
  if (sub === undefined) return err(unknownCommand(word));
  if (sub === 'help') return ok({ kind: 'help' });
  if (sub === 'list') return ok(parseList(rest));
  const tokenized = tokenize(rest);
  if (!tokenized.ok) return fail(sub, 'unbalanced_quote', unclosedQuote(tokenized.error));
  const reason = parseReason(sub, tokenized.value.reason);
  if (!reason.ok) return reason;
  return PARSERS[sub]({ tokens: tokenized.value.tokens, reason: reason.value });
}
