import type { ChangeRequest, RequestRepo, RequestTransition } from '../domain/index.js';
import { StorageError } from './errors.js';
import { toLimit, uniqueIds } from './rows.js';

/** Same semantics as the SQL drivers: one pending twin per team + fingerprint, and transition() is a compare-and-set. */
export function createMemoryRequests(guard: (operation: string) => void): RequestRepo {
  const rows = new Map<string, ChangeRequest>();
  const copy = (r: ChangeRequest): ChangeRequest => structuredClone(r);
  return {
    insertOrJoin: async (request) => {
      guard('requests.insertOrJoin');
      return insertOrJoin(rows, request);
    },
    get: async (id) => {
      guard('requests.get');
      const row = rows.get(id);
      return row === undefined ? null : copy(row);
    },
    transition: async (id, transition) => {
      guard('requests.transition');
      const row = rows.get(id);
      if (row === undefined || !canTransition(row, transition)) return null;
      const next = applyTransition(row, transition);
      rows.set(id, next);
      return copy(next);
    },
    setCard: async (id, card) => {
      guard('requests.setCard');
      const row = rows.get(id);
      if (row !== undefined) rows.set(id, { ...row, card: { channelId: card.channelId, ts: card.ts } });
    },
    ...createMemoryListings(rows, guard),
  };
}

function insertOrJoin(
  rows: Map<string, ChangeRequest>,
  request: ChangeRequest,
): { request: ChangeRequest; created: boolean } {
  const twin = [...rows.values()].find(
    (r) =>
      request.status === 'pending' &&
      r.status === 'pending' &&
      r.teamId === request.teamId &&
      r.fingerprint === request.fingerprint,
  );
  if (twin !== undefined) {
    const joined = { ...twin, requesterIds: uniqueIds([...twin.requesterIds, ...request.requesterIds]) };
    rows.set(joined.id, joined);
    return { request: structuredClone(joined), created: false };
  }
  if (rows.has(request.id)) {
    throw new StorageError(
      'query_failed',
      'memory',
      `Storage query requests.insertOrJoin failed on memory: duplicate id ${request.id}`,
    );
  }
  const stored = structuredClone({ ...request, requesterIds: uniqueIds(request.requesterIds) });
  rows.set(stored.id, stored);
  return { request: structuredClone(stored), created: true };
}

function createMemoryListings(
  rows: ReadonlyMap<string, ChangeRequest>,
  guard: (operation: string) => void,
): Pick<RequestRepo, 'listPending' | 'listExpired' | 'listStuck'> {
  const select = (
    keep: (r: ChangeRequest) => boolean,
    order: (a: ChangeRequest, b: ChangeRequest) => number,
    limit: number,
  ) =>
    [...rows.values()]
      .filter(keep)
      .sort(order)
      .slice(0, toLimit(limit))
      .map((r) => structuredClone(r));
  return {
    listPending: async (teamId, filter) => {
      guard('requests.listPending');
      const asked = (r: ChangeRequest) =>
        filter.requesterId === undefined || r.requesterIds.includes(filter.requesterId);
      return select(
        (r) => r.teamId === teamId && r.status === 'pending' && asked(r),
        (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || compareText(b.id, a.id),
        filter.limit,
      );
    },
    listExpired: async (now, limit) => {
      guard('requests.listExpired');
      return select(
        (r) => r.status === 'pending' && r.expiresAt.getTime() <= now.getTime(),
        (a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || compareText(a.id, b.id),
        limit,
      );
    },
    listStuck: async (status, updatedBefore, limit) => {
      guard('requests.listStuck');
      return select(
        (r) => r.status === status && r.updatedAt.getTime() < updatedBefore.getTime(),
        (a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || compareText(a.id, b.id),
        limit,
      );
    },
  };
}

function canTransition(row: ChangeRequest, t: RequestTransition): boolean {
  if (!t.from.includes(row.status)) return false;
  return t.startAttempt === undefined || (row.retryable && row.attempts < t.startAttempt.maxAttempts);
}

function applyTransition(row: ChangeRequest, t: RequestTransition): ChangeRequest {
  const at = new Date(t.at.getTime());
  return {
    ...row,
    status: t.to,
    updatedAt: at,
    ...(t.decidedBy !== undefined ? { decidedBy: t.decidedBy, decidedAt: at } : {}),
    ...(t.decisionNote !== undefined ? { decisionNote: t.decisionNote } : {}),
    ...(t.outcome !== undefined ? { outcome: t.outcome } : {}),
    attempts: t.startAttempt !== undefined ? row.attempts + 1 : row.attempts,
    ...(t.retryable !== undefined ? { retryable: t.retryable } : {}),
  };
}

/** Code-unit order, like SQLite's BINARY and PostgreSQL's "C" collation. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
