import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { driverErrorCode, StorageError } from './errors.js';
import { SQLITE_MEMORY } from './url.js';

/** Opens (creating the file and its directory if needed) a SQLite database in WAL mode with foreign keys on. */
export function openSqliteDatabase(path: string, store: string): Database.Database {
  if (path !== SQLITE_MEMORY) createParentDirectory(path, store);
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: 5000 });
  } catch (error) {
    throw sqliteOpenFailed(error, path, store);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    // A file that is not a database only fails on first read: read now, so it fails as open_failed.
    db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
  } catch (error) {
    db.close();
    throw sqliteOpenFailed(error, path, store);
  }
  return db;
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

function sqliteOpenFailed(error: unknown, path: string, store: string): StorageError {
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
