import type { AuditEntry, AuditRepo, MappingRepo, Storage, UserMapping } from '../domain/index.js';
import { closedError } from './errors.js';
import { compareText, createMemoryRequests } from './memory-requests.js';
import { toLimit } from './rows.js';

const STORE = 'memory';

/**
 * The in-memory Storage for unit tests and DB-less runs: the same rules as SQLite and PostgreSQL (unique DocSpace id per
 * team, one pending twin, compare-and-set transitions, append-only audit, JSON round trip of audit before/after).
 * `now` is accepted for symmetry with other factories; every date the repos store is passed in by the caller.
 */
export function createMemoryStorage(_options: { now?: () => Date } = {}): Storage {
  let closed = false;
  const guard = (operation: string): void => {
    if (closed) throw closedError(STORE, operation);
  };
  return {
    kind: 'memory',
    mappings: createMemoryMappings(guard),
    requests: createMemoryRequests(guard),
    audit: createMemoryAudit(guard),
    async close() {
      closed = true;
    },
  };
}

function createMemoryMappings(guard: (operation: string) => void): MappingRepo {
  const rows = new Map<string, UserMapping>();
  const key = (teamId: string, slackUserId: string) => `${teamId}\u0000${slackUserId}`;
  const holderOf = (teamId: string, docspaceUserId: string) =>
    [...rows.values()].find((m) => m.teamId === teamId && m.docspaceUserId === docspaceUserId);
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
      const holder = holderOf(mapping.teamId, mapping.docspaceUserId);
      if (holder !== undefined && holder.slackUserId !== mapping.slackUserId) {
        return { ok: false, conflict: structuredClone(holder) };
      }
      rows.set(key(mapping.teamId, mapping.slackUserId), structuredClone(mapping));
      return { ok: true };
    },
    markVerified: async (teamId, slackUserId, seen) => {
      guard('mappings.markVerified');
      const row = rows.get(key(teamId, slackUserId));
      if (row === undefined) return;
      const verifiedAt = new Date(seen.at.getTime());
      rows.set(key(teamId, slackUserId), {
        ...row,
        verifiedAt,
        docspaceEmail: seen.email,
        docspaceDisplayName: seen.displayName,
        docspaceType: seen.type,
      });
    },
    delete: async (teamId, slackUserId) => {
      guard('mappings.delete');
      return rows.delete(key(teamId, slackUserId));
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
