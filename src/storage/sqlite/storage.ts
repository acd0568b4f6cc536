import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger, Storage } from '../../domain/index.js';
import { driverErrorCode, StorageError } from '../errors.js';
import {
  MIGRATIONS,
  type Migration,
  migrationFailed,
  noBotTables,
  pendingMigrations,
} from '../sql/migrations/index.js';
import { SQLITE_MEMORY } from '../url.js';
import { createSqliteGrants } from './grants.js';
import { createSqliteHandovers } from './handovers.js';
import { createSqliteHomes } from './homes.js';
import { createSqliteDeliveries, createSqliteNames } from './names.js';
import { createSqliteAlerts } from './queue.js';
import { createSqliteAudit, createSqliteContext, createSqliteMappings, createSqliteRequests } from './repos.js';
import { createSqliteReviews } from './reviews.js';
import { createSqliteUndo } from './undo.js';

// The SQLite store: open the file (WAL, foreign keys), apply the migrations, hand the connection to repos.ts.

interface SqliteStorageOptions {
  /** An absolute file path, or :memory:. */
  readonly path: string;
  readonly logger: Logger;
  /** Only a file that exists and holds the bot's tables (see StorageOptions.existingOnly). */
  readonly existingOnly?: boolean;
  /** Tests only: a different migration list. */
  readonly migrations?: readonly Migration[];
}

/** Opens the SQLite store, applies migrations and returns the repositories (better-sqlite3 is synchronous). */
export async function openSqliteStorage(options: SqliteStorageOptions): Promise<Storage> {
  const store = options.path === SQLITE_MEMORY ? 'SQLite in-memory database' : `SQLite file ${options.path}`;
  const db = openSqliteDatabase(options.path, store, options.existingOnly ?? false);
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
    names: createSqliteNames(ctx),
    deliveries: createSqliteDeliveries(ctx),
    alerts: createSqliteAlerts(ctx),
    grants: createSqliteGrants(ctx),
    undo: createSqliteUndo(ctx),
    handovers: createSqliteHandovers(ctx),
    homes: createSqliteHomes(ctx),
    reviews: createSqliteReviews(ctx),
    ping: () =>
      ctx.run('ping', () => {
        ctx.statement('SELECT 1 FROM schema_migrations LIMIT 1').get();
      }),
    async close() {
      if (db.open) db.close();
    },
  };
}

/**
 * Opens a SQLite database in WAL mode with foreign keys on, creating the file and its directory if needed, or with
 * `existingOnly`, only a file that exists and already holds the bot's tables (then nothing is created or written).
 */
export function openSqliteDatabase(path: string, store: string, existingOnly = false): Database.Database {
  const onDisk = path !== SQLITE_MEMORY;
  if (existingOnly && onDisk && !existsSync(path)) {
    throw new StorageError(
      'not_found',
      store,
      `There is no database at ${path}. Check DATABASE_URL (unset: ./data/docspace-bot.sqlite, relative to the ` +
        'current directory); the bot creates the file when it first starts with it. Nothing was created.',
    );
  }
  if (onDisk && !existingOnly) createParentDirectory(path, store);
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: 5000, fileMustExist: existingOnly && onDisk });
  } catch (error) {
    throw sqliteOpenFailed(error, path, store);
  }
  try {
    // Before any pragma: switching an empty file to WAL would already write to it.
    if (existingOnly && !hasMigrationsTable(db)) throw noBotTables(store);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    // A file that is not a database only fails on first read: read now, so it fails as open_failed.
    db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
  } catch (error) {
    db.close();
    throw error instanceof StorageError ? error : sqliteOpenFailed(error, path, store);
  }
  return db;
}

function hasMigrationsTable(db: Database.Database): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined
  );
}

function createParentDirectory(path: string, store: string): void {
  const directory = dirname(path);
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StorageError(
      'open_failed',
      store,
      `Cannot open ${store}: its directory ${directory} cannot be created (${reason}). ` +
        'Check that no file is in the way and that the bot may write there, or point DATABASE_URL at another file ' +
        '(sqlite:<path>).',
      { cause: error },
    );
  }
}

export function sqliteOpenFailed(error: unknown, path: string, store: string): StorageError {
  return new StorageError('open_failed', store, `Cannot open ${store}: ${explain(error, path)}`, { cause: error });
}

function explain(error: unknown, path: string): string {
  const code = driverErrorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (isDirectory(path)) {
    return 'it is a directory, not a database file. Point DATABASE_URL at a file, e.g. sqlite:./data/docspace-bot.sqlite.';
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return (
      `it is not a SQLite database or it is corrupt (${detail}). Restore it from a backup, move it aside to start ` +
      'with an empty store, or point DATABASE_URL at another file.'
    );
  }
  if (code?.startsWith('SQLITE_CANTOPEN') || code?.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM') {
    return (
      `SQLite cannot open or create it (${detail}). Check that the bot's user may read and write the file and its ` +
      'directory (SQLite also writes -wal and -shm files beside it), or point DATABASE_URL at another file.'
    );
  }
  return `${detail}. Check the path in DATABASE_URL and the file's permissions.`;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

/**
 * Applies pending migrations in one IMMEDIATE transaction (it takes the write lock first, so a second bot process on
 * the same file waits, then finds nothing to do). A failure rolls everything back. Returns the schema version.
 */
export function migrateSqlite(
  db: Database.Database,
  store: string,
  migrations: readonly Migration[],
  logger: Logger,
): number {
  let step: Migration | null = null;
  const apply = db.transaction((): { version: number; applied: Migration[] } => {
    db.exec(MIGRATIONS_TABLE);
    const row = db.prepare('SELECT coalesce(max(version), 0) AS version FROM schema_migrations').get() as {
      version: number;
    };
    const pending = pendingMigrations(row.version, migrations, store);
    const record = db.prepare(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
    );
    for (const migration of pending) {
      step = migration;
      db.exec(migration.sqlite);
      record.run(migration.version, migration.name);
    }
    return { version: pending.at(-1)?.version ?? row.version, applied: pending };
  });
  try {
    const result = apply.immediate();
    for (const m of result.applied) logger.info({ store, version: m.version, name: m.name }, 'applied migration');
    return result.version;
  } catch (error) {
    throw migrationFailed(store, step, error);
  }
}
