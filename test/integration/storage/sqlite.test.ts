import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createStorage, isStorageError, StorageError } from '../../../src/storage/index.js';
import { MAPPING_COLUMNS } from '../../../src/storage/sql/columns.js';
import { initialSchema } from '../../../src/storage/sql/migrations/001-initial.js';
import { MIGRATIONS } from '../../../src/storage/sql/migrations/index.js';
import { mappingValues } from '../../../src/storage/sql/rows.js';
import { migrateSqlite, openSqliteStorage } from '../../../src/storage/sqlite/storage.js';
import { at, makeAuditEntry, makeMapping, makeRequest, requestId, slackId, slackUserNo, team } from './builders.js';
import { createTestLogger, tempDirForTest } from './factories.js';
import { createStorageInChild } from './open-as-other-user.js';

async function openAt(databaseUrl: string | undefined, cwd?: string) {
  const storage = await createStorage({ databaseUrl, logger: createTestLogger(), ...(cwd ? { cwd } : {}) });
  onTestFinished(() => storage.close());
  return storage;
}

function rawDatabase(path: string): Database.Database {
  const db = new Database(path);
  onTestFinished(() => {
    db.close();
  });
  return db;
}

async function openError(databaseUrl: string): Promise<StorageError> {
  const error: unknown = await createStorage({ databaseUrl, logger: createTestLogger() }).then(
    (s) => s.close().then(() => new Error('the store opened')),
    (e: unknown) => e,
  );
  if (!(error instanceof StorageError)) throw error;
  return error;
}

