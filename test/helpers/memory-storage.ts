import type {
  AuditEntry,
  AuditRepo,
  ChangeRequest,
  ChannelAlertRepo,
  HomeViewerRepo,
  MappingRepo,
  RequestRepo,
  RequestStatus,
  RequestTransition,
  SlackUserId,
  Storage,
  UserMapping,
} from '../../src/domain/index.js';
import { REQUEST_STATUSES } from '../../src/domain/index.js';
import { closedError, StorageError } from '../../src/storage/errors.js';
import { toLimit, uniqueIds } from '../../src/storage/sql/rows.js';
import { createMemoryGrants } from './memory-grants.js';
import { createMemoryHandovers } from './memory-handovers.js';
import { createMemoryDeliveries, createMemoryNames } from './memory-names.js';
import { createMemoryReviews } from './memory-reviews.js';
import { createMemoryUndo } from './memory-undo.js';

const STORE = 'memory';

/**
 * A test fake of the Storage port, kept honest by the storage contract suite: the same rules as SQLite and PostgreSQL
 * (unique DocSpace id per team, one pending twin, compare-and-set transitions, append-only audit, JSON round trip of
 * audit before/after, one name reservation per team and name key).
 */
export function createMemoryStorage(): Storage {
  let closed = false;
  const guard = (operation: string): void => {
    if (closed) throw closedError(STORE, operation);
  };
  const audit = createMemoryAudit(guard);
  return {
    kind: 'memory',
    mappings: createMemoryMappings(guard),
    requests: createMemoryRequests(guard),
    audit,
    names: createMemoryNames(guard),
    deliveries: createMemoryDeliveries(guard),
    alerts: createMemoryAlerts(guard),
    grants: createMemoryGrants(guard),
    undo: createMemoryUndo(guard, audit),
    handovers: createMemoryHandovers(guard),
    homes: createMemoryHomes(guard),
    reviews: createMemoryReviews(guard),
    async ping() {
      guard('ping');
    },
    async close() {
      closed = true;
    },
  };
}

function createMemoryMappings(guard: (operation: string) => void): MappingRepo {
  const rows = new Map<string, UserMapping>();
  /** Unlink blocks: who blocked, keyed like rows. */
  const blocks = new Map<string, { by: string; at: Date }>();
  const key = (teamId: string, slackUserId: string) => `${teamId}\u0000${slackUserId}`;
  const holderOf = (teamId: string, docspaceUserId: string) =>
    [...rows.values()].find((m) => m.teamId === teamId && m.docspaceUserId === docspaceUserId);
  const update = (teamId: string, slackUserId: string, change: (row: UserMapping) => UserMapping) => {
    const row = rows.get(key(teamId, slackUserId));
    if (row !== undefined) rows.set(key(teamId, slackUserId), change(row));
  };
  return {
    get: async (teamId, slackUserId) => {
      guard('mappings.get');
      const row = rows.get(key(teamId, slackUserId));
      return row === undefined ? null : structuredClone(row);
    },
    getByDocSpaceUser: async (teamId, docspaceUserId) => {
      guard('mappings.getByDocSpaceUser');
      const row = holderOf(teamId, docspaceUserId);
      return row === undefined ? null : structuredClone(row);
    },
    save: async (mapping) => {
      guard('mappings.save');
      const id = key(mapping.teamId, mapping.slackUserId);
      if (mapping.source === 'email' && blocks.has(id)) return { ok: false, blocked: true };
      const holder = holderOf(mapping.teamId, mapping.docspaceUserId);
      if (holder !== undefined && holder.slackUserId !== mapping.slackUserId) {
        return { ok: false, conflict: structuredClone(holder) };
      }
      rows.set(id, structuredClone(mapping));
      if (mapping.source === 'manual') blocks.delete(id);
      return { ok: true };
    },
    markVerified: async (teamId, slackUserId, seen) => {
      guard('mappings.markVerified');
      const at = new Date(seen.at.getTime());
      update(teamId, slackUserId, (row) => ({
        ...row,
        verifiedAt: at,
        docspaceEmail: seen.email,
        docspaceDisplayName: seen.displayName,
        docspaceType: seen.type,
        docspaceStatus: seen.status,
        authorityReadAt: new Date(at.getTime()),
      }));
    },
    recordAuthority: async (teamId, slackUserId, facts) => {
      guard('mappings.recordAuthority');
      update(teamId, slackUserId, (row) => ({
        ...row,
        docspaceType: facts.type,
        docspaceStatus: facts.status,
        authorityReadAt: new Date(facts.at.getTime()),
      }));
    },
    delete: async (teamId, slackUserId) => {
      guard('mappings.delete');
      return rows.delete(key(teamId, slackUserId));
    },
    unlink: async (teamId, slackUserId, by) => {
      guard('mappings.unlink');
      const id = key(teamId, slackUserId);
      const before = rows.get(id);
      rows.delete(id);
      blocks.set(id, { by: by.slackUserId, at: new Date(by.at.getTime()) });
      return before === undefined ? null : structuredClone(before);
    },
    isBlocked: async (teamId, slackUserId) => {
      guard('mappings.isBlocked');
      return blocks.has(key(teamId, slackUserId));
    },
    list: async (teamId) => {
      guard('mappings.list');
      return [...rows.values()]
        .filter((m) => teamId === undefined || m.teamId === teamId)
        .sort((a, b) => compareText(a.teamId, b.teamId) || compareText(a.slackUserId, b.slackUserId))
        .map((m) => structuredClone(m));
    },
  };
}

