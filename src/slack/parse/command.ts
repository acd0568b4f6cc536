import type { GroupRef, LinkTarget, SlackUserId, UserRef } from '../../domain/index.js';
import { err, ok, REASON_MAX, type Result } from '../../domain/index.js';
import { decodeSlackEntities } from '../escape.js';
import { COMMAND } from '../ids.js';
import { echo } from './refs.js';
import { parseReview, type ReviewCommand } from './review.js';
import {
  parseAudit,
  parseCreate,
  parseDelete,
  parseGrants,
  parseLink,
  parseList,
  parseManager,
  parseMappings,
  parseMembership,
  parseNoArguments,
  parseRename,
  parseRequests,
  parseShow,
  parseUnlink,
  refuseDuration,
} from './subcommands.js';
import { checkText, type Token, tokenize, type UnclosedQuote } from './tokens.js';
import { fail, MUTATING_SUBCOMMANDS, SUBCOMMANDS, type Subcommand, suggestSubcommand, usageLine } from './usage.js';

export type ParsedCommand =
  | { kind: 'help' }
  | { kind: 'open_menu' }
  | { kind: 'open_modal'; modal: 'create' | 'manager' }
  | { kind: 'create'; name: string; manager: UserRef | null; members: UserRef[]; reason: string | null }
  | { kind: 'manager'; group: GroupRef; user: UserRef; reason: string | null; duration?: number; now?: true }
  | { kind: 'add'; group: GroupRef; users: UserRef[]; reason: string | null; duration?: number }
  | { kind: 'remove'; group: GroupRef; users: UserRef[]; reason: string | null }
  | { kind: 'rename'; group: GroupRef; name: string; reason: string | null }
  | { kind: 'delete'; group: GroupRef; reason: string | null }
  | { kind: 'show'; group: GroupRef }
  | { kind: 'list'; filter: string | null }
  | { kind: 'whoami' }
  | { kind: 'link'; user: SlackUserId; target: LinkTarget }
  | { kind: 'unlink'; user: SlackUserId }
  | { kind: 'mappings'; user: SlackUserId | null }
  | { kind: 'requests'; page: number }
  | { kind: 'audit'; group: GroupRef | null }
  | { kind: 'grants' }
  | { kind: 'review'; review: ReviewCommand };

export type ParseErrorCode =
  | 'unknown_command'
  | 'missing_argument'
  | 'unexpected_argument'
  | 'bad_user'
  | 'bad_group'
  | 'bad_name'
  | 'unbalanced_quote'
  | 'too_long'
  | 'bad_reason'
  | 'control_characters'
  | 'bad_duration';

/** Plain text (the caller escapes it for mrkdwn); says what was expected and, for a subcommand, its usage line. */
export type ParseError = { code: ParseErrorCode; message: string };

/** What is wrong with one argument; the subcommand parser turns it into a ParseError with its usage line. */
export type Problem = { readonly code: ParseErrorCode; readonly problem: string };

/** What a subcommand parser gets: the tokens after the subcommand and the already checked reason. */
export interface CommandArgs {
  readonly tokens: readonly Token[];
  readonly reason: string | null;
}

export type CommandResult = Result<ParsedCommand, ParseError>;

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
  requests: parseRequests,
  audit: parseAudit,
  grants: parseGrants,
  review: parseReview,
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
  const args = { tokens: tokenized.value.tokens, reason: reason.value };
  const refused = sub === 'add' || sub === 'manager' ? null : refuseDuration(sub, args.tokens);
  return refused ?? PARSERS[sub](args);
}
