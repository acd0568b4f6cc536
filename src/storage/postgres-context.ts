import type pg from 'pg';
import { closedError, toQueryError } from './errors.js';
import type { SqlValue } from './rows.js';

/** What the PostgreSQL repositories share: the pool and the error edge. */
export interface PostgresContext {
  readonly pool: pg.Pool;
  readonly store: string;
  /** One parameterised statement; driver errors become StorageError query_failed, once. */
  query(operation: string, sql: string, values: readonly SqlValue[]): Promise<unknown[]>;
  /** Like query, but the caller sees the raw driver error (to recognise a unique violation). */
  queryRaw(operation: string, sql: string, values: readonly SqlValue[]): Promise<unknown[]>;
}

export function createPostgresContext(pool: pg.Pool, store: string, isClosed: () => boolean): PostgresContext {
  const queryRaw = async (operation: string, sql: string, values: readonly SqlValue[]): Promise<unknown[]> => {
    if (isClosed()) throw closedError(store, operation);
    const result = await pool.query<Record<string, unknown>>(sql, [...values]);
    return result.rows;
  };
  return {
    pool,
    store,
    queryRaw,
    async query(operation, sql, values) {
      try {
        return await queryRaw(operation, sql, values);
      } catch (error) {
        throw toQueryError(error, store, operation);
      }
    },
  };
}
