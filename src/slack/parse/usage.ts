import { type Err, editDistance, err } from '../../domain/index.js';
import { COMMAND } from '../ids.js';
import type { ParseError, ParseErrorCode, Problem } from './command.js';

export const SUBCOMMANDS = [
  'help',
  'create',
  'manager',
  'add',
  'remove',
  'rename',
  'delete',
  'show',
  'list',
  'whoami',
  'link',
  'unlink',
  'mappings',
  'requests',
  'audit',
  'grants',
  'review',
] as const;

export type Subcommand = (typeof SUBCOMMANDS)[number];

/** Subcommands that change DocSpace; only these accept a trailing `reason: …`. */
export const MUTATING_SUBCOMMANDS: ReadonlySet<Subcommand> = new Set<Subcommand>([
  'create',
  'manager',
  'add',
  'remove',
  'rename',
  'delete',
]);

export interface SubcommandHelp {
  /** Arguments after the subcommand, in the help grammar (`<…>` placeholders, `[…]` optional). */
  readonly args: string;
  readonly summary: string;
  readonly adminOnly: boolean;
}

export const SUBCOMMAND_HELP: Readonly<Record<Subcommand, SubcommandHelp>> = {
  help: { args: '', summary: 'Show this help.', adminOnly: false },
  create: {
    args: '"<name>" [manager @user] [members @user @user ...]',
    summary: 'Create a group, optionally with a manager and members.',
    adminOnly: false,
  },
  manager: {
    args: '"<group>" @user [now | for <duration>]',
    summary:
      "Reassign the group's manager; with for 3d, an acting manager until the previous one is restored (`now`: an admin gives a group with no manager one without acceptance).",
    adminOnly: false,
  },
  add: {
    args: '"<group>" @user [@user ...] [for <duration>]',
    summary: 'Add people to a group; with for 30m, 8h, 3d or 2w, until the bot removes them by itself.',
    adminOnly: false,
  },
  remove: { args: '"<group>" @user [@user ...]', summary: 'Remove people from a group.', adminOnly: false },
  rename: { args: '"<group>" "<new name>"', summary: 'Rename a group.', adminOnly: false },
  delete: { args: '"<group>"', summary: 'Delete a group.', adminOnly: false },
  show: { args: '"<group>"', summary: 'Show a group with its manager and members.', adminOnly: false },
  list: { args: '[filter]', summary: 'List groups, or only those whose name contains the filter.', adminOnly: false },
  whoami: { args: '', summary: 'Show the DocSpace account your Slack account is linked to.', adminOnly: false },
  link: {
    args: '@user <email | DocSpace user id>',
    summary: 'Link a Slack user to a DocSpace account.',
    adminOnly: true,
  },
  unlink: { args: '@user', summary: "Remove a Slack user's DocSpace link.", adminOnly: true },
  mappings: { args: '[@user]', summary: "List Slack-to-DocSpace links, or one user's link.", adminOnly: true },
  requests: {
    args: '[page <n>]',
    summary: 'Show pending change requests, oldest first, 25 a page (approvers can approve or deny them here).',
    adminOnly: false,
  },
  audit: { args: '["<group>"]', summary: 'Show the audit log, for all groups or for one.', adminOnly: true },
  grants: {
    args: '',
    summary: 'Show your time-bound access (all of it, for admins), with Renew and End now.',
    adminOnly: false,
  },
  review: {
    args: '"<group>" [@reviewer] | all | status | cancel <id>',
    summary:
      'Start an access review of a group (its manager confirms who still belongs), of every group, or see reviews.',
    adminOnly: false,
  },
};

/** `/docspace-group add "<group>" @user [@user ...]`, without the reason suffix. */
export function usageLine(sub: Subcommand): string {
  const { args } = SUBCOMMAND_HELP[sub];
  return args === '' ? `${COMMAND} ${sub}` : `${COMMAND} ${sub} ${args}`;
}

/** An error for one subcommand: the problem, then that subcommand's usage line. */
export function failUsage(sub: Subcommand, problem: Problem): Err<ParseError> {
  const reason = MUTATING_SUBCOMMANDS.has(sub) ? ' [reason: text]' : '';
  return err({ code: problem.code, message: `${problem.problem} Usage: ${usageLine(sub)}${reason}` });
}

export function fail(sub: Subcommand, code: ParseErrorCode, problem: string): Err<ParseError> {
  return failUsage(sub, { code, problem });
}

const MAX_DISTANCE = 2;
const MAX_WORD = 20;

/**
 * The subcommand the user probably meant: the only one the word is a prefix of, else the Levenshtein-closest one
 * within distance 2 (first in SUBCOMMANDS order on a tie). Null when nothing is close, so we never suggest nonsense.
 */
export function suggestSubcommand(word: string): Subcommand | null {
  const typed = word.toLowerCase();
  if (typed.length === 0 || typed.length > MAX_WORD) return null;
  const prefixed = SUBCOMMANDS.filter((sub) => typed.length >= 2 && sub.startsWith(typed));
  if (prefixed.length === 1) return prefixed[0] ?? null;
  let best: Subcommand | null = null;
  let bestDistance = MAX_DISTANCE + 1;
  for (const sub of SUBCOMMANDS) {
    const distance = editDistance(typed, sub, MAX_DISTANCE);
    if (distance < bestDistance) {
      best = sub;
      bestDistance = distance;
    }
  }
  return best;
}
