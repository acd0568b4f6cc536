import { z } from 'zod';
import type {
  DocSpaceUserId,
  Grant,
  GrantFinish,
  GrantRenewal,
  GroupId,
  RequestId,
  SlackTeamId,
  SlackUserId,
} from '../../domain/index.js';
import { GRANT_KINDS, GRANT_OUTCOMES, GRANT_STATES } from '../../domain/index.js';
import type { SqlValue } from './rows.js';
import { type Placeholder, placeholders } from './statements.js';

// The grants table for both SQL drivers: columns, row mapping and every statement. Each statement binds its values in
// the order listed beside it, so the same text works with '?' (SQLite) and '$n' (PostgreSQL) placeholders.

const GRANT_COLUMNS = [
  'id',
  'team_id',
  'group_id',
  'group_name',
  'kind',
  'user_id',
  'user_name',
  'member_slack_id',
  'requester_slack_id',
  'previous_manager_id',
  'previous_manager_name',
  'duration_ms',
  'starts_at',
  'ends_at',
  'remind_at',
  'state',
  'lease_until',
  'attempts',
  'last_error',
  'request_id',
  'ended_at',
  'outcome',
  'updated_at',
] as const;

const date = z.union([z.string(), z.date()]).transform((v, ctx) => {
  const d = v instanceof Date ? v : new Date(v);
  if (Number.isNaN(d.getTime())) ctx.addIssue({ code: 'custom', message: `not a date: ${String(v)}` });
  return d;
});
const nullableText = z.string().nullable();

const grantRow = z.object({
  id: z.string(),
  team_id: z.string(),
  group_id: z.string(),
  group_name: z.string(),
  kind: z.enum(GRANT_KINDS),
  user_id: z.string(),
  user_name: z.string(),
  member_slack_id: nullableText,
  requester_slack_id: nullableText,
  previous_manager_id: nullableText,
  previous_manager_name: nullableText,
  // pg answers bigint as text.
  duration_ms: z.coerce.number().int(),
  starts_at: date,
  ends_at: date,
  remind_at: date.nullable(),
  state: z.enum(GRANT_STATES),
  lease_until: date.nullable(),
  attempts: z.coerce.number().int(),
  last_error: nullableText,
  request_id: nullableText,
  ended_at: date.nullable(),
  outcome: z.enum(GRANT_OUTCOMES).nullable(),
  updated_at: date,
});

function grantValues(g: Grant): SqlValue[] {
  return [
    g.id,
    g.teamId,
    g.groupId,
    g.groupName,
    g.kind,
    g.userId,
    g.userName,
    g.memberSlackId,
    g.requesterSlackId,
    g.previousManagerId,
    g.previousManagerName,
    g.durationMs,
    g.startsAt,
    g.endsAt,
    g.remindAt,
    g.state,
    g.leaseUntil,
    g.attempts,
    g.lastError,
    g.requestId,
    g.endedAt,
    g.outcome,
    g.updatedAt,
  ];
}

export function grantFromRow(raw: unknown): Grant {
  const row = grantRow.parse(raw);
  return {
    id: row.id,
    teamId: row.team_id as SlackTeamId,
    groupId: row.group_id as GroupId,
    groupName: row.group_name,
    kind: row.kind,
    userId: row.user_id as DocSpaceUserId,
    userName: row.user_name,
    memberSlackId: row.member_slack_id as SlackUserId | null,
    requesterSlackId: row.requester_slack_id as SlackUserId | null,
    previousManagerId: row.previous_manager_id as DocSpaceUserId | null,
    previousManagerName: row.previous_manager_name,
    durationMs: row.duration_ms,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    remindAt: row.remind_at,
    state: row.state,
    leaseUntil: row.lease_until,
    attempts: row.attempts,
    lastError: row.last_error,
    requestId: row.request_id as RequestId | null,
    endedAt: row.ended_at,
    outcome: row.outcome,
    updatedAt: row.updated_at,
  };
}

const LIVE = "state IN ('active', 'expiring')";
const DUE = (now: string, now2: string) =>
  `((state = 'active' AND ends_at <= ${now}) OR (state = 'expiring' AND lease_until <= ${now2}))`;

/** A statement and the values to bind, in order. */
export interface Bound {
  readonly sql: string;
  readonly values: SqlValue[];
}

