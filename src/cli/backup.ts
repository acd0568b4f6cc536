#!/usr/bin/env node
import { backupStore } from '../storage/index.js';
import { isEntryPoint, loadDotEnv, stderrLine, stdoutLine } from './process.js';

// `npm run -s backup -- <file>` (in the container: node dist/cli/backup.js <file>): an online backup of the SQLite
// store, safe while the bot runs. PostgreSQL is backed up with pg_dump instead.

const BACKUP_USAGE = [
  'Usage: npm run -s backup -- <file>',
  '',
  "Copies the SQLite store DATABASE_URL names (unset: ./data/docspace-bot.sqlite) into <file> with SQLite's",
  'online backup: a consistent copy taken while the bot keeps running. <file> is replaced only once the copy is',
  'complete and checked; it is one self-contained file. To restore: stop the bot, copy it back over the database',
  'file (and remove any -wal and -shm files beside it), start the bot. For PostgreSQL use pg_dump.',
].join('\n');

type BackupCommand =
  | { readonly kind: 'backup'; readonly destination: string }
  | { readonly kind: 'help' }
  | { readonly kind: 'usage_error'; readonly message: string };

export interface BackupCliDeps {
  readonly databaseUrl: string | undefined;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Base for relative paths; defaults to process.cwd(). */
  readonly cwd?: string;
}

export function parseBackupArgs(argv: readonly string[]): BackupCommand {
  const [first, ...rest] = argv;
  if (first === undefined) return { kind: 'usage_error', message: 'Missing the backup file.' };
  if (first === 'help' || first === '--help' || first === '-h') return { kind: 'help' };
  if (rest.length > 0) return { kind: 'usage_error', message: `Unexpected arguments: ${rest.join(' ')}` };
  if (first.startsWith('-')) return { kind: 'usage_error', message: `Unknown option: ${first}` };
  return { kind: 'backup', destination: first };
}

/** Runs the backup; returns the exit code (2 for a usage error, 1 when the backup fails). */
export async function runBackupCli(argv: readonly string[], deps: BackupCliDeps): Promise<number> {
  const command = parseBackupArgs(argv);
  if (command.kind === 'help') {
    deps.out(BACKUP_USAGE);
    return 0;
  }
  if (command.kind === 'usage_error') {
    deps.err(command.message);
    deps.err(BACKUP_USAGE);
    return 2;
  }
  try {
    const result = await backupStore({
      databaseUrl: deps.databaseUrl,
      destination: command.destination,
      ...(deps.cwd === undefined ? {} : { cwd: deps.cwd }),
    });
    deps.out(`Backed up ${result.source} to ${result.destination} (${result.pages} pages).`);
    return 0;
  } catch (error) {
    deps.err(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (isEntryPoint(import.meta.url)) {
  // Like the bot: .env in the current folder is read when present (variables already set win).
  loadDotEnv();
  process.exitCode = await runBackupCli(process.argv.slice(2), {
    databaseUrl: process.env['DATABASE_URL'],
    out: stdoutLine,
    err: stderrLine,
  });
}
