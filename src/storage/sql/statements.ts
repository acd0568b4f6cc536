import type { RequestId, RequestTransition } from '../../domain/index.js';
import { MAPPING_COLUMNS } from './columns.js';
import { dryRunText, type SqlValue } from './rows.js';

// SQL text both drivers share; only the placeholder style differs ('?' vs '$n').

/** '?' for SQLite, '$n' for PostgreSQL. */
export type Placeholder = (position: number) => string;

export function placeholders(count: number, placeholder: Placeholder, casts: Readonly<Record<number, string>> = {}) {
  return Array.from({ length: count }, (_, i) => `${placeholder(i + 1)}${casts[i] ?? ''}`).join(', ');
}

/** Inserts or replaces the Slack user's row; a DocSpace id held by another Slack user raises a unique violation. */
export function mappingUpsertSql(placeholder: Placeholder): string {
  const updates = MAPPING_COLUMNS.slice(2)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  return (
    `INSERT INTO user_mappings (${MAPPING_COLUMNS.join(', ')}) VALUES (${placeholders(MAPPING_COLUMNS.length, placeholder)}) ` +
    `ON CONFLICT (team_id, slack_user_id) DO UPDATE SET ${updates}`
  );
}

/**
 * The upsert of an automatic (email) match, refused in the same statement while an admin's unlink block stands: it
 * returns the row when written and nothing when blocked. Placeholders 1 and 2 are the team and Slack user ids.
 */
export function mappingMatchUpsertSql(placeholder: Placeholder, casts: Readonly<Record<number, string>>): string {
  const updates = MAPPING_COLUMNS.slice(2)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  const blocked = `SELECT 1 FROM mapping_blocks WHERE team_id = ${placeholder(1)} AND slack_user_id = ${placeholder(2)}`;
  return (
    `INSERT INTO user_mappings (${MAPPING_COLUMNS.join(', ')}) ` +
    `SELECT ${placeholders(MAPPING_COLUMNS.length, placeholder, casts)} WHERE NOT EXISTS (${blocked}) ` +
    `ON CONFLICT (team_id, slack_user_id) DO UPDATE SET ${updates} RETURNING slack_user_id`
  );
}

/** WHERE clause and values for AuditRepo.list; placeholders numbered from 1. */
export function auditFilterSql(
  filter: { readonly teamId?: string; readonly groupId?: string },
  placeholder: Placeholder,
): { where: string; values: string[] } {
  const conditions: string[] = [];
  const values: string[] = [];
  if (filter.teamId !== undefined) {
    values.push(filter.teamId);
    conditions.push(`team_id = ${placeholder(values.length)}`);
  }
  if (filter.groupId !== undefined) {
    values.push(filter.groupId);
    conditions.push(`group_id = ${placeholder(values.length)}`);
  }
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', values };
}

/**
 * The one compare-and-set statement behind RequestRepo.transition: it changes the row only while it is still in a
 * `from` state (and below the attempt bound), so two replicas or two clicks can never both win. null when `from` is empty.
 */
export function buildTransitionSql(
  id: RequestId,
  t: RequestTransition,
  placeholder: Placeholder,
): { sql: string; values: SqlValue[] } | null {
  if (t.from.length === 0) return null;
  const values: SqlValue[] = [];
  const bind = (value: SqlValue): string => {
    values.push(value);
    return placeholder(values.length);
  };
  const sets = [`status = ${bind(t.to)}`, `updated_at = ${bind(t.at)}`];
  if (t.decidedBy !== undefined) sets.push(`decided_by = ${bind(t.decidedBy)}`, `decided_at = ${bind(t.at)}`);
  if (t.decisionNote !== undefined) sets.push(`decision_note = ${bind(t.decisionNote)}`);
  if (t.outcome !== undefined) sets.push(`outcome = ${bind(t.outcome)}`);
  if (t.startAttempt !== undefined) sets.push('attempts = attempts + 1');
  if (t.retryable !== undefined) sets.push(`retryable = ${bind(t.retryable ? 1 : 0)}`);
  if (t.dryRun !== undefined) sets.push(`dry_run = ${bind(dryRunText(t.dryRun))}`);
  let where = `id = ${bind(id)} AND status IN (${t.from.map((s) => bind(s)).join(', ')})`;
  if (t.startAttempt !== undefined) {
    where += ` AND attempts < ${bind(t.startAttempt.maxAttempts)} AND retryable = ${bind(1)}`;
  }
  return { sql: `UPDATE change_requests SET ${sets.join(', ')} WHERE ${where} RETURNING *`, values };
}