describe('SQLite storage specifics', () => {
  it('creates ./data/docspace-bot.sqlite under the working directory when DATABASE_URL is unset', async () => {
    const cwd = await tempDirForTest();
    const storage = await openAt(undefined, cwd);
    expect(storage.kind).toBe('sqlite');
    expect((await stat(join(cwd, 'data', 'docspace-bot.sqlite'))).isFile()).toBe(true);
  });

  it('resolves a relative sqlite: path against the working directory', async () => {
    const cwd = await tempDirForTest();
    await openAt('sqlite:nested/dir/bot.db', cwd);
    expect((await stat(join(cwd, 'nested', 'dir', 'bot.db'))).isFile()).toBe(true);
  });

  it('runs a throwaway in-memory store for sqlite::memory:', async () => {
    const storage = await openAt('sqlite::memory:');
    await storage.audit.append(makeAuditEntry());
    expect(await storage.audit.list({ limit: 5 })).toHaveLength(1);
  });

  it('puts the database file in WAL mode', async () => {
    const dir = await tempDirForTest();
    await openAt(`sqlite:${join(dir, 'wal.sqlite')}`);
    expect(rawDatabase(join(dir, 'wal.sqlite')).pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('applies each migration once, however often the store is opened', async () => {
    const dir = await tempDirForTest();
    const url = `sqlite:${join(dir, 'again.sqlite')}`;
    await (await openAt(url)).close();
    await (await openAt(url)).close();
    const rows = rawDatabase(join(dir, 'again.sqlite'))
      .prepare('SELECT version, name FROM schema_migrations ORDER BY version')
      .all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
  });

  it('logs each migration it applies with the store and version, and nothing on a later start', async () => {
    const dir = await tempDirForTest();
    const path = join(dir, 'logged.sqlite');
    const first = createTestLogger();
    await (await createStorage({ databaseUrl: `sqlite:${path}`, logger: first })).close();
    expect(first.records.filter((r) => r.msg === 'applied migration').map((r) => r.obj)).toEqual(
      MIGRATIONS.map((m) => ({ store: `SQLite file ${path}`, version: m.version, name: m.name })),
    );
    const second = createTestLogger();
    await (await createStorage({ databaseUrl: `sqlite:${path}`, logger: second })).close();
    expect(second.records.filter((r) => r.msg === 'applied migration')).toEqual([]);
  });

  it('refuses a database whose schema is newer than the code with schema_too_new and a way out', async () => {
    const dir = await tempDirForTest();
    const path = join(dir, 'future.sqlite');
    await (await openAt(`sqlite:${path}`)).close();
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')").run();
    db.close();
    const error = await openError(`sqlite:${path}`);
    expect(error.code).toBe('schema_too_new');
    expect(error.message).toContain('database schema version 999');
    expect(error.message).toContain(`knows up to ${Math.max(...MIGRATIONS.map((m) => m.version))}`);
    expect(error.message).toContain('upgrade the bot or point DATABASE_URL at another database');
  });

  it('rolls back a failing migration completely and reports migration_failed', async () => {
    const dir = await tempDirForTest();
    const path = join(dir, 'broken.sqlite');
    const broken = { version: 2, name: 'broken', sqlite: 'CREATE TABLE half (x); SELEC oops;', postgres: '' };
    const error: unknown = await openSqliteStorage({
      path,
      logger: createTestLogger(),
      migrations: [initialSchema, broken],
    }).catch((e: unknown) => e);
    expect(isStorageError(error) && error.code).toBe('migration_failed');
    expect(String((error as Error).message)).toContain('migration 2 (broken)');
    const tables = rawDatabase(path).prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    expect(tables).toEqual([]);
  });

  it('upgrades mappings stored before migration 004: status active, authority never read, no unlink block', async () => {
    const path = join(await tempDirForTest(), 'old.sqlite');
    const old = rawDatabase(path);
    migrateSqlite(
      old,
      path,
      MIGRATIONS.filter((m) => m.version <= 2),
      createTestLogger(),
    );
    const mapping = makeMapping();
    const columns = MAPPING_COLUMNS.slice(0, 10);
    const values = mappingValues(mapping)
      .slice(0, 10)
      .map((v) => (v instanceof Date ? v.toISOString() : v));
    old
      .prepare(`INSERT INTO user_mappings (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
      .run(...values);
    old.close();
    const storage = await openAt(`sqlite:${path}`);
    expect(await storage.mappings.get(team(), slackId('alice'))).toEqual({
      ...mapping,
      docspaceStatus: 'active',
      authorityReadAt: null,
    });
    expect(await storage.mappings.isBlocked(team(), slackId('alice'))).toBe(false);
  });

  it('refuses to update or delete audit rows even with raw SQL', async () => {
    const dir = await tempDirForTest();
    const storage = await openAt(`sqlite:${join(dir, 'audit.sqlite')}`);
    await storage.audit.append(makeAuditEntry());
    const db = rawDatabase(join(dir, 'audit.sqlite'));
    expect(() => db.prepare("UPDATE audit_log SET action = 'forged'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('lets exactly one of two stores opened on the same file win a race to approve', async () => {
    const dir = await tempDirForTest();
    const url = `sqlite:${join(dir, 'shared.sqlite')}`;
    const [a, b] = [await openAt(url), await openAt(url)];
    await a.requests.insertOrJoin(makeRequest());
    const approve = (s: typeof a, n: number) =>
      s.requests.transition(requestId(1), { from: ['pending'], to: 'approved', at: at(1), decidedBy: slackUserNo(n) });
    const results = await Promise.all(Array.from({ length: 10 }, (_, n) => approve(n % 2 === 0 ? a : b, n)));
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });
});

describe('SQLite stores that cannot be opened', () => {
  it('names a directory given as the database and says to point at a file', async () => {
    const dir = await tempDirForTest();
    const error = await openError(`sqlite:${dir}`);
    expect(error.code).toBe('open_failed');
    expect(error.message).toContain(dir);
    expect(error.message).toContain('is a directory');
  });

  it('names a file that is not a SQLite database and leaves it untouched', async () => {
    const dir = await tempDirForTest();
    const path = join(dir, 'notes.txt');
    const text = 'These are meeting notes, not a database. '.repeat(40);
    await writeFile(path, text);
    const error = await openError(`sqlite:${path}`);
    expect(error.code).toBe('open_failed');
    expect(error.message).toContain(path);
    expect(error.message).toContain('not a SQLite database');
    expect(await readFile(path, 'utf8')).toBe(text);
  });

  it('reports a data directory that cannot be created because a file is in the way', async () => {
    const cwd = await tempDirForTest();
    await writeFile(join(cwd, 'data'), 'a file where the directory should be');
    const error: unknown = await createStorage({ databaseUrl: undefined, logger: createTestLogger(), cwd }).catch(
      (e: unknown) => e,
    );
    expect(isStorageError(error) && error.code).toBe('open_failed');
    expect(String((error as Error).message)).toContain(join(cwd, 'data'));
  });

  it('reports a directory the bot may not write to, naming the file and what to check', async () => {
    const dir = await tempDirForTest();
    const locked = join(dir, 'locked');
    await mkdir(locked);
    // The child runs as nobody when we are root: it must reach the directory but not write into it.
    await chmod(dir, 0o755);
    await chmod(locked, 0o555);
    onTestFinished(() => chmod(locked, 0o700));
    const result = await createStorageInChild(`sqlite:${join(locked, 'bot.sqlite')}`);
    expect(result).toMatchObject({ opened: false, code: 'open_failed' });
    expect(result.opened === false && result.message).toContain(join(locked, 'bot.sqlite'));
    expect(result.opened === false && result.message).toContain('may read and write');
  });
});
