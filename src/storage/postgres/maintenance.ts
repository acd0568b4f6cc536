import type { Logger } from '../../domain/index.js';
import { StorageError, toQueryError } from '../errors.js';
import { MIGRATIONS } from '../sql/migrations/index.js';
import { describePostgres } from '../url.js';
import { connectFirst, createPool, migratePostgres } from './storage.js';

// Operator commands on a PostgreSQL store: the audit retention prune (backups are pg_dump's job).

/**
 * Counts, and unless `dryRun` removes, the audit entries older than `before`. The audit table refuses deletes by a
 * trigger; this one deliberate path disables it inside a single transaction (ALTER TABLE takes a lock that holds off
 * the bot's inserts until COMMIT, and other sessions never see the trigger disabled). It needs the role that owns the
 * table, the one the bot migrates with.
 */
export async function prunePostgresAudit(
  connectionString: string,
  before: Date,
  dryRun: boolean,
  logger: Logger,
): Promise<number> {
  const store = `PostgreSQL ${describePostgres(connectionString)}`;
  const pool = createPool(connectionString, store, logger);
  try {
    const client = await connectFirst(pool, store);
    try {
      const tables = await client.query<{ found: string | null }>(
        "SELECT to_regclass('schema_migrations')::text AS found",
      );
      if (tables.rows[0]?.found == null) {
        throw new StorageError(
          'open_failed',
          store,
          `${store} holds no bot tables (no schema_migrations): check DATABASE_URL; the bot creates them at start.`,
        );
      }
      await migratePostgres(client, store, MIGRATIONS, logger);
      try {
        await client.query('BEGIN');
        const count = await client.query<{ n: number }>('SELECT count(*)::integer AS n FROM audit_log WHERE at < $1', [
          before,
        ]);
        const n = count.rows[0]?.n ?? 0;
        if (dryRun || n === 0) {
          await client.query('ROLLBACK');
          return n;
        }
        await client.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change');
        const removed = await client.query('DELETE FROM audit_log WHERE at < $1', [before]);
        await client.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change');
        await client.query('COMMIT');
        return removed.rowCount ?? 0;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw toQueryError(error, store, 'audit prune');
      }
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
}
