import type { RequestId, RequestTransition } from '../domain/index.js';
import type { SqlValue } from './rows.js';

/** '?' for SQLite, '$n' for PostgreSQL. */
export type Placeholder = (position: number) => string;

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
  let where = `id = ${bind(id)} AND status IN (${t.from.map((s) => bind(s)).join(', ')})`;
  if (t.startAttempt !== undefined) {
    where += ` AND attempts < ${bind(t.startAttempt.maxAttempts)} AND retryable = ${bind(1)}`;
  }
  return { sql: `UPDATE change_requests SET ${sets.join(', ')} WHERE ${where} RETURNING *`, values };
}
