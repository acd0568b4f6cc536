import type { Logger, Storage } from '../domain/index.js';
import { parseDatabaseUrl, resolveSqlitePath } from './url.js';

export { isStorageError, StorageError } from './errors.js';

interface StorageOptions {
  /** undefined or blank -> SQLite file ./data/docspace-bot.sqlite; sqlite:<path>; postgres:// or postgresql://. */
  readonly databaseUrl: string | undefined;
  readonly logger: Logger;
  /** Base for relative SQLite paths; defaults to process.cwd(). */
  readonly cwd?: string;
}

/**
 * Opens the store DATABASE_URL names, applies pending migrations and returns the repositories.
 * Throws StorageError: invalid_url, open_failed, migration_failed or schema_too_new (nothing half-written).
 */
export async function createStorage(options: StorageOptions): Promise<Storage> {
  const target = parseDatabaseUrl(options.databaseUrl);
  // Each driver is loaded only when used: a SQLite deployment never loads pg, and the reverse.
  if (target.kind === 'postgres') {
    const { openPostgresStorage } = await import('./postgres/storage.js');
    return openPostgresStorage({ connectionString: target.connectionString, logger: options.logger });
  }
  const path = resolveSqlitePath(target.path, options.cwd ?? process.cwd());
  const { openSqliteStorage } = await import('./sqlite/storage.js');
  return openSqliteStorage({ path, logger: options.logger });
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