function createMemoryAudit(guard: (operation: string) => void): AuditRepo {
  const entries: AuditEntry[] = [];
  return {
    append: async (entry) => {
      guard('audit.append');
      const stored: AuditEntry = {
        ...structuredClone({ ...entry, before: undefined, after: undefined }),
        id: entries.length + 1,
        before: jsonRoundTrip(entry.before),
        after: jsonRoundTrip(entry.after),
      };
      entries.push(stored);
      return structuredClone(stored);
    },
    list: async (filter) => {
      guard('audit.list');
      return entries
        .filter((e) => filter.teamId === undefined || e.teamId === filter.teamId)
        .filter((e) => filter.groupId === undefined || e.groupId === filter.groupId)
        .reverse()
        .slice(0, toLimit(filter.limit))
        .map((e) => structuredClone(e));
    },
    listAfter: async (afterId, limit) => {
      guard('audit.listAfter');
      return entries
        .filter((e) => e.id > afterId)
        .slice(0, toLimit(limit))
        .map((e) => structuredClone(e));
    },
  };
}

/** What the SQL stores give back: JSON text in, parsed JSON out (Dates become ISO strings); undefined stays undefined. */
function jsonRoundTrip(value: unknown): unknown {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

/** Same semantics as the SQL drivers: one pending twin per team + fingerprint, and transition() is a compare-and-set. */
function createMemoryRequests(guard: (operation: string) => void): RequestRepo {
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
    ...createMemoryQueue(rows, guard),
  };
}

/** Card post claims, withdrawals and the pending count, with the same compare-and-set rules as the SQL stores. */
function createMemoryQueue(
  rows: Map<string, ChangeRequest>,
  guard: (operation: string) => void,
): Pick<RequestRepo, 'countPending' | 'withdraw' | 'claimCardPost' | 'recordCardPostFailure' | 'listMissingCards'> {
  const posts = new Map<string, { attempts: number; nextAt: Date | null; error: string | null }>();
  const postOf = (id: string) => posts.get(id) ?? { attempts: 0, nextAt: null, error: null };
  const missingAndDue = (r: ChangeRequest, now: Date) => {
    const nextAt = postOf(r.id).nextAt;
    return r.status === 'pending' && r.card === null && (nextAt === null || nextAt.getTime() <= now.getTime());
  };
  const waitingSince = (r: ChangeRequest) => (postOf(r.id).nextAt ?? r.createdAt).getTime();
  return {
    countPending: async (teamId, filter) => {
      guard('requests.countPending');
      return [...rows.values()].filter(
        (r) =>
          r.teamId === teamId &&
          r.status === 'pending' &&
          (filter.requesterId === undefined || r.requesterIds.includes(filter.requesterId)),
      ).length;
    },
    withdraw: async (id, requesterId, at) => {
      guard('requests.withdraw');
      const row = rows.get(id);
      if (row === undefined || row.status !== 'pending' || !row.requesterIds.includes(requesterId)) return null;
      const when = new Date(at.getTime());
      const remaining = row.requesterIds.filter((r) => r !== requesterId);
      const next: ChangeRequest =
        remaining.length === 0
          ? { ...row, status: 'cancelled', updatedAt: when, decidedBy: requesterId, decidedAt: when }
          : { ...row, requesterIds: remaining, updatedAt: when };
      rows.set(id, next);
      return { request: structuredClone(next), cancelled: remaining.length === 0 };
    },
    claimCardPost: async (id, claim) => {
      guard('requests.claimCardPost');
      const row = rows.get(id);
      if (row === undefined || !missingAndDue(row, claim.now)) return null;
      const post = postOf(id);
      posts.set(id, { ...post, attempts: post.attempts + 1, nextAt: new Date(claim.leaseUntil.getTime()) });
      return post.attempts + 1;
    },
    recordCardPostFailure: async (id, failure) => {
      guard('requests.recordCardPostFailure');
      if (rows.get(id)?.card !== null) return;
      posts.set(id, { ...postOf(id), error: failure.error, nextAt: new Date(failure.retryAt.getTime()) });
    },
    listMissingCards: async (now, limit) => {
      guard('requests.listMissingCards');
      return [...rows.values()]
        .filter((r) => missingAndDue(r, now))
        .sort(
          (a, b) =>
            waitingSince(a) - waitingSince(b) ||
            a.createdAt.getTime() - b.createdAt.getTime() ||
            compareText(a.id, b.id),
        )
        .slice(0, toLimit(limit))
        .map((r) => structuredClone(r));
    },
  };
}

