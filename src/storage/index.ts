import type { Logger, Storage } from '../domain/index.js';
import { parseDatabaseUrl, resolveSqlitePath } from './url.js';

export { isStorageError, StorageError } from './errors.js';
export { backupStore, pruneAuditLog } from './maintenance.js';

interface StorageOptions {
  /** undefined or blank -> SQLite file ./data/docspace-bot.sqlite; sqlite:<path>; postgres:// or postgresql://. */
  readonly databaseUrl: string | undefined;
  readonly logger: Logger;
  /** Base for relative SQLite paths; defaults to process.cwd(). */
  readonly cwd?: string;
  /**
   * true: open only a store that already holds the bot's tables (what the command-line tools need): never create a
   * SQLite file or its directory, nor the tables in an empty database; throws StorageError not_found instead.
   * Pending migrations are still applied, as the bot would at its next start.
   */
  readonly existingOnly?: boolean;
}

/**
 * Opens the store DATABASE_URL names, applies pending migrations and returns the repositories.
 * Throws StorageError: invalid_url, not_found (existingOnly), open_failed, migration_failed or schema_too_new
 * (nothing half-written).
 */
export async function createStorage(options: StorageOptions): Promise<Storage> {
  const target = parseDatabaseUrl(options.databaseUrl);
  const existingOnly = options.existingOnly ?? false;
  // Each driver is loaded only when used: a SQLite deployment never loads pg, and the reverse.
  if (target.kind === 'postgres') {
    const { openPostgresStorage } = await import('./postgres/storage.js');
    return openPostgresStorage({ connectionString: target.connectionString, logger: options.logger, existingOnly });
  }
  const path = resolveSqlitePath(target.path, options.cwd ?? process.cwd());
  const { openSqliteStorage } = await import('./sqlite/storage.js');
  return openSqliteStorage({ path, logger: options.logger, existingOnly });
}

/**
 * Checks, writing nothing, that createStorage would succeed with these options (the store opens, the schema is not
 * newer than this code, a SQLite file can be created or written). Throws the StorageError createStorage would throw.
 */
export async function probeStorage(options: Omit<StorageOptions, 'logger'>): Promise<void> {
  const target = parseDatabaseUrl(options.databaseUrl);
  if (target.kind === 'postgres') {
    const { probePostgres } = await import('./postgres/probe.js');
    return probePostgres(target.connectionString);
  }
  const { probeSqlite } = await import('./sqlite/probe.js');
  probeSqlite(resolveSqlitePath(target.path, options.cwd ?? process.cwd()));
}
