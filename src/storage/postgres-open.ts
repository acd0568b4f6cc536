import pg from 'pg';
import type { Logger } from '../domain/index.js';
import { driverErrorCode, StorageError } from './errors.js';

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
    throw new StorageError('open_failed', store, `Cannot open ${store}: ${explain(error)}`, {
      cause: error,
    });
  }
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
