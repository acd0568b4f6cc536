import type { DeliveryRepo, NameReservationRepo } from '../../domain/index.js';
import { nameStatements, reservationFromRow } from '../sql/names.js';
import type { SqlValue } from '../sql/rows.js';
import type { createSqliteContext } from './repos.js';

// Migration 003's repositories on SQLite: every change is one statement, so it is atomic under SQLite's write lock.

type SqliteContext = ReturnType<typeof createSqliteContext>;

const SQL = nameStatements(() => '?');

const bind = (values: readonly SqlValue[]) => values.map((v) => (v instanceof Date ? v.toISOString() : v));

export function createSqliteNames(ctx: SqliteContext): NameReservationRepo {
  const changed = (sql: string, values: readonly SqlValue[]) => ctx.statement(sql).all(...bind(values)).length;
  return {
    insert: (reservation) =>
      ctx.run('names.insert', () => changed(SQL.insert.sql, SQL.insert.values(reservation)) === 1),
    get: (teamId, nameKey) =>
      ctx.run('names.get', () => {
        const row = ctx.statement(SQL.get).get(teamId, nameKey);
        return row === undefined ? null : reservationFromRow(row);
      }),
    swap: (token, next) => ctx.run('names.swap', () => changed(SQL.swap.sql, SQL.swap.values(token, next)) === 1),
    release: (teamId, nameKey, token) =>
      ctx.run('names.release', () => changed(SQL.release, [teamId, nameKey, token]) === 1),
    releaseGroup: (teamId, groupId, keepNameKey) =>
      ctx.run('names.releaseGroup', () =>
        keepNameKey === null
          ? changed(SQL.releaseGroup, [teamId, groupId])
          : changed(SQL.releaseGroupExcept, [teamId, groupId, keepNameKey]),
      ),
  };
}

export function createSqliteDeliveries(ctx: SqliteContext): DeliveryRepo {
  return {
    claim: (key, now, expiresAt) =>
      ctx.run('deliveries.claim', () => {
        // Expired keys go first, so a key seen long ago counts as new, and the table stays small.
        ctx.statement(SQL.purgeDeliveries).run(now.toISOString());
        return ctx.statement(SQL.claimDelivery).all(key, now.toISOString(), expiresAt.toISOString()).length === 1;
      }),
    forget: (key) =>
      ctx.run('deliveries.forget', () => {
        ctx.statement(SQL.forgetDelivery).run(key);
      }),
  };
}
