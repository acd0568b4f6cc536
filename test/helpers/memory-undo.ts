import type { AuditRepo, UndoClaim, UndoRepo } from '../../src/domain/index.js';

/** Migration 008's repository in memory, with the SQL stores' rules: one claim per entry, token-guarded changes. */

const EXECUTIONS: ReadonlySet<string> = new Set(['create', 'set_manager', 'members', 'rename', 'delete', 'undo']);

export function createMemoryUndo(guard: (operation: string) => void, audit: AuditRepo): UndoRepo {
  const claims = new Map<number, UndoClaim>();
  const all = () => audit.listAfter(0, Number.MAX_SAFE_INTEGER);
  return {
    entry: async (id) => {
      guard('undo.entry');
      return (await all()).find((e) => e.id === id) ?? null;
    },
    executionOf: async (requestId) => {
      guard('undo.executionOf');
      const runs = (await all()).filter(
        (e) =>
          e.requestId === requestId &&
          EXECUTIONS.has(e.action) &&
          (e.outcome === 'succeeded' || e.outcome === 'partial'),
      );
      return runs.at(-1) ?? null;
    },
    claim: async (claim) => {
      guard('undo.claim');
      if (claims.has(claim.entryId)) return false;
      claims.set(claim.entryId, structuredClone(claim));
      return true;
    },
    get: async (entryId) => {
      guard('undo.get');
      const claim = claims.get(entryId);
      return claim === undefined ? null : structuredClone(claim);
    },
    attachRequest: async (entryId, token, requestId) => {
      guard('undo.attachRequest');
      const claim = claims.get(entryId);
      if (claim?.token !== token) return false;
      claims.set(entryId, { ...claim, requestId });
      return true;
    },
    release: async (entryId, token) => {
      guard('undo.release');
      if (claims.get(entryId)?.token !== token) return false;
      claims.delete(entryId);
      return true;
    },
  };
}
