import type { UndoRepo } from '../../domain/index.js';
import { auditFromRow } from '../sql/rows.js';
import { undoClaimFromRow, undoClaimValues, undoStatements } from '../sql/undo.js';
import type { createPostgresContext } from './repos.js';

// Migration 008's repository on PostgreSQL: the claim is one INSERT guarded by the primary key, so two replicas can
// never both hold the undo of one entry.

type PostgresContext = ReturnType<typeof createPostgresContext>;

const SQL = undoStatements((n) => `$${n}`);

export function createPostgresUndo(ctx: PostgresContext): UndoRepo {
  return {
    entry: async (id) => {
      const rows = await ctx.query('undo.entry', SQL.entry, [id]);
      return rows[0] === undefined ? null : auditFromRow(rows[0]);
    },
    executionOf: async (requestId) => {
      const rows = await ctx.query('undo.executionOf', SQL.executionOf, [requestId]);
      return rows[0] === undefined ? null : auditFromRow(rows[0]);
    },
    claim: async (claim) => (await ctx.query('undo.claim', SQL.claim, undoClaimValues(claim))).length === 1,
    get: async (entryId) => {
      const rows = await ctx.query('undo.get', SQL.get, [entryId]);
      return rows[0] === undefined ? null : undoClaimFromRow(rows[0]);
    },
    attachRequest: async (entryId, token, requestId) =>
      (await ctx.query('undo.attachRequest', SQL.attachRequest, [requestId, entryId, token])).length === 1,
    release: async (entryId, token) => (await ctx.query('undo.release', SQL.release, [entryId, token])).length === 1,
  };
}
