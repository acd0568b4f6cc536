import { isAbsolute, resolve } from 'node:path';
import { StorageError } from './errors.js';

const DEFAULT_SQLITE_PATH = './data/docspace-bot.sqlite';
export const SQLITE_MEMORY = ':memory:';

type DatabaseTarget =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly connectionString: string };

const URL_HELP =
  'DATABASE_URL must be empty (SQLite under ./data), sqlite:<path>, or postgres://user@host:port/database';

/** Reads DATABASE_URL: unset or blank -> the default SQLite file; sqlite:<path>; postgres:// or postgresql://. */
export function parseDatabaseUrl(url: string | undefined): DatabaseTarget {
  const value = url?.trim() ?? '';
  if (value === '') return { kind: 'sqlite', path: DEFAULT_SQLITE_PATH };
  if (/^postgres(ql)?:\/\//i.test(value)) {
    parsePostgresUrl(value);
    return { kind: 'postgres', connectionString: value };
  }
  if (/^sqlite:/i.test(value)) {
    // sqlite:./x, sqlite:/abs/x, sqlite://./x and sqlite:///abs/x all name a file; sqlite::memory: is throwaway.
    const rest = value.slice('sqlite:'.length);
    const path = rest.startsWith('//') ? rest.slice(2) : rest;
    if (path === '')
      throw new StorageError('invalid_url', 'sqlite:', `DATABASE_URL "sqlite:" names no file. ${URL_HELP}.`);
    return { kind: 'sqlite', path };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1] ?? 'none';
  throw new StorageError(
    'invalid_url',
    `(scheme ${scheme})`,
    `DATABASE_URL has an unsupported scheme (${scheme}). ${URL_HELP}.`,
  );
}

export function describePostgres(connectionString: string): string {
  const url = parsePostgresUrl(connectionString);
  const host = url.hostname || url.searchParams.get('host') || 'localhost';
  const port = url.port || url.searchParams.get('port') || '5432';
  const database =
    decodeURIComponent(url.pathname.replace(/^\//, '')) || decodeURIComponent(url.username) || 'postgres';
  return `${host}:${port}/${database}`;
}

/** Relative SQLite paths are resolved against cwd; :memory: stays as it is. */
export function resolveSqlitePath(path: string, cwd: string): string {
  if (path === SQLITE_MEMORY) return path;
  return isAbsolute(path) ? path : resolve(cwd, path);
}

function parsePostgresUrl(value: string): URL {
  try {
    return new URL(value);
  } catch {
    // Neither the message nor a cause carries the URL: it may hold a password (Node's TypeError keeps the input).
    throw new StorageError('invalid_url', 'postgres', `DATABASE_URL is not a valid PostgreSQL URL. ${URL_HELP}.`);
  }
}
