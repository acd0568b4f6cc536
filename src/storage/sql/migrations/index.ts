import { StorageError } from '../../errors.js';
import { initialSchema } from './001-initial.js';
import { retryableColumn } from './002-retryable.js';
import { nameReservations } from './003-names.js';
import { authorityColumns } from './004-authority.js';
import { cardPosts } from './005-card-posts.js';
import { grantsTable } from './006-grants.js';
import { dryRunColumn } from './007-dry-run.js';
import { undoClaims } from './008-undo.js';
import { handovers } from './009-handovers.js';
import { homeViewers } from './010-home.js';
import { accessReviews } from './011-reviews.js';

/** One schema step; each dialect gets its own SQL, applied in one transaction with its schema_migrations row. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sqlite: string;
  readonly postgres: string;
}

/** Ordered by version; append new steps, never edit an applied one. */
export const MIGRATIONS: readonly Migration[] = [
  initialSchema,
  retryableColumn,
  nameReservations,
  authorityColumns,
  cardPosts,
  grantsTable,
  dryRunColumn,
  undoClaims,
  handovers,
  homeViewers,
  accessReviews,
];

/** The migrations still to apply on a database at `current`; refuses a database newer than this code. */
export function pendingMigrations(current: number, migrations: readonly Migration[], store: string): Migration[] {
  const known = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > known) {
    throw new StorageError(
      'schema_too_new',
      store,
      `The database schema version ${current} of ${store} is newer than this bot (knows up to ${known}); ` +
        'upgrade the bot or point DATABASE_URL at another database.',
    );
  }
  return [...migrations].filter((m) => m.version > current).sort((a, b) => a.version - b.version);
}

export function migrationFailed(store: string, migration: Migration | null, error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const step = migration ? `migration ${migration.version} (${migration.name})` : 'reading schema_migrations';
  const detail = error instanceof Error ? error.message : String(error);
  return new StorageError(
    'migration_failed',
    store,
    `Migrating ${store} failed at ${step}: ${detail}. Nothing was changed; fix the cause and restart the bot.`,
    { cause: error },
  );
}

/** For a store opened existingOnly that has never been migrated: an empty database is not the bot's, so say so. */
export function noBotTables(store: string): StorageError {
  return new StorageError(
    'not_found',
    store,
    `${store} holds no docspace-group-bot tables (no schema_migrations). Check DATABASE_URL: the bot creates its ` +
      'tables when it first starts with it; nothing was created here.',
  );
}
