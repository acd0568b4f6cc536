import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StorageError } from '../errors.js';
import { MIGRATIONS, pendingMigrations } from '../sql/migrations/index.js';
import { SQLITE_MEMORY } from '../url.js';
import { sqliteOpenFailed } from './storage.js';

/**
 * Checks, writing nothing, that openSqliteStorage would succeed: an existing file is a SQLite database this code can
 * migrate and may write (it is opened, read and closed, which leaves it byte for byte as it was), or a missing file
 * can be created. Start-up runs this beside its other checks and creates or migrates the file only once all passed.
 */
export function probeSqlite(path: string): void {
  if (path === SQLITE_MEMORY) return;
  const store = `SQLite file ${path}`;
  if (!exists(path)) {
    probeCreatable(path, store);
    return;
  }
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true, timeout: 5000 });
  } catch (error) {
    throw sqliteOpenFailed(error, path, store);
  }
  try {
    let version = 0;
    try {
      const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
      if (table !== undefined) {
        const row = db.prepare('SELECT coalesce(max(version), 0) AS version FROM schema_migrations').get();
        version = (row as { version: number }).version;
      }
    } catch (error) {
      throw sqliteOpenFailed(error, path, store);
    }
    pendingMigrations(version, MIGRATIONS, store);
  } finally {
    db.close();
  }
  // SQLite opens a write-protected file read-only without complaint; the migrations would fail later.
  if (!writable(path) || !writable(dirname(path))) throw notWritable(store, path);
}

/** A missing file: its nearest existing ancestor must be a directory the bot may write in. */
function probeCreatable(path: string, store: string): void {
  let directory = dirname(path);
  while (!exists(directory) && dirname(directory) !== directory) directory = dirname(directory);
  if (!statSync(directory).isDirectory()) {
    throw new StorageError(
      'open_failed',
      store,
      `Cannot open ${store}: ${directory} is a file, so the database's directory cannot be created. Move that file ` +
        'away or point DATABASE_URL at another file (sqlite:<path>).',
    );
  }
  if (!writable(directory)) throw notWritable(store, directory);
}

function notWritable(store: string, where: string): StorageError {
  return new StorageError(
    'open_failed',
    store,
    `Cannot open ${store}: the bot may not write ${where} (SQLite also writes -wal and -shm files beside the ` +
      "database). Give the bot's user write access, or point DATABASE_URL at another file (sqlite:<path>).",
  );
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
