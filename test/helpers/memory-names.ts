import type { DeliveryRepo, NameReservation, NameReservationRepo } from '../../src/domain/index.js';

/** Migration 003's repositories in memory, with the SQL stores' rules (kept honest by the storage contract suite). */

const copy = (r: NameReservation): NameReservation => structuredClone(r);

export function createMemoryNames(guard: (operation: string) => void): NameReservationRepo {
  const rows = new Map<string, NameReservation>();
  const key = (teamId: string, nameKey: string) => `${teamId}\u0000${nameKey}`;
  return {
    insert: async (reservation) => {
      guard('names.insert');
      const k = key(reservation.teamId, reservation.nameKey);
      if (rows.has(k)) return false;
      rows.set(k, copy(reservation));
      return true;
    },
    get: async (teamId, nameKey) => {
      guard('names.get');
      const row = rows.get(key(teamId, nameKey));
      return row === undefined ? null : copy(row);
    },
    swap: async (token, next) => {
      guard('names.swap');
      const k = key(next.teamId, next.nameKey);
      if (rows.get(k)?.token !== token) return false;
      rows.set(k, copy(next));
      return true;
    },
    release: async (teamId, nameKey, token) => {
      guard('names.release');
      const k = key(teamId, nameKey);
      if (rows.get(k)?.token !== token) return false;
      rows.delete(k);
      return true;
    },
    releaseGroup: async (teamId, groupId, keepNameKey) => {
      guard('names.releaseGroup');
      let count = 0;
      for (const [k, r] of rows) {
        if (r.teamId === teamId && r.groupId === groupId && r.nameKey !== keepNameKey) {
          rows.delete(k);
          count += 1;
        }
      }
      return count;
    },
  };
}

export function createMemoryDeliveries(guard: (operation: string) => void): DeliveryRepo {
  const expiries = new Map<string, number>();
  return {
    claim: async (key, now, expiresAt) => {
      guard('deliveries.claim');
      for (const [k, until] of expiries) if (until <= now.getTime()) expiries.delete(k);
      if (expiries.has(key)) return false;
      expiries.set(key, expiresAt.getTime());
      return true;
    },
    forget: async (key) => {
      guard('deliveries.forget');
      expiries.delete(key);
    },
  };
}
