import pg from 'pg';
import { StorageError } from '../errors.js';
import { MIGRATIONS, pendingMigrations } from '../sql/migrations/index.js';
import { describePostgres } from '../url.js';
import { postgresOpenFailed } from './storage.js';

/**
 * Checks, writing nothing, that openPostgresStorage would succeed: the server answers, the credentials and database
 * are right, and the schema is not newer than this code. One short-lived connection, closed before returning.
 */
export async function probePostgres(connectionString: string): Promise<void> {
  const store = `PostgreSQL ${describePostgres(connectionString)}`;
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  // A connection that breaks after connect() emits 'error'; the query below then fails and says so.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw postgresOpenFailed(error, store);
  }
  try {
    pendingMigrations(await schemaVersion(client, store), MIGRATIONS, store);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function schemaVersion(client: pg.Client, store: string): Promise<number> {
  try {
    const table = await client.query<{ present: boolean }>(
      "SELECT to_regclass('schema_migrations') IS NOT NULL AS present",
    );
    if (table.rows[0]?.present !== true) return 0;
    const result = await client.query<{ version: number }>(
      'SELECT coalesce(max(version), 0)::integer AS version FROM schema_migrations',
    );
    return result.rows[0]?.version ?? 0;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new StorageError(
      'open_failed',
      store,
      `Cannot read the schema version of ${store}: ${detail}. Check that the user in DATABASE_URL may read it.`,
      { cause: error },
    );
  }
}
