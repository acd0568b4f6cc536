import type { GroupRef, LinkTarget, Result, SlackUserId, UserRef } from '../domain/index.js';
import type { Token } from './parse-tokens.js';

export type { GroupRef, LinkTarget, UserRef } from '../domain/index.js';

export type ParsedCommand =
  | { kind: 'help' }
  | { kind: 'open_menu' }
  | { kind: 'open_modal'; modal: 'create' | 'manager' }
  | { kind: 'create'; name: string; manager: UserRef | null; members: UserRef[]; reason: string | null }
  | { kind: 'manager'; group: GroupRef; user: UserRef; reason: string | null }
  | { kind: 'add'; group: GroupRef; users: UserRef[]; reason: string | null }
  | { kind: 'remove'; group: GroupRef; users: UserRef[]; reason: string | null }
  | { kind: 'rename'; group: GroupRef; name: string; reason: string | null }
  | { kind: 'delete'; group: GroupRef; reason: string | null }
  | { kind: 'show'; group: GroupRef }
  | { kind: 'list'; filter: string | null }
  | { kind: 'whoami' }
  | { kind: 'link'; user: SlackUserId; target: LinkTarget }
  | { kind: 'unlink'; user: SlackUserId }
  | { kind: 'mappings'; user: SlackUserId | null }
  | { kind: 'requests' }
  | { kind: 'audit'; group: GroupRef | null };

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
  | 'control_characters';

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
