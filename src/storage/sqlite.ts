import type { Logger, Storage } from '../domain/index.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { createSqliteAudit } from './sqlite-audit.js';
import { createSqliteContext } from './sqlite-context.js';
import { createSqliteMappings } from './sqlite-mappings.js';
import { migrateSqlite } from './sqlite-migrate.js';
import { openSqliteDatabase } from './sqlite-open.js';
import { createSqliteRequests } from './sqlite-requests.js';
import { SQLITE_MEMORY } from './url.js';

export interface SqliteStorageOptions {
  /** An absolute file path, or :memory:. */
  readonly path: string;
  readonly logger: Logger;
  /** Tests only: a different migration list. */
  readonly migrations?: readonly Migration[];
}

/** Opens the SQLite store, applies migrations and returns the repositories (better-sqlite3 is synchronous). */
export async function openSqliteStorage(options: SqliteStorageOptions): Promise<Storage> {
  const store = options.path === SQLITE_MEMORY ? 'SQLite in-memory database' : `SQLite file ${options.path}`;
  const db = openSqliteDatabase(options.path, store);
  let version: number;
  try {
    version = migrateSqlite(db, store, options.migrations ?? MIGRATIONS, options.logger);
  } catch (error) {
    db.close();
    throw error;
  }
  options.logger.info({ store, schemaVersion: version }, 'storage opened');
  const ctx = createSqliteContext(db, store);
  return {
    kind: 'sqlite',
    mappings: createSqliteMappings(ctx),
    requests: createSqliteRequests(ctx),
    audit: createSqliteAudit(ctx),
    async close() {
      if (db.open) db.close();
    },
  };
}
