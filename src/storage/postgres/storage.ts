import pg from 'pg';
import type { Logger, Storage } from '../../domain/index.js';
import { driverErrorCode, StorageError } from '../errors.js';
import {
  MIGRATIONS,
  type Migration,
  migrationFailed,
  noBotTables,
  pendingMigrations,
} from '../sql/migrations/index.js';
import { describePostgres } from '../url.js';
import { createPostgresGrants } from './grants.js';
import { createPostgresHandovers } from './handovers.js';
import { createPostgresHomes } from './homes.js';
import { createPostgresDeliveries, createPostgresNames } from './names.js';
import { createPostgresAlerts } from './queue.js';
import { createPostgresAudit, createPostgresContext, createPostgresMappings, createPostgresRequests } from './repos.js';
import { createPostgresReviews } from './reviews.js';
import { createPostgresUndo } from './undo.js';

// The PostgreSQL store: connect a pool, apply the migrations (one replica at a time), hand the pool to repos.ts.

interface PostgresStorageOptions {
  readonly connectionString: string;
  readonly logger: Logger;
  /** Only a database that already holds the bot's tables (see StorageOptions.existingOnly). */
  readonly existingOnly?: boolean;
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
      // A database that does not exist fails to connect (3D000) above; an existing one without our tables stops here.
      if (options.existingOnly && !(await hasMigrationsTable(client))) throw noBotTables(store);
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
    names: createPostgresNames(ctx),
    deliveries: createPostgresDeliveries(ctx),
    alerts: createPostgresAlerts(ctx),
    grants: createPostgresGrants(ctx),
    undo: createPostgresUndo(ctx),
    handovers: createPostgresHandovers(ctx),
    homes: createPostgresHomes(ctx),
    reviews: createPostgresReviews(ctx),
    async ping() {
      await ctx.query('ping', 'SELECT 1', []);
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** A pool whose idle-connection errors are logged instead of crashing the process. */
export function createPool(connectionString: string, store: string, logger: Logger): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000 });
  pool.on('error', (error) => logger.error({ err: error, store }, 'idle PostgreSQL connection failed'));
  return pool;
}

/** The first connection: proves the server, credentials and database are right, or fails with open_failed. */
export async function connectFirst(pool: pg.Pool, store: string): Promise<pg.PoolClient> {
  try {
    return await pool.connect();
  } catch (error) {
    throw postgresOpenFailed(error, store);
  }
}

export function postgresOpenFailed(error: unknown, store: string): StorageError {
  return new StorageError('open_failed', store, `Cannot open ${store}: ${explain(error)}`, { cause: error });
}

function explain(error: unknown): string {
  const code = driverErrorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ECONNREFUSED':
      return `the connection was refused (${detail}). Start PostgreSQL, or fix the host and port in DATABASE_URL.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host name does not resolve (${detail}). Fix the host in DATABASE_URL.`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `the server cannot be reached (${detail}). Check the host, port and firewall.`;
    case '3D000':
      return `${detail}. Create it (createdb <name>) or fix the database name in DATABASE_URL.`;
    case '28P01':
    case '28000':
      return `${detail}. Check the user and password in DATABASE_URL and pg_hba.conf.`;
    case '57P03':
      return `the server is starting up or shutting down (${detail}). Retry in a moment.`;
    default:
      if (/timeout/i.test(detail)) return `the connection timed out (${detail}). Check the host, port and firewall.`;
      return `${detail}. Check DATABASE_URL and that PostgreSQL is reachable.`;
  }
}

/** In the connection's search_path, like every query of the bot. */
async function hasMigrationsTable(client: pg.PoolClient): Promise<boolean> {
  const result = await client.query<{ found: string | null }>("SELECT to_regclass('schema_migrations')::text AS found");
  return result.rows[0]?.found != null;
}

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

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
    await client.query(MIGRATIONS_TABLE);
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
