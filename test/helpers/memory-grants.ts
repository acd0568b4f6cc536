import type { Grant, GrantRepo } from '../../src/domain/index.js';
import { toLimit } from '../../src/storage/sql/rows.js';

/** The grants table in memory, with the same compare-and-set rules as the SQL stores (kept honest by the contract). */
export function createMemoryGrants(guard: (operation: string) => void): GrantRepo {
  const rows = new Map<string, Grant>();
  const t = (d: Date | null) => (d === null ? null : d.getTime());
  const live = (g: Grant) => g.state === 'active' || g.state === 'expiring';
  const byEnd = (a: Grant, b: Grant) =>
    a.endsAt.getTime() - b.endsAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const due = (g: Grant, now: Date) =>
    (g.state === 'active' && g.endsAt.getTime() <= now.getTime()) ||
    (g.state === 'expiring' && g.leaseUntil !== null && g.leaseUntil.getTime() <= now.getTime());
  const put = (g: Grant) => {
    rows.set(g.id, g);
    return structuredClone(g);
  };
  return {
    insert: async (grant) => {
      guard('grants.insert');
      if (rows.has(grant.id)) throw new Error(`duplicate grant ${grant.id}`);
      rows.set(grant.id, structuredClone(grant));
    },
    get: async (id) => {
      guard('grants.get');
      const g = rows.get(id);
      return g ? structuredClone(g) : null;
    },
    listActiveForGroup: async (teamId, groupId) => {
      guard('grants.listActiveForGroup');
      return [...rows.values()]
        .filter((g) => g.teamId === teamId && g.groupId === groupId && live(g))
        .sort(byEnd)
        .map((g) => structuredClone(g));
    },
    listActive: async (teamId, filter) => {
      guard('grants.listActive');
      const who = filter.slackUserId;
      return [...rows.values()]
        .filter((g) => g.teamId === teamId && live(g))
        .filter((g) => who === undefined || g.memberSlackId === who || g.requesterSlackId === who)
        .sort(byEnd)
        .slice(0, toLimit(filter.limit))
        .map((g) => structuredClone(g));
    },
    listDue: async (now, limit) => {
      guard('grants.listDue');
      return [...rows.values()]
        .filter((g) => due(g, now))
        .sort(byEnd)
        .slice(0, toLimit(limit))
        .map((g) => structuredClone(g));
    },
    claimExpiry: async (id, claim) => {
      guard('grants.claimExpiry');
      const g = rows.get(id);
      if (!g || !due(g, claim.now)) return null;
      return put({
        ...g,
        state: 'expiring',
        leaseUntil: claim.leaseUntil,
        attempts: g.attempts + 1,
        updatedAt: claim.now,
      });
    },
    deferExpiry: async (id, attempts, failure) => {
      guard('grants.deferExpiry');
      const g = rows.get(id);
      if (g?.state !== 'expiring' || g.attempts !== attempts) return false;
      put({ ...g, leaseUntil: failure.retryAt, lastError: failure.error, updatedAt: failure.retryAt });
      return true;
    },
    finishExpiry: async (id, f) => {
      guard('grants.finishExpiry');
      const g = rows.get(id);
      if (g?.state !== 'expiring' || g.attempts !== f.attempts) return null;
      return put({
        ...g,
        state: f.state,
        outcome: f.outcome,
        endedAt: f.at,
        updatedAt: f.at,
        leaseUntil: null,
        remindAt: null,
        lastError: f.error ?? g.lastError,
      });
    },
    endActive: async (id, end) => {
      guard('grants.endActive');
      const g = rows.get(id);
      if (g?.state !== 'active') return null;
      return put({ ...g, state: 'ended', outcome: end.outcome, endedAt: end.at, updatedAt: end.at, remindAt: null });
    },
    reschedule: async (id, r) => {
      guard('grants.reschedule');
      const g = rows.get(id);
      if (g?.state !== 'active' || t(g.endsAt) !== t(r.fromEndsAt)) return null;
      return put({ ...g, endsAt: r.endsAt, remindAt: r.remindAt, updatedAt: r.at });
    },
    listDueReminders: async (now, limit) => {
      guard('grants.listDueReminders');
      return [...rows.values()]
        .filter((g) => g.state === 'active' && g.remindAt !== null && g.remindAt.getTime() <= now.getTime())
        .filter((g) => g.endsAt.getTime() > now.getTime())
        .sort(byEnd)
        .slice(0, toLimit(limit))
        .map((g) => structuredClone(g));
    },
    claimReminder: async (id, now) => {
      guard('grants.claimReminder');
      const g = rows.get(id);
      if (g?.state !== 'active' || g.remindAt === null || g.remindAt.getTime() > now.getTime()) return false;
      put({ ...g, remindAt: null, updatedAt: now });
      return true;
    },
  };
}