function createMemoryAlerts(guard: (operation: string) => void): ChannelAlertRepo {
  const problems = new Map<string, string>();
  return {
    raise: async (channelId, problem) => {
      guard('alerts.raise');
      if (problems.get(channelId) === problem) return false;
      problems.set(channelId, problem);
      return true;
    },
    clear: async (channelId) => {
      guard('alerts.clear');
      return problems.delete(channelId);
    },
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
      STORE,
      `Storage query requests.insertOrJoin failed on ${STORE}: duplicate id ${request.id}`,
    );
  }
  const stored = structuredClone({ ...request, requesterIds: uniqueIds(request.requesterIds) });
  rows.set(stored.id, stored);
  return { request: structuredClone(stored), created: true };
}

function createMemoryListings(
  rows: ReadonlyMap<string, ChangeRequest>,
  guard: (operation: string) => void,
): Pick<
  RequestRepo,
  'listPending' | 'listExpired' | 'listStuck' | 'countByStatus' | 'countPendingBy' | 'findPendingTwin'
> {
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
      const offset = toLimit(filter.offset ?? 0);
      return select(
        (r) => r.teamId === teamId && r.status === 'pending' && asked(r),
        (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || compareText(a.id, b.id),
        offset + toLimit(filter.limit),
      ).slice(offset);
    },
    listExpired: async (now, limit) => {
      guard('requests.listExpired');
      return select(
        (r) => r.status === 'pending' && r.expiresAt.getTime() <= now.getTime(),
        (a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || compareText(a.id, b.id),
        limit,
      );
    },
    countPendingBy: async (teamId, requesterId) => {
      guard('requests.countPendingBy');
      const pending = [...rows.values()].filter((r) => r.teamId === teamId && r.status === 'pending');
      return pending.filter((r) => r.requesterIds.includes(requesterId)).length;
    },
    findPendingTwin: async (teamId, fingerprint) => {
      guard('requests.findPendingTwin');
      const twin = [...rows.values()].find(
        (r) => r.teamId === teamId && r.status === 'pending' && r.fingerprint === fingerprint,
      );
      return twin === undefined ? null : structuredClone(twin);
    },
    countByStatus: async () => {
      guard('requests.countByStatus');
      const counts = Object.fromEntries(REQUEST_STATUSES.map((s) => [s, 0])) as Record<RequestStatus, number>;
      for (const r of rows.values()) counts[r.status] += 1;
      return counts;
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
    ...(t.dryRun !== undefined ? { dryRun: t.dryRun } : {}),
  };
}

/** Code-unit order, like SQLite's BINARY and PostgreSQL's "C" collation. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function createMemoryHomes(guard: (operation: string) => void): HomeViewerRepo {
  const opened = new Set<string>();
  const key = (teamId: string, userId: string) => `${teamId}:${userId}`;
  return {
    record: async (teamId, slackUserId) => {
      guard('homes.record');
      opened.add(key(teamId, slackUserId));
    },
    filterOpened: async (teamId, slackUserIds) => {
      guard('homes.filterOpened');
      return [...new Set<SlackUserId>(slackUserIds)].filter((id) => opened.has(key(teamId, id)));
    },
  };
}
