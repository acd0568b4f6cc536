import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createStorage, probeStorage, StorageError } from '../../../src/storage/index.js';
import {
  createPostgresSchema,
  createTestLogger,
  PG_SKIP_NOTE,
  TEST_DATABASE_URL,
  tempDirForTest,
} from './factories.js';

// probeStorage is what start-up runs beside its other checks: it must say whatever createStorage would say, and write
// nothing, so a start that fails for another reason leaves no database file, directory or migration behind.

async function probeError(databaseUrl: string): Promise<StorageError> {
  const error: unknown = await probeStorage({ databaseUrl }).then(
    () => new Error('the probe passed'),
    (e: unknown) => e,
  );
  if (!(error instanceof StorageError)) throw error;
  return error;
}

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('probeStorage on SQLite', () => {
  it('passes for a file that does not exist yet, and creates neither it nor its directory', async () => {
    const dir = await tempDirForTest();
    await probeStorage({ databaseUrl: `sqlite:${join(dir, 'data', 'bot.sqlite')}` });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('passes for a migrated store and leaves it byte for byte as it was, with no -wal or -shm beside it', async () => {
    const dir = await tempDirForTest();
    const databaseUrl = `sqlite:${join(dir, 'bot.sqlite')}`;
    await (await createStorage({ databaseUrl, logger: createTestLogger() })).close();
    const before = digest(join(dir, 'bot.sqlite'));
    await probeStorage({ databaseUrl });
    expect([digest(join(dir, 'bot.sqlite')), readdirSync(dir)]).toEqual([before, ['bot.sqlite']]);
  });

  it('fails like createStorage for a file that is not a database', async () => {
    const dir = await tempDirForTest();
    writeFileSync(join(dir, 'bot.sqlite'), 'not a database, just some text that is long enough to be read');
    const error = await probeError(`sqlite:${join(dir, 'bot.sqlite')}`);
    expect([error.code, error.message]).toEqual(['open_failed', expect.stringMatching(/not a SQLite database/)]);
  });

  it('fails for a directory where the file should be, and for a file where a directory should be', async () => {
    const dir = await tempDirForTest();
    mkdirSync(join(dir, 'bot.sqlite'));
    writeFileSync(join(dir, 'blocker'), 'x');
    expect((await probeError(`sqlite:${join(dir, 'bot.sqlite')}`)).message).toMatch(/it is a directory/);
    expect((await probeError(`sqlite:${join(dir, 'blocker', 'data', 'bot.sqlite')}`)).message).toMatch(
      /blocker is a file, so the database's directory cannot be created/,
    );
    expect(readdirSync(dir).sort()).toEqual(['blocker', 'bot.sqlite']);
  });

  it('refuses a store whose schema is newer than this code, as createStorage does', async () => {
    const dir = await tempDirForTest();
    const databaseUrl = `sqlite:${join(dir, 'bot.sqlite')}`;
    await (await createStorage({ databaseUrl, logger: createTestLogger() })).close();
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(dir, 'bot.sqlite'));
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'now')").run();
    db.close();
    expect((await probeError(databaseUrl)).code).toBe('schema_too_new');
  });

  it('passes for the throwaway in-memory store', async () => {
    await expect(probeStorage({ databaseUrl: 'sqlite::memory:' })).resolves.toBeUndefined();
  });
});

describe.skipIf(!TEST_DATABASE_URL)(`probeStorage on PostgreSQL ${TEST_DATABASE_URL ? '' : PG_SKIP_NOTE}`, () => {
  it('passes for an empty schema and creates nothing in it', async () => {
    const schema = await createPostgresSchema(TEST_DATABASE_URL ?? '');
    onTestFinished(() => schema.drop());
    await probeStorage({ databaseUrl: schema.url });
    expect(
      await schema.query('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema.name]),
    ).toEqual([]);
  });

  it('refuses a schema newer than this code', async () => {
    const schema = await createPostgresSchema(TEST_DATABASE_URL ?? '');
    onTestFinished(() => schema.drop());
    await (await createStorage({ databaseUrl: schema.url, logger: createTestLogger() })).close();
    await schema.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')");
    expect((await probeError(schema.url)).code).toBe('schema_too_new');
  });
});

describe('probeStorage on a PostgreSQL server that is not there', () => {
  it('fails with open_failed, naming the server but never the password', async () => {
    const error = await probeError('postgres://bot:s3cret-pw@127.0.0.1:1/botdb');
    expect([error.code, error.message.includes('s3cret-pw'), error.message]).toEqual([
      'open_failed',
      false,
      expect.stringMatching(/^Cannot open PostgreSQL 127\.0\.0\.1:1\/botdb: the connection was refused/),
    ]);
  });
});
