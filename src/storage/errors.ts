/** Why a storage operation failed; stable strings the container and the CLI can switch on. */
type StorageErrorCode =
  | 'invalid_url'
  | 'not_found'
  | 'open_failed'
  | 'migration_failed'
  | 'schema_too_new'
  | 'query_failed'
  | 'closed'
  /** A maintenance command the named store does not support (a SQLite backup of PostgreSQL). */
  | 'unsupported';

/** A storage failure: the message names the store (never a password) and says what to do about it. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  readonly code: StorageErrorCode;
  /** Which store: a file path or host:port/database, never a password. */
  readonly store: string;

  constructor(code: StorageErrorCode, store: string, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.store = store;
  }
}

export function isStorageError(error: unknown): error is StorageError {
  return error instanceof StorageError;
}

/** Wraps a driver error once at the edge; a StorageError passes through unchanged. */
export function toQueryError(error: unknown, store: string, operation: string): StorageError {
  if (error instanceof StorageError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new StorageError('query_failed', store, `Storage query ${operation} failed on ${store}: ${detail}`, {
    cause: error,
  });
}

/** The driver's error code (SQLITE_*, a PostgreSQL SQLSTATE or a Node errno), looking inside AggregateErrors. */
export function driverErrorCode(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code: unknown = (error as Error & { code?: unknown }).code;
  if (typeof code === 'string') return code;
  if (error instanceof AggregateError) return driverErrorCode(error.errors[0]);
  return undefined;
}

export function closedError(store: string, operation: string): StorageError {
  return new StorageError(
    'closed',
    store,
    `Storage query ${operation} on ${store} after close(); the store is closed.`,
  );
}
