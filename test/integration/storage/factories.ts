import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { onTestFinished } from 'vitest';
import type { Logger, Storage } from '../../../src/domain/ports.js';
import { createStorage } from '../../../src/storage/index.js';
import { createMemoryStorage } from '../../helpers/memory-storage.js';

export interface StorageHandle {
  readonly storage: Storage;
  /** Closes the store and removes what the factory created (temp files, the PostgreSQL schema). */
  cleanup(): Promise<void>;
  /** A second, independent store on the same data (a new connection or pool); absent for memory. */
  reopen?: () => Promise<Storage>;
}

export type StorageFactory = () => Promise<StorageHandle>;

export interface LogRecord {
  readonly level: 'info' | 'warn' | 'error' | 'debug';
  readonly obj: object;
  readonly msg: string | undefined;
}

/** A Logger that keeps what it is told, so tests stay quiet and can look at it. */
export function createTestLogger(): Logger & { readonly records: LogRecord[] } {
  const records: LogRecord[] = [];
  const log = (level: LogRecord['level']) => (obj: object, msg?: string) => {
    records.push({ level, obj, msg });
  };
  return { records, info: log('info'), warn: log('warn'), error: log('error'), debug: log('debug') };
}

/** Runs a factory and registers its cleanup for the end of the current test. */
export async function openForTest(factory: StorageFactory): Promise<StorageHandle> {
  const handle = await factory();
  onTestFinished(() => handle.cleanup());
  return handle;
}

export const memoryFactory: StorageFactory = async () => {
  const storage = createMemoryStorage();
  return { storage, cleanup: () => storage.close() };
};

/** A temp directory that is removed at the end of the current test. */
export async function tempDirForTest(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'docspace-bot-storage-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export const sqliteFactory: StorageFactory = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'docspace-bot-storage-'));
  const databaseUrl = `sqlite:${join(dir, 'store.sqlite')}`;
  const opened: Storage[] = [];
  const open = async () => {
    const storage = await createStorage({ databaseUrl, logger: createTestLogger() });
    opened.push(storage);
    return storage;
  };
  const cleanup = async () => {
    for (const s of opened) await s.close();
    await rm(dir, { recursive: true, force: true });
  };
  const storage = await open().catch(async (error: unknown) => {
    await cleanup();
    throw error;
  });
  return { storage, cleanup, reopen: open };
};

export interface PostgresSchema {
  readonly name: string;
  /** TEST_DATABASE_URL with search_path set to the schema. */
  readonly url: string;
  /** Runs SQL on the schema outside any Storage (to peek at tables or tamper with them). */
  query(sql: string, values?: unknown[]): Promise<Record<string, unknown>[]>;
  drop(): Promise<void>;
}

/** A fresh, uniquely named schema, so parallel files and CI reruns never share tables. */
export async function createPostgresSchema(baseUrl: string): Promise<PostgresSchema> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${name}`);
  const admin = new pg.Pool({ connectionString: url.toString(), max: 2 });
  await admin.query(`CREATE SCHEMA ${name}`).catch(async (error: unknown) => {
    await admin.end();
    throw error;
  });
  return {
    name,
    url: url.toString(),
    query: async (sql, values = []) => (await admin.query<Record<string, unknown>>(sql, values)).rows,
    drop: async () => {
      await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      await admin.end();
    },
  };
}

export function postgresFactory(baseUrl: string): StorageFactory {
  return async () => {
    const schema = await createPostgresSchema(baseUrl);
    const opened: Storage[] = [];
    const open = async () => {
      const storage = await createStorage({ databaseUrl: schema.url, logger: createTestLogger() });
      opened.push(storage);
      return storage;
    };
    const cleanup = async () => {
      for (const s of opened) await s.close();
      await schema.drop();
    };
    const storage = await open().catch(async (error: unknown) => {
      await cleanup();
      throw error;
    });
    return { storage, cleanup, reopen: open };
  };
}

export const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'];
export const PG_SKIP_NOTE = '(skipped: set TEST_DATABASE_URL to run against PostgreSQL)';