/** Every grants statement, for one placeholder style; `order` adds the collation PostgreSQL needs to sort ids like SQLite. */
export function grantStatements(p: Placeholder, idOrder: string) {
  const order = `ORDER BY ends_at, id${idOrder}`;
  return {
    insert: (g: Grant): Bound => ({
      sql: `INSERT INTO grants (${GRANT_COLUMNS.join(', ')}) VALUES (${placeholders(GRANT_COLUMNS.length, p)})`,
      values: grantValues(g),
    }),
    get: (id: string): Bound => ({ sql: `SELECT * FROM grants WHERE id = ${p(1)}`, values: [id] }),
    listActiveForGroup: (teamId: string, groupId: string): Bound => ({
      sql: `SELECT * FROM grants WHERE team_id = ${p(1)} AND group_id = ${p(2)} AND ${LIVE} ${order}`,
      values: [teamId, groupId],
    }),
    listActive: (teamId: string, slackUserId: string | undefined, limit: number): Bound =>
      slackUserId === undefined
        ? {
            sql: `SELECT * FROM grants WHERE team_id = ${p(1)} AND ${LIVE} ${order} LIMIT ${p(2)}`,
            values: [teamId, limit],
          }
        : {
            sql:
              `SELECT * FROM grants WHERE team_id = ${p(1)} AND ${LIVE} ` +
              `AND (member_slack_id = ${p(2)} OR requester_slack_id = ${p(3)}) ${order} LIMIT ${p(4)}`,
            values: [teamId, slackUserId, slackUserId, limit],
          },
    listDue: (now: Date, limit: number): Bound => ({
      sql: `SELECT * FROM grants WHERE ${DUE(p(1), p(2))} ${order} LIMIT ${p(3)}`,
      values: [now, now, limit],
    }),
    claimExpiry: (id: string, now: Date, leaseUntil: Date): Bound => ({
      sql:
        `UPDATE grants SET state = 'expiring', lease_until = ${p(1)}, attempts = attempts + 1, updated_at = ${p(2)} ` +
        `WHERE id = ${p(3)} AND ${DUE(p(4), p(5))} RETURNING *`,
      values: [leaseUntil, now, id, now, now],
    }),
    deferExpiry: (id: string, attempts: number, error: string, retryAt: Date): Bound => ({
      sql:
        `UPDATE grants SET lease_until = ${p(1)}, last_error = ${p(2)}, updated_at = ${p(3)} ` +
        `WHERE id = ${p(4)} AND state = 'expiring' AND attempts = ${p(5)} RETURNING id`,
      values: [retryAt, error, retryAt, id, attempts],
    }),
    finishExpiry: (id: string, f: GrantFinish): Bound => ({
      sql:
        `UPDATE grants SET state = ${p(1)}, outcome = ${p(2)}, ended_at = ${p(3)}, updated_at = ${p(4)}, ` +
        `lease_until = NULL, remind_at = NULL, last_error = coalesce(${p(5)}, last_error) ` +
        `WHERE id = ${p(6)} AND state = 'expiring' AND attempts = ${p(7)} RETURNING *`,
      values: [f.state, f.outcome, f.at, f.at, f.error ?? null, id, f.attempts],
    }),
    endActive: (id: string, at: Date, outcome: string): Bound => ({
      sql:
        `UPDATE grants SET state = 'ended', outcome = ${p(1)}, ended_at = ${p(2)}, updated_at = ${p(3)}, ` +
        `remind_at = NULL WHERE id = ${p(4)} AND state = 'active' RETURNING *`,
      values: [outcome, at, at, id],
    }),
    reschedule: (id: string, r: GrantRenewal): Bound => ({
      sql:
        `UPDATE grants SET ends_at = ${p(1)}, remind_at = ${p(2)}, updated_at = ${p(3)} ` +
        `WHERE id = ${p(4)} AND state = 'active' AND ends_at = ${p(5)} RETURNING *`,
      values: [r.endsAt, r.remindAt, r.at, id, r.fromEndsAt],
    }),
    listDueReminders: (now: Date, limit: number): Bound => ({
      sql:
        `SELECT * FROM grants WHERE state = 'active' AND remind_at IS NOT NULL AND remind_at <= ${p(1)} ` +
        `AND ends_at > ${p(2)} ${order} LIMIT ${p(3)}`,
      values: [now, now, limit],
    }),
    claimReminder: (id: string, now: Date): Bound => ({
      sql:
        `UPDATE grants SET remind_at = NULL, updated_at = ${p(1)} ` +
        `WHERE id = ${p(2)} AND state = 'active' AND remind_at IS NOT NULL AND remind_at <= ${p(3)} RETURNING id`,
      values: [now, id, now],
    }),
  };
}
