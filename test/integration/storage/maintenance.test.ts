import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Storage } from '../../../src/domain/ports.js';
import { backupStore, createStorage, pruneAuditLog, StorageError } from '../../../src/storage/index.js';
import { at, makeAuditEntry, makeMapping, slackId } from './builders.js';
import {
  createPostgresSchema,
  createTestLogger,
  PG_SKIP_NOTE,
  TEST_DATABASE_URL,
  tempDirForTest,
} from './factories.js';

async function openOn(databaseUrl: string): Promise<Storage> {
  const storage = await createStorage({ databaseUrl, logger: createTestLogger() });
  onTestFinished(() => storage.close());
  return storage;
}

async function rejection(promise: Promise<unknown>): Promise<StorageError> {
  const error = await promise.then(
    () => new Error('it succeeded'),
    (e: unknown) => e,
  );
  if (!(error instanceof StorageError)) throw error;
  return error;
}

async function allActions(storage: Storage): Promise<string[]> {
  return (await storage.audit.listAfter(0, 100)).map((e) => e.action);
}

describe('SQLite online backup', () => {
  it('copies a store the bot holds open, including what is still only in its -wal file, into one standalone file', async () => {
    const dir = await tempDirForTest();
    const live = await openOn(`sqlite:${join(dir, 'live.sqlite')}`);
    await live.mappings.save(makeMapping());
    await live.audit.append(makeAuditEntry({ action: 'create' }));
    expect(existsSync(join(dir, 'live.sqlite-wal'))).toBe(true);

    const result = await backupStore({ databaseUrl: 'sqlite:live.sqlite', destination: 'backups/b.sqlite', cwd: dir });
    await live.audit.append(makeAuditEntry({ action: 'delete' }));

    expect(result).toMatchObject({ source: join(dir, 'live.sqlite'), destination: join(dir, 'backups/b.sqlite') });
    expect(result.pages).toBeGreaterThan(0);
    expect(readdirSync(join(dir, 'backups'))).toEqual(['b.sqlite']);
    const raw = new Database(join(dir, 'backups/b.sqlite'), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('delete');
    raw.close();
    const copy = await openOn(`sqlite:${join(dir, 'backups/b.sqlite')}`);
    expect(await allActions(copy)).toEqual(['create']);
    expect((await copy.mappings.get(makeMapping().teamId, slackId('alice')))?.docspaceEmail).toBe(
      makeMapping().docspaceEmail,
    );
  });

  it('replaces an older backup at the destination in one step', async () => {
    const dir = await tempDirForTest();
    const live = await openOn(`sqlite:${join(dir, 'live.sqlite')}`);
    await live.audit.append(makeAuditEntry({ action: 'rename' }));
    writeFileSync(join(dir, 'b.sqlite'), 'yesterday');
    await backupStore({ databaseUrl: `sqlite:${join(dir, 'live.sqlite')}`, destination: join(dir, 'b.sqlite') });
    expect(await allActions(await openOn(`sqlite:${join(dir, 'b.sqlite')}`))).toEqual(['rename']);
  });

  it('refuses a store that does not exist, and creates neither it nor the backup', async () => {
    const dir = await tempDirForTest();
    const error = await rejection(
      backupStore({ databaseUrl: 'sqlite:missing.sqlite', destination: 'b.sqlite', cwd: dir }),
    );
    expect(error.code).toBe('open_failed');
    expect(error.message).toContain('does not exist');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses to write over the database itself, a PostgreSQL store and an in-memory one', async () => {
    const dir = await tempDirForTest();
    await openOn(`sqlite:${join(dir, 'live.sqlite')}`);
    const itself = await rejection(
      backupStore({ databaseUrl: 'sqlite:live.sqlite', destination: 'live.sqlite', cwd: dir }),
    );
    expect(itself.message).toContain('is the database itself');
    const postgres = await rejection(
      backupStore({ databaseUrl: 'postgres://u@h/db', destination: 'b.sqlite', cwd: dir }),
    );
    expect(postgres.code).toBe('unsupported');
    expect(postgres.message).toContain('pg_dump');
    const memory = await rejection(backupStore({ databaseUrl: 'sqlite::memory:', destination: 'b.sqlite', cwd: dir }));
    expect(memory.code).toBe('unsupported');
  });
});

/** Three entries a day apart (day 0, 1, 2), then prunes `before` day 1: the day-0 entry goes. */
function registerPruneContract(open: () => Promise<{ url: string; storage: Storage }>) {
  const day = (n: number) => at(n * 24 * 60);
  const seed = async (storage: Storage) => {
    await storage.audit.append(makeAuditEntry({ at: day(0), action: 'create' }));
    await storage.audit.append(makeAuditEntry({ at: day(1), action: 'members' }));
    await storage.audit.append(makeAuditEntry({ at: day(2), action: 'rename' }));
  };
  const prune = (url: string, dryRun: boolean) =>
    pruneAuditLog({ databaseUrl: url, before: day(1), dryRun, logger: createTestLogger() });

  it('removes only the entries older than the date, while the bot holds the store open, and says how many', async () => {
    const { url, storage } = await open();
    await seed(storage);
    expect(await prune(url, false)).toBe(1);
    expect(await allActions(storage)).toEqual(['members', 'rename']);
    expect(await prune(url, false)).toBe(0);
  });

  it('counts without removing on a dry run', async () => {
    const { url, storage } = await open();
    await seed(storage);
    expect(await prune(url, true)).toBe(1);
    expect(await allActions(storage)).toEqual(['create', 'members', 'rename']);
  });

  it('lets the bot keep appending afterwards', async () => {
    const { url, storage } = await open();
    await seed(storage);
    await prune(url, false);
    await storage.audit.append(makeAuditEntry({ at: day(3), action: 'delete' }));
    expect(await allActions(storage)).toEqual(['members', 'rename', 'delete']);
  });
}

describe('audit prune on SQLite', () => {
  registerPruneContract(async () => {
    const dir = await tempDirForTest();
    const url = `sqlite:${join(dir, 'bot.sqlite')}`;
    return { url, storage: await openOn(url) };
  });

  it('still refuses a plain DELETE on the audit table after a prune', async () => {
    const dir = await tempDirForTest();
    const url = `sqlite:${join(dir, 'bot.sqlite')}`;
    const storage = await openOn(url);
    await storage.audit.append(makeAuditEntry({ at: at(0) }));
    await pruneAuditLog({ databaseUrl: url, before: at(1), dryRun: false, logger: createTestLogger() });
    await storage.audit.append(makeAuditEntry({ at: at(2) }));
    const raw = new Database(join(dir, 'bot.sqlite'));
    onTestFinished(() => void raw.close());
    expect(() => raw.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('refuses a store that does not exist and creates none', async () => {
    const dir = await tempDirForTest();
    const error = await rejection(
      pruneAuditLog({
        databaseUrl: 'sqlite:gone.sqlite',
        cwd: dir,
        before: at(0),
        dryRun: false,
        logger: createTestLogger(),
      }),
    );
    expect(error.message).toContain('does not exist');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe.skipIf(!TEST_DATABASE_URL)(`audit prune on PostgreSQL ${TEST_DATABASE_URL ? '' : PG_SKIP_NOTE}`, () => {
  const fresh = async () => {
    const schema = await createPostgresSchema(TEST_DATABASE_URL ?? '');
    onTestFinished(() => schema.drop());
    return schema;
  };

  registerPruneContract(async () => {
    const schema = await fresh();
    return { url: schema.url, storage: await openOn(schema.url) };
  });

  it('still refuses a plain DELETE on the audit table after a prune', async () => {
    const schema = await fresh();
    const storage = await openOn(schema.url);
    await storage.audit.append(makeAuditEntry({ at: at(0) }));
    await pruneAuditLog({ databaseUrl: schema.url, before: at(1), dryRun: false, logger: createTestLogger() });
    await storage.audit.append(makeAuditEntry({ at: at(2) }));
    await expect(schema.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });

  it('refuses a schema without the bot tables and creates none', async () => {
    const schema = await fresh();
    const error = await rejection(
      pruneAuditLog({ databaseUrl: schema.url, before: at(0), dryRun: false, logger: createTestLogger() }),
    );
    expect(error.message).toContain('no bot tables');
    expect(await schema.query("SELECT to_regclass('audit_log')::text AS t")).toEqual([{ t: null }]);
  });
});
