import { describe, expect, it } from 'vitest';
import { isStorageError } from '../../../src/storage/index.js';
import { describePostgres, parseDatabaseUrl, resolveSqlitePath } from '../../../src/storage/url.js';

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('DATABASE_URL', () => {
  it('means the SQLite file ./data/docspace-bot.sqlite when unset or blank', () => {
    expect(parseDatabaseUrl(undefined)).toEqual({ kind: 'sqlite', path: './data/docspace-bot.sqlite' });
    expect(parseDatabaseUrl('  ')).toEqual({ kind: 'sqlite', path: './data/docspace-bot.sqlite' });
  });

  it('names another SQLite file with sqlite:<path>, with or without slashes, and :memory: with sqlite::memory:', () => {
    expect(parseDatabaseUrl('sqlite:./var/bot.db')).toEqual({ kind: 'sqlite', path: './var/bot.db' });
    expect(parseDatabaseUrl('sqlite:///srv/bot.db')).toEqual({ kind: 'sqlite', path: '/srv/bot.db' });
    expect(parseDatabaseUrl('sqlite://rel/bot.db')).toEqual({ kind: 'sqlite', path: 'rel/bot.db' });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ kind: 'sqlite', path: ':memory:' });
  });

  it('describes a PostgreSQL URL as host:port/database without user or password', () => {
    const url = 'postgres://bot:hunter2-secret@db.internal:6432/docspace?sslmode=require';
    expect(parseDatabaseUrl(url)).toEqual({ kind: 'postgres', connectionString: url });
    expect(describePostgres(url)).toBe('db.internal:6432/docspace');
    expect(describePostgres('postgresql://bot@db.internal/docspace')).toBe('db.internal:5432/docspace');
  });

  it('refuses an unsupported scheme with invalid_url and the accepted forms', () => {
    const error = thrown(() => parseDatabaseUrl('mysql://root@localhost/db'));
    expect(isStorageError(error) && error.code).toBe('invalid_url');
    expect(String(error)).toContain('sqlite:<path>');
  });

  it('refuses a malformed PostgreSQL URL without repeating it, since it may hold a password', () => {
    const error = thrown(() => parseDatabaseUrl('postgres://bot:pa ss@[bad/db'));
    expect(isStorageError(error) && error.code).toBe('invalid_url');
    expect(String(error)).not.toContain('pa ss');
    expect((error as Error).cause).toBeUndefined();
  });

  it('resolves relative SQLite paths against the working directory and leaves :memory: alone', () => {
    expect(resolveSqlitePath('./data/x.sqlite', '/srv/bot')).toBe('/srv/bot/data/x.sqlite');
    expect(resolveSqlitePath('/abs/x.sqlite', '/srv/bot')).toBe('/abs/x.sqlite');
    expect(resolveSqlitePath(':memory:', '/srv/bot')).toBe(':memory:');
  });
});
