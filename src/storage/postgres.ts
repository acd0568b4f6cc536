import type { Logger, Storage } from '../domain/index.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { createPostgresAudit } from './postgres-audit.js';
import { createPostgresContext } from './postgres-context.js';
import { createPostgresMappings } from './postgres-mappings.js';
import { migratePostgres } from './postgres-migrate.js';
import { connectFirst, createPool } from './postgres-open.js';
import { createPostgresRequests } from './postgres-requests.js';
import { describePostgres } from './url.js';

export interface PostgresStorageOptions {
  readonly connectionString: string;
  readonly logger: Logger;
  /** Tests only: a different migration list. */
  readonly migrations?: readonly Migration[];
}

/** Connects a pool, applies migrations (one replica at a time) and returns the repositories. */
export async function openPostgresStorage(options: PostgresStorageOptions): Promise<Storage> {
  const store = `PostgreSQL ${describePostgres(options.connectionString)}`;
  const pool = createPool(options.connectionString, store, options.logger);
  let version: number;
  try {
    const client = await connectFirst(pool, store);
    try {
      version = await migratePostgres(client, store, options.migrations ?? MIGRATIONS, options.logger);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  options.logger.info({ store, schemaVersion: version }, 'storage opened');
  let closed = false;
  const ctx = createPostgresContext(pool, store, () => closed);
  return {
    kind: 'postgres',
    mappings: createPostgresMappings(ctx),
    requests: createPostgresRequests(ctx),
    audit: createPostgresAudit(ctx),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
