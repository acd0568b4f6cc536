import pino from 'pino';
import type { Logger } from '../domain/index.js';
import { createLogger } from '../logger.js';
import { pruneAuditLog } from '../storage/index.js';

// `npm run -s audit -- prune --before <date> [--dry-run]`: audit retention, run deliberately by an admin. The bot
// never removes audit entries; this command is the one way to, and it says how many it removed.

const AUDIT_PRUNE_USAGE = [
  'Usage: npm run -s audit -- prune --before <date> [--dry-run]',
  '',
  'Removes the audit entries recorded before <date> from the store DATABASE_URL names, and prints how many.',
  '  --before <date>  YYYY-MM-DD (midnight UTC) or an ISO-8601 time with a zone (2025-01-31T12:00:00Z); not in the future.',
  '  --dry-run        Count the entries it would remove; remove nothing.',
  'Export them first if you must keep them elsewhere: npm run -s audit -- export > audit.jsonl',
].join('\n');

type PruneCommand =
  | { readonly kind: 'prune'; readonly before: Date; readonly dryRun: boolean }
  | { readonly kind: 'help' }
  | { readonly kind: 'usage_error'; readonly message: string };

export interface AuditPruneDeps {
  readonly databaseUrl: string | undefined;
  readonly now: Date;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Storage logs (warnings); defaults to a pino logger on stderr, so stdout carries only the result. */
  readonly logger?: Logger;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A date the operator typed: a calendar day (UTC midnight) or a zoned ISO time; anything else is null. */
export function parseCutoff(value: string): Date | null {
  if (DAY.test(value)) {
    const date = new Date(`${value}T00:00:00.000Z`);
    // new Date normalises 2025-02-30 to March 2: a day that does not exist is refused, not moved.
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? date : null;
  }
  if (!TIME.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Reads the arguments after `prune`. */
export function parsePruneArgs(argv: readonly string[], now: Date): PruneCommand {
  let before: string | undefined;
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h' || arg === 'help') return { kind: 'help' };
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--before') before = argv[++i];
    else if (arg?.startsWith('--before=')) before = arg.slice('--before='.length);
    else return { kind: 'usage_error', message: `Unexpected argument: ${arg}` };
  }
  if (before === undefined) return { kind: 'usage_error', message: 'prune needs --before <date>.' };
  const cutoff = parseCutoff(before);
  if (cutoff === null) {
    return {
      kind: 'usage_error',
      message: `--before ${before} is not a date (YYYY-MM-DD or an ISO-8601 time with a zone).`,
    };
  }
  if (cutoff.getTime() > now.getTime()) {
    return {
      kind: 'usage_error',
      message: `--before ${before} is in the future: it would remove entries being written now. Give a past date.`,
    };
  }
  return { kind: 'prune', before: cutoff, dryRun };
}

/** Runs `audit prune …`; returns the exit code (2 for a usage error, 1 when the store fails). */
export async function runAuditPrune(argv: readonly string[], deps: AuditPruneDeps): Promise<number> {
  const command = parsePruneArgs(argv, deps.now);
  if (command.kind === 'help') {
    deps.out(AUDIT_PRUNE_USAGE);
    return 0;
  }
  if (command.kind === 'usage_error') {
    deps.err(command.message);
    deps.err(AUDIT_PRUNE_USAGE);
    return 2;
  }
  const logger = deps.logger ?? createLogger({ level: 'warn', destination: pino.destination(2) });
  const cutoff = command.before.toISOString();
  try {
    const n = await pruneAuditLog({
      databaseUrl: deps.databaseUrl,
      before: command.before,
      dryRun: command.dryRun,
      logger,
    });
    const entries = n === 1 ? 'entry' : 'entries';
    deps.out(
      command.dryRun
        ? `${n} audit ${entries} recorded before ${cutoff} would be removed (dry run: nothing removed).`
        : `Removed ${n} audit ${entries} recorded before ${cutoff}.`,
    );
    return 0;
  } catch (error) {
    deps.err(`Audit prune failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
