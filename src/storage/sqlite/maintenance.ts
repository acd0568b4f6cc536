import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../../domain/index.js';
import { StorageError, toQueryError } from '../errors.js';
import { MIGRATIONS } from '../sql/migrations/index.js';
import { migrateSqlite, openSqliteDatabase } from './storage.js';

// Operator commands on a SQLite store, safe while the bot runs: an online backup and the audit retention prune.

/**
 * Copies the database at `source` to `destination` with SQLite's online backup API (better-sqlite3's db.backup()):
 * a consistent snapshot that includes what is still in the -wal file, taken while the bot keeps reading and writing.
 * It is written beside the destination first and renamed into place once complete and checked, so a destination
 * never holds half a backup. The copy is a single self-contained file (journal_mode DELETE): copy it back to restore.
 */
export async function backupSqliteFile(source: string, destination: string): Promise<{ pages: number }> {
  const store = `SQLite file ${source}`;
  if (destination === source) {
    throw new StorageError(
      'unsupported',
      store,
      `The backup file ${destination} is the database itself; name another.`,
    );
  }
  const db = openExisting(source, store);
  const partial = `${destination}.partial-${process.pid}`;
  try {
    mkdirSync(dirname(destination), { recursive: true });
    const { totalPages } = await db.backup(partial);
    const copy = new Database(partial);
    try {
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy failed its integrity check (${String(check)})`);
    } finally {
      copy.close();
    }
    renameSync(partial, destination);
    return { pages: totalPages };
  } catch (error) {
    rmSync(partial, { force: true });
    throw toQueryError(error, store, `backup to ${destination}`);
  } finally {
    db.close();
  }
}

/**
 * Counts, and unless `dryRun` removes, the audit entries older than `before`. The audit table refuses deletes by a
 * trigger; this one deliberate path lifts it inside a single IMMEDIATE transaction (drop the trigger, delete,
 * recreate it from its own stored SQL), so no other connection ever sees the table without it.
 */
export function pruneSqliteAudit(path: string, before: Date, dryRun: boolean, logger: Logger): number {
  const store = `SQLite file ${path}`;
  const db = openExisting(path, store);
  try {
    migrateSqlite(db, store, MIGRATIONS, logger);
    const cutoff = before.toISOString();
    const prune = db.transaction((): number => {
      const count = db.prepare('SELECT count(*) AS n FROM audit_log WHERE at < ?').get(cutoff) as { n: number };
      if (dryRun || count.n === 0) return count.n;
      const trigger = db
        .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_log_no_delete'")
        .get() as { sql: string } | undefined;
      if (trigger === undefined) throw new Error('the audit_log_no_delete trigger is missing');
      db.exec('DROP TRIGGER audit_log_no_delete');
      const removed = db.prepare('DELETE FROM audit_log WHERE at < ?').run(cutoff).changes;
      db.exec(trigger.sql);
      return removed;
    });
    try {
      return prune.immediate();
    } catch (error) {
      throw toQueryError(error, store, 'audit prune');
    }
  } finally {
    db.close();
  }
}

/** Opens a database that must already exist: a maintenance command never creates an empty store. */
function openExisting(path: string, store: string): Database.Database {
  if (!existsSync(path)) {
    throw new StorageError(
      'open_failed',
      store,
      `Cannot open ${store}: it does not exist. Check DATABASE_URL (unset means ./data/docspace-bot.sqlite under ` +
        'the current folder) and run the command where the bot runs.',
    );
  }
  return openSqliteDatabase(path, store);
}
