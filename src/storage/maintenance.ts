import type { Logger } from '../domain/index.js';
import { StorageError } from './errors.js';
import { parseDatabaseUrl, resolveSqlitePath, SQLITE_MEMORY } from './url.js';

// Operator commands on the store DATABASE_URL names (the CLIs call these; the bot never does). Each driver is loaded
// only when used, as in createStorage.

interface MaintenanceOptions {
  /** DATABASE_URL: undefined or blank -> ./data/docspace-bot.sqlite; sqlite:<path>; postgres://. */
  readonly databaseUrl: string | undefined;
  /** Base for relative paths; defaults to process.cwd(). */
  readonly cwd?: string;
}

/**
 * An online backup of the SQLite store into `destination` (safe while the bot runs); resolves with the pages copied
 * and the absolute paths. PostgreSQL and in-memory stores are refused with StorageError 'unsupported'.
 */
export async function backupStore(
  options: MaintenanceOptions & { readonly destination: string },
): Promise<{ source: string; destination: string; pages: number }> {
  const cwd = options.cwd ?? process.cwd();
  const target = parseDatabaseUrl(options.databaseUrl);
  if (target.kind === 'postgres') {
    throw new StorageError(
      'unsupported',
      'PostgreSQL',
      'DATABASE_URL names PostgreSQL: back it up with pg_dump (e.g. pg_dump --format=custom), not with this command.',
    );
  }
  if (target.path === SQLITE_MEMORY) {
    throw new StorageError(
      'unsupported',
      'sqlite::memory:',
      'DATABASE_URL names an in-memory store: nothing to back up.',
    );
  }
  const source = resolveSqlitePath(target.path, cwd);
  const destination = resolveSqlitePath(options.destination, cwd);
  const { backupSqliteFile } = await import('./sqlite/maintenance.js');
  const { pages } = await backupSqliteFile(source, destination);
  return { source, destination, pages };
}

/**
 * Audit retention: counts, and unless `dryRun` removes, the audit entries recorded before `before`. The audit table
 * is append-only for the bot; this is the one deliberate way to shorten it. Resolves with the number of entries.
 */
export async function pruneAuditLog(
  options: MaintenanceOptions & { readonly before: Date; readonly dryRun: boolean; readonly logger: Logger },
): Promise<number> {
  const target = parseDatabaseUrl(options.databaseUrl);
  if (target.kind === 'postgres') {
    const { prunePostgresAudit } = await import('./postgres/maintenance.js');
    return prunePostgresAudit(target.connectionString, options.before, options.dryRun, options.logger);
  }
  if (target.path === SQLITE_MEMORY) {
    throw new StorageError(
      'unsupported',
      'sqlite::memory:',
      'DATABASE_URL names an in-memory store: nothing to prune.',
    );
  }
  const { pruneSqliteAudit } = await import('./sqlite/maintenance.js');
  const path = resolveSqlitePath(target.path, options.cwd ?? process.cwd());
  return pruneSqliteAudit(path, options.before, options.dryRun, options.logger);
}
