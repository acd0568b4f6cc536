import type { UndoRepo } from '../../domain/index.js';
import { auditFromRow, type SqlValue } from '../sql/rows.js';
import { undoClaimFromRow, undoClaimValues, undoStatements } from '../sql/undo.js';
import type { createSqliteContext } from './repos.js';

// Migration 008's repository on SQLite: the claim is one INSERT guarded by the primary key, atomic under the write lock.

type SqliteContext = ReturnType<typeof createSqliteContext>;

const SQL = undoStatements(() => '?');

const bind = (values: readonly SqlValue[]) => values.map((v) => (v instanceof Date ? v.toISOString() : v));

export function createSqliteUndo(ctx: SqliteContext): UndoRepo {
  const changed = (sql: string, values: readonly SqlValue[]) => ctx.statement(sql).all(...bind(values)).length;
  const one = <T>(sql: string, values: readonly SqlValue[], map: (row: unknown) => T): T | null => {
    const row = ctx.statement(sql).get(...bind(values));
    return row === undefined ? null : map(row);
  };
  return {
    entry: (id) => ctx.run('undo.entry', () => one(SQL.entry, [id], auditFromRow)),
    executionOf: (requestId) => ctx.run('undo.executionOf', () => one(SQL.executionOf, [requestId], auditFromRow)),
    claim: (claim) => ctx.run('undo.claim', () => changed(SQL.claim, undoClaimValues(claim)) === 1),
    get: (entryId) => ctx.run('undo.get', () => one(SQL.get, [entryId], undoClaimFromRow)),
    attachRequest: (entryId, token, requestId) =>
      ctx.run('undo.attachRequest', () => changed(SQL.attachRequest, [requestId, entryId, token]) === 1),
    release: (entryId, token) => ctx.run('undo.release', () => changed(SQL.release, [entryId, token]) === 1),
  };
}
