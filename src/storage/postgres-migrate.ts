import type pg from 'pg';
import type { Logger } from '../domain/index.js';
import { type Migration, migrationFailed, POSTGRES_MIGRATIONS_TABLE, pendingMigrations } from './migrations.js';

// Namespace for the migration advisory lock; the second key is the schema, so separate schemas migrate in parallel.
const LOCK_NAMESPACE = 728_401;

/**
 * Applies pending migrations in one transaction, serialised across replicas by a transaction-scoped advisory lock:
 * the first replica migrates, the others wait, then find nothing to do. A failure rolls everything back.
 */
export async function migratePostgres(
  client: pg.PoolClient,
  store: string,
  migrations: readonly Migration[],
  logger: Logger,
): Promise<number> {
  let step: Migration | null = null;
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock($1, hashtext(coalesce(current_schema(), '')))", [LOCK_NAMESPACE]);
    await client.query(POSTGRES_MIGRATIONS_TABLE);
    const result = await client.query<{ version: number }>(
      'SELECT coalesce(max(version), 0)::integer AS version FROM schema_migrations',
    );
    const current = result.rows[0]?.version ?? 0;
    const pending = pendingMigrations(current, migrations, store);
    for (const migration of pending) {
      step = migration;
      await client.query(migration.postgres);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    }
    await client.query('COMMIT');
    for (const m of pending) logger.info({ store, version: m.version, name: m.name }, 'applied migration');
    return pending.at(-1)?.version ?? current;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw migrationFailed(store, step, error);
  }
}
