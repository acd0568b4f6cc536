import { z } from 'zod';
import type { DocSpaceUserId, GroupChange, GroupId, RequestId, SlackTeamId, SlackUserId } from '../../domain/index.js';
import {
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  type AuditEntry,
  type ChangeRequest,
  DOCSPACE_USER_STATUSES,
  DOCSPACE_USER_TYPES,
  type DryRunMark,
  MAPPING_SOURCES,
  type NewAuditEntry,
  REQUEST_STATUSES,
  type RequestSnapshot,
  type RequestStatus,
  type UserMapping,
} from '../../domain/index.js';

// Row <-> domain mapping shared by the SQLite and PostgreSQL drivers. Values are in the order of columns.ts; Dates stay
// Dates (SQLite binds them as ISO text, pg as timestamptz) and JSON columns are JSON text.

export type SqlValue = string | number | Date | null;

const date = z.union([z.string(), z.date()]).transform((v, ctx) => {
  const d = v instanceof Date ? v : new Date(v);
  if (Number.isNaN(d.getTime())) ctx.addIssue({ code: 'custom', message: `not a date: ${String(v)}` });
  return d;
});
const text = z.string();
const nullableText = z.string().nullable();
const jsonText = z.string().transform((v): unknown => JSON.parse(v));
/** SQL NULL -> undefined, 'null' -> null: the exact inverse of toJsonText. */
const optionalJsonText = z
  .string()
  .nullable()
  .transform((v): unknown => (v === null ? undefined : JSON.parse(v)));
const stringArray = z.preprocess((v) => (typeof v === 'string' ? JSON.parse(v) : v), z.array(z.string()));

const mappingRow = z.object({
  team_id: text,
  slack_user_id: text,
  docspace_user_id: text,
  source: z.enum(MAPPING_SOURCES),
  created_by: nullableText,
  created_at: date,
  verified_at: date,
  docspace_email: nullableText,
  docspace_display_name: text,
  docspace_type: z.enum(DOCSPACE_USER_TYPES),
  docspace_status: z.enum(DOCSPACE_USER_STATUSES),
  authority_read_at: date.nullable(),
});

const requestRow = z.object({
  id: text,
  team_id: text,
  fingerprint: text,
  change_json: jsonText,
  snapshot_json: jsonText,
  requester_ids: stringArray,
  requester_docspace_id: nullableText,
  reason: nullableText,
  status: z.enum(REQUEST_STATUSES),
  created_at: date,
  updated_at: date,
  expires_at: date,
  decided_by: nullableText,
  decided_at: date.nullable(),
  decision_note: nullableText,
  attempts: z.number().int(),
  // SQLite answers 0/1, PostgreSQL a boolean.
  retryable: z.union([z.boolean(), z.number()]).transform((v) => v === true || v === 1),
  outcome: nullableText,
  card_channel_id: nullableText,
  card_ts: nullableText,
  dry_run: nullableText.optional(),
});

const auditRow = z.object({
  id: z.union([z.number(), z.string()]).transform(Number),
  at: date,
  team_id: nullableText,
  actor_slack_id: nullableText,
  actor_docspace_id: nullableText,
  on_behalf_of: stringArray,
  request_id: nullableText,
  action: z.enum(AUDIT_ACTIONS),
  group_id: nullableText,
  group_name: nullableText,
  before_json: optionalJsonText,
  after_json: optionalJsonText,
  outcome: z.enum(AUDIT_OUTCOMES),
  detail: nullableText,
});

export function mappingValues(m: UserMapping): SqlValue[] {
  return [
    m.teamId,
    m.slackUserId,
    m.docspaceUserId,
    m.source,
    m.createdBy,
    m.createdAt,
    m.verifiedAt,
    m.docspaceEmail,
    m.docspaceDisplayName,
    m.docspaceType,
    m.docspaceStatus,
    m.authorityReadAt,
  ];
}

export function mappingFromRow(raw: unknown): UserMapping {
  const row = mappingRow.parse(raw);
  return {
    teamId: row.team_id as SlackTeamId,
    slackUserId: row.slack_user_id as SlackUserId,
    docspaceUserId: row.docspace_user_id as DocSpaceUserId,
    source: row.source,
    createdBy: row.created_by as SlackUserId | null,
    createdAt: row.created_at,
    verifiedAt: row.verified_at,
    docspaceEmail: row.docspace_email,
    docspaceDisplayName: row.docspace_display_name,
    docspaceType: row.docspace_type,
    docspaceStatus: row.docspace_status,
    authorityReadAt: row.authority_read_at,
  };
}

