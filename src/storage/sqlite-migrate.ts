import type Database from 'better-sqlite3';
import type { Logger } from '../domain/index.js';
import { type Migration, migrationFailed, pendingMigrations, SQLITE_MIGRATIONS_TABLE } from './migrations.js';

/**
 * Applies pending migrations in one IMMEDIATE transaction (it takes the write lock first, so a second bot process on
 * the same file waits, then finds nothing to do). A failure rolls everything back. Returns the schema version.
 */
export function migrateSqlite(
  db: Database.Database,
  store: string,
  migrations: readonly Migration[],
  logger: Logger,
): number {
  let step: Migration | null = null;
  const apply = db.transaction((): { version: number; applied: Migration[] } => {
    db.exec(SQLITE_MIGRATIONS_TABLE);
    const row = db.prepare('SELECT coalesce(max(version), 0) AS version FROM schema_migrations').get() as {
      version: number;
    };
    const pending = pendingMigrations(row.version, migrations, store);
    const record = db.prepare(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
    );
    for (const migration of pending) {
      step = migration;
      db.exec(migration.sqlite);
      record.run(migration.version, migration.name);
    }
    return { version: pending.at(-1)?.version ?? row.version, applied: pending };
  });
  try {
    const result = apply.immediate();
    for (const m of result.applied) logger.info({ store, version: m.version, name: m.name }, 'applied migration');
    return result.version;
  } catch (error) {
    throw migrationFailed(store, step, error);
  }
}
