import type { DeliveryRepo, NameReservationRepo } from '../../domain/index.js';
import { nameStatements, reservationFromRow } from '../sql/names.js';
import type { createPostgresContext } from './repos.js';

// Migration 003's repositories on PostgreSQL: each change is one statement guarded by the primary key or the holder's
// token, so two replicas can never both hold a name or both take over a lapsed reservation.

type PostgresContext = ReturnType<typeof createPostgresContext>;

const SQL = nameStatements((n) => `$${n}`);

export function createPostgresNames(ctx: PostgresContext): NameReservationRepo {
  return {
    insert: async (reservation) =>
      (await ctx.query('names.insert', SQL.insert.sql, SQL.insert.values(reservation))).length === 1,
    get: async (teamId, nameKey) => {
      const rows = await ctx.query('names.get', SQL.get, [teamId, nameKey]);
      return rows[0] === undefined ? null : reservationFromRow(rows[0]);
    },
    swap: async (token, next) =>
      (await ctx.query('names.swap', SQL.swap.sql, SQL.swap.values(token, next))).length === 1,
    release: async (teamId, nameKey, token) =>
      (await ctx.query('names.release', SQL.release, [teamId, nameKey, token])).length === 1,
    releaseGroup: async (teamId, groupId, keepNameKey) =>
      (keepNameKey === null
        ? await ctx.query('names.releaseGroup', SQL.releaseGroup, [teamId, groupId])
        : await ctx.query('names.releaseGroup', SQL.releaseGroupExcept, [teamId, groupId, keepNameKey])
      ).length,
  };
}

export function createPostgresDeliveries(ctx: PostgresContext): DeliveryRepo {
  return {
    claim: async (key, now, expiresAt) => {
      // Expired keys go first, so a key seen long ago counts as new, and the table stays small.
      await ctx.query('deliveries.purge', SQL.purgeDeliveries, [now]);
      return (await ctx.query('deliveries.claim', SQL.claimDelivery, [key, now, expiresAt])).length === 1;
    },
    forget: async (key) => {
      await ctx.query('deliveries.forget', SQL.forgetDelivery, [key]);
    },
  };
}
