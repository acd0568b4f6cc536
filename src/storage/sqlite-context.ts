import type Database from 'better-sqlite3';
import { closedError, toQueryError } from './errors.js';
import type { SqlValue } from './rows.js';

export type SqliteValue = string | number | null;

/** What the SQLite repositories share: the connection, cached statements and the error edge. */
export interface SqliteContext {
  readonly db: Database.Database;
  readonly store: string;
  /** Prepared once per SQL text. */
  statement(sql: string): Database.Statement<SqliteValue[], unknown>;
  /** Runs synchronous driver work as a promise; driver errors become StorageError query_failed, once. */
  run<T>(operation: string, work: () => T): Promise<T>;
}

export function createSqliteContext(db: Database.Database, store: string): SqliteContext {
  const cache = new Map<string, Database.Statement<SqliteValue[], unknown>>();
  return {
    db,
    store,
    statement(sql) {
      let statement = cache.get(sql);
      if (statement === undefined) {
        statement = db.prepare<SqliteValue[], unknown>(sql);
        cache.set(sql, statement);
      }
      return statement;
    },
    async run(operation, work) {
      if (!db.open) throw closedError(store, operation);
      try {
        return work();
      } catch (error) {
        throw toQueryError(error, store, operation);
      }
    },
  };
}

/** SQLite binds no Date: dates go in as ISO-8601 UTC text, which sorts like the instant. */
export function sqliteValues(values: readonly SqlValue[]): SqliteValue[] {
  return values.map((v) => (v instanceof Date ? v.toISOString() : v));
}