export function requestValues(r: ChangeRequest): SqlValue[] {
  return [
    r.id,
    r.teamId,
    r.fingerprint,
    JSON.stringify(r.change),
    JSON.stringify(r.snapshot),
    JSON.stringify(uniqueIds(r.requesterIds)),
    r.requesterDocSpaceId,
    r.reason,
    r.status,
    r.createdAt,
    r.updatedAt,
    r.expiresAt,
    r.decidedBy,
    r.decidedAt,
    r.decisionNote,
    r.attempts,
    r.retryable ? 1 : 0,
    r.outcome,
    r.card?.channelId ?? null,
    r.card?.ts ?? null,
    dryRunText(r.dryRun),
  ];
}

export function requestFromRow(raw: unknown): ChangeRequest {
  const row = requestRow.parse(raw);
  return {
    id: row.id as RequestId,
    teamId: row.team_id as SlackTeamId,
    fingerprint: row.fingerprint,
    change: row.change_json as GroupChange,
    snapshot: row.snapshot_json as RequestSnapshot,
    requesterIds: row.requester_ids as SlackUserId[],
    requesterDocSpaceId: row.requester_docspace_id as DocSpaceUserId | null,
    reason: row.reason,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
    decidedBy: row.decided_by as SlackUserId | null,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    attempts: row.attempts,
    retryable: row.retryable,
    outcome: row.outcome,
    card:
      row.card_channel_id !== null && row.card_ts !== null ? { channelId: row.card_channel_id, ts: row.card_ts } : null,
    ...(typeof row.dry_run === 'string' ? { dryRun: dryRunMark.parse(JSON.parse(row.dry_run)) } : {}),
  };
}

const dryRunMark = z.object({
  calls: z.array(
    z.object({
      operation: z.string(),
      method: z.enum(['POST', 'PUT', 'DELETE']),
      path: z.string(),
      body: z.unknown().transform((v) => v ?? null),
    }),
  ),
});

/** The dry_run column: NULL for a live request. */
export function dryRunText(mark: DryRunMark | undefined): string | null {
  return mark === undefined ? null : JSON.stringify(mark);
}

export function auditValues(e: NewAuditEntry): SqlValue[] {
  return [
    e.at,
    e.teamId,
    e.actorSlackId,
    e.actorDocSpaceId,
    JSON.stringify(e.onBehalfOf),
    e.requestId,
    e.action,
    e.groupId,
    e.groupName,
    toJsonText(e.before),
    toJsonText(e.after),
    e.outcome,
    e.detail,
  ];
}

export function auditFromRow(raw: unknown): AuditEntry {
  const row = auditRow.parse(raw);
  return {
    id: row.id,
    at: row.at,
    teamId: row.team_id as SlackTeamId | null,
    actorSlackId: row.actor_slack_id as SlackUserId | null,
    actorDocSpaceId: row.actor_docspace_id as DocSpaceUserId | null,
    onBehalfOf: row.on_behalf_of as SlackUserId[],
    requestId: row.request_id as RequestId | null,
    action: row.action,
    groupId: row.group_id as GroupId | null,
    groupName: row.group_name,
    before: row.before_json,
    after: row.after_json,
    outcome: row.outcome,
    detail: row.detail,
  };
}

/** undefined is stored as SQL NULL and comes back undefined; every other value as JSON text (null as 'null'). */
function toJsonText(value: unknown): string | null {
  return value === undefined ? null : (JSON.stringify(value) ?? null);
}

/** Requesters keep their first-asked order and appear once. */
export function uniqueIds<T extends string>(ids: readonly T[]): T[] {
  return [...new Set(ids)];
}

/** LIMIT values: whole, never negative (SQLite reads LIMIT -1 as "no limit"). */
export function toLimit(limit: number): number {
  if (Number.isNaN(limit)) return 0;
  return Math.max(0, Math.min(Number.MAX_SAFE_INTEGER, Math.floor(limit)));
}

/** The SQL both drivers run for RequestRepo.countByStatus (the status indexes make it an index-only scan). */
export const COUNT_BY_STATUS = 'SELECT status, count(*) AS n FROM change_requests GROUP BY status';

const statusCountRow = z.object({ status: z.enum(REQUEST_STATUSES), n: z.coerce.number().int().min(0) });

/** Rows of COUNT_BY_STATUS -> a count for every status, 0 for the ones with no row (pg returns count as text). */
export function statusCounts(rows: readonly unknown[]): Record<RequestStatus, number> {
  const counts = Object.fromEntries(REQUEST_STATUSES.map((s) => [s, 0])) as Record<RequestStatus, number>;
  for (const raw of rows) {
    const row = statusCountRow.parse(raw);
    counts[row.status] = row.n;
  }
  return counts;
}
