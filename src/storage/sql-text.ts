import { MAPPING_COLUMNS } from './columns.js';
import type { Placeholder } from './transition-sql.js';

// SQL text both drivers share; only the placeholder style differs ('?' vs '$n').

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

export const MAPPING_DOCSPACE_UNIQUE = 'user_mappings_docspace_user_key';

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

export const sqlitePlaceholder: Placeholder = () => '?';
export const postgresPlaceholder: Placeholder = (n) => `$${n}`;
