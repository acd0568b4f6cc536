import { z } from 'zod';
import type { RequestId, SlackTeamId, SlackUserId, UndoClaim } from '../../domain/index.js';
import type { SqlValue } from './rows.js';
import type { Placeholder } from './statements.js';

// SQL and row mapping of migration 008's undo_claims, shared by the SQLite and PostgreSQL drivers.

const date = z.union([z.string(), z.date()]).transform((v) => (v instanceof Date ? v : new Date(v)));

const claimRow = z.object({
  entry_id: z.union([z.number(), z.string()]).transform(Number),
  team_id: z.string(),
  token: z.string(),
  claimed_by: z.string(),
  claimed_at: date,
  request_id: z.string().nullable(),
});

export function undoClaimFromRow(raw: unknown): UndoClaim {
  const row = claimRow.parse(raw);
  return {
    entryId: row.entry_id,
    teamId: row.team_id as SlackTeamId,
    token: row.token,
    claimedBy: row.claimed_by as SlackUserId,
    claimedAt: row.claimed_at,
    requestId: row.request_id as RequestId | null,
  };
}

export function undoClaimValues(c: UndoClaim): SqlValue[] {
  return [c.entryId, c.teamId, c.token, c.claimedBy, c.claimedAt, c.requestId];
}

/** Actions whose entries record an executed change (what UndoRepo.executionOf looks for). */
const EXECUTIONS = "('create', 'set_manager', 'members', 'rename', 'delete', 'undo')";

/** The statements of UndoRepo, with each driver's placeholders. */
export function undoStatements(p: Placeholder) {
  const columns = 'entry_id, team_id, token, claimed_by, claimed_at, request_id';
  const values = Array.from({ length: 6 }, (_, i) => p(i + 1)).join(', ');
  return {
    entry: `SELECT * FROM audit_log WHERE id = ${p(1)}`,
    executionOf:
      `SELECT * FROM audit_log WHERE request_id = ${p(1)} AND action IN ${EXECUTIONS} ` +
      `AND outcome IN ('succeeded', 'partial') ORDER BY id DESC LIMIT 1`,
    claim: `INSERT INTO undo_claims (${columns}) VALUES (${values}) ON CONFLICT (entry_id) DO NOTHING RETURNING entry_id`,
    get: `SELECT * FROM undo_claims WHERE entry_id = ${p(1)}`,
    attachRequest: `UPDATE undo_claims SET request_id = ${p(1)} WHERE entry_id = ${p(2)} AND token = ${p(3)} RETURNING entry_id`,
    release: `DELETE FROM undo_claims WHERE entry_id = ${p(1)} AND token = ${p(2)} RETURNING entry_id`,
  };
}
