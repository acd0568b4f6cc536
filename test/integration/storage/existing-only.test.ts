import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createStorage, StorageError } from '../../../src/storage/index.js';
import { makeAuditEntry } from './builders.js';
import {
  createPostgresSchema,
  createTestLogger,
  PG_SKIP_NOTE,
  type PostgresSchema,
  TEST_DATABASE_URL,
  tempDirForTest,
} from './factories.js';

// `existingOnly` is what the command-line tools open stores with: a mistyped DATABASE_URL must fail, not create.

async function openExisting(databaseUrl: string | undefined, cwd?: string) {
  const storage = await createStorage({
    databaseUrl,
    logger: createTestLogger(),
    existingOnly: true,
    ...(cwd ? { cwd } : {}),
  });
  onTestFinished(() => storage.close());
  return storage;
}

async function existingOnlyError(databaseUrl: string | undefined, cwd?: string): Promise<StorageError> {
  const error: unknown = await openExisting(databaseUrl, cwd).then(
    () => new Error('the store opened'),
    (e: unknown) => e,
  );
  if (!(error instanceof StorageError)) throw error;
  return error;
}

describe('opening only an existing SQLite store', () => {
  it('refuses a file that does not exist, naming it, and creates neither the file nor its directory', async () => {
    const dir = await tempDirForTest();
    const path = join(dir, 'missing', 'bot.sqlite');
    const error = await existingOnlyError(`sqlite:${path}`);
    expect(error.code).toBe('not_found');
    expect(error.message).toContain(`There is no database at ${path}`);
    await expect(stat(join(dir, 'missing'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses the default ./data/docspace-bot.sqlite when it is not there, and leaves the directory empty', async () => {
    const cwd = await tempDirForTest();
    const error = await existingOnlyError(undefined, cwd);
    expect(error.code).toBe('not_found');
    expect(error.message).toContain(join(cwd, 'data', 'docspace-bot.sqlite'));
    expect(await readdir(cwd)).toEqual([]);
  });

  it('refuses an empty file without writing to it (no tables, no WAL switch)', async () => {
    const dir = await tempDirForTest();
    const path = join(dir, 'empty.sqlite');
    await writeFile(path, '');
    const error = await existingOnlyError(`sqlite:${path}`);
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('holds no docspace-group-bot tables');
    expect((await stat(path)).size).toBe(0);
    expect(await readdir(dir)).toEqual(['empty.sqlite']);
  });

  it('opens a store the bot created, with its data', async () => {
    const dir = await tempDirForTest();
    const databaseUrl = `sqlite:${join(dir, 'bot.sqlite')}`;
    const created = await createStorage({ databaseUrl, logger: createTestLogger() });
    await created.audit.append(makeAuditEntry({ action: 'create' }));
    await created.close();
    const storage = await openExisting(databaseUrl);
    expect((await storage.audit.listAfter(0, 10)).map((e) => e.action)).toEqual(['create']);
  });
});

describe.skipIf(!TEST_DATABASE_URL)(
  `opening only an existing PostgreSQL store ${TEST_DATABASE_URL ? '' : PG_SKIP_NOTE}`,
  () => {
    const baseUrl = TEST_DATABASE_URL ?? '';
    async function schemaForTest(): Promise<PostgresSchema> {
      const schema = await createPostgresSchema(baseUrl);
      onTestFinished(() => schema.drop());
      return schema;
    }

    it('refuses an empty database (schema) without creating a table in it', async () => {
      const schema = await schemaForTest();
      const error = await existingOnlyError(schema.url);
      expect(error.code).toBe('not_found');
      expect(error.message).toContain('holds no docspace-group-bot tables');
      const tables = await schema.query('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [
        schema.name,
      ]);
      expect(tables).toEqual([]);
    });

    it('refuses a database that does not exist (it is never created)', async () => {
      const url = new URL(baseUrl);
      url.pathname = '/no_such_database_for_docspace_bot';
      const error = await existingOnlyError(url.toString());
      expect(error.code).toBe('open_failed');
      expect(error.message).toContain('does not exist');
    });

    it('opens a database the bot migrated', async () => {
      const schema = await schemaForTest();
      const created = await createStorage({ databaseUrl: schema.url, logger: createTestLogger() });
      await created.close();
      const storage = await openExisting(schema.url);
      expect(storage.kind).toBe('postgres');
    });
  },
);
