import { z } from 'zod';
import type {
  DocSpaceUserId,
  GroupId,
  Handover,
  HandoverId,
  HandoverTransition,
  RequestId,
  SlackTeamId,
  SlackUserId,
} from '../../domain/index.js';
import { HANDOVER_STATUSES } from '../../domain/index.js';
import type { SqlValue } from './rows.js';
import type { Placeholder } from './statements.js';

// SQL and row mapping of migration 009 (handovers), shared by the SQLite and PostgreSQL drivers.

const date = z.union([z.string(), z.date()]).transform((v) => (v instanceof Date ? v : new Date(v)));
const person = z.object({ id: z.string(), displayName: z.string() });
const snapshot = z.object({
  groupName: z.string(),
  managerBefore: person.nullable(),
  members: z.array(person),
  membersCount: z.number().int().min(0),
  durationMs: z.number().int().positive().optional(),
});

const handoverRow = z.object({
  id: z.string(),
  team_id: z.string(),
  group_id: z.string(),
  incoming_docspace_id: z.string(),
  incoming_slack_id: z.string(),
  incoming_name: z.string(),
  requested_by: z.string(),
  approved_by: z.string().nullable(),
  request_id: z.string().nullable(),
  reason: z.string().nullable(),
  snapshot_json: z
    .string()
    .transform((v): unknown => JSON.parse(v))
    .pipe(snapshot),
  status: z.enum(HANDOVER_STATUSES),
  created_at: date,
  expires_at: date,
  decided_at: date.nullable(),
  outcome: z.string().nullable(),
  dm_channel_id: z.string().nullable(),
  dm_ts: z.string().nullable(),
});

export function handoverFromRow(raw: unknown): Handover {
  const row = handoverRow.parse(raw);
  return {
    id: row.id as HandoverId,
    teamId: row.team_id as SlackTeamId,
    groupId: row.group_id as GroupId,
    incomingDocSpaceId: row.incoming_docspace_id as DocSpaceUserId,
    incomingSlackId: row.incoming_slack_id as SlackUserId,
    incomingName: row.incoming_name,
    requestedBy: row.requested_by as SlackUserId,
    approvedBy: row.approved_by as SlackUserId | null,
    requestId: row.request_id as RequestId | null,
    reason: row.reason,
    snapshot: row.snapshot_json as unknown as Handover['snapshot'],
    status: row.status,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    decidedAt: row.decided_at,
    outcome: row.outcome,
    dm: row.dm_channel_id && row.dm_ts ? { channelId: row.dm_channel_id, ts: row.dm_ts } : null,
  };
}

const COLUMNS = [
  'id',
  'team_id',
  'group_id',
  'incoming_docspace_id',
  'incoming_slack_id',
  'incoming_name',
  'requested_by',
  'approved_by',
  'request_id',
  'reason',
  'snapshot_json',
  'status',
  'created_at',
  'expires_at',
  'decided_at',
  'outcome',
  'dm_channel_id',
  'dm_ts',
] as const;

function handoverValues(h: Handover): SqlValue[] {
  return [
    h.id,
    h.teamId,
    h.groupId,
    h.incomingDocSpaceId,
    h.incomingSlackId,
    h.incomingName,
    h.requestedBy,
    h.approvedBy,
    h.requestId,
    h.reason,
    JSON.stringify(h.snapshot),
    h.status,
    h.createdAt,
    h.expiresAt,
    h.decidedAt,
    h.outcome,
    h.dm?.channelId ?? null,
    h.dm?.ts ?? null,
  ];
}

/** The statements of HandoverRepo, with each driver's placeholders. */
export function handoverStatements(p: Placeholder) {
  const values = COLUMNS.map((_, i) => p(i + 1)).join(', ');
  const waiting = `status = 'waiting'`;
  return {
    insert: {
      // The partial unique index allows one waiting handover per team and group; a second one inserts nothing.
      sql: `INSERT INTO handovers (${COLUMNS.join(', ')}) VALUES (${values}) ON CONFLICT (team_id, group_id) WHERE ${waiting} DO NOTHING RETURNING id`,
      values: handoverValues,
    },
    get: `SELECT * FROM handovers WHERE id = ${p(1)}`,
    findWaiting: `SELECT * FROM handovers WHERE team_id = ${p(1)} AND group_id = ${p(2)} AND ${waiting}`,
    findByRequest: `SELECT * FROM handovers WHERE request_id = ${p(1)} ORDER BY created_at DESC, id DESC LIMIT 1`,
    transition: {
      sql: `UPDATE handovers SET status = ${p(1)}, decided_at = ${p(2)} WHERE id = ${p(3)} AND ${waiting} RETURNING *`,
      values: (id: HandoverId, t: HandoverTransition): SqlValue[] => [t.to, t.at, id],
    },
    recordOutcome: `UPDATE handovers SET outcome = ${p(1)} WHERE id = ${p(2)}`,
    setDm: `UPDATE handovers SET dm_channel_id = ${p(1)}, dm_ts = ${p(2)} WHERE id = ${p(3)}`,
    listExpired: `SELECT * FROM handovers WHERE ${waiting} AND expires_at <= ${p(1)} ORDER BY expires_at, id LIMIT ${p(2)}`,
    waitingForSlack: `SELECT * FROM handovers WHERE team_id = ${p(1)} AND ${waiting} AND incoming_slack_id = ${p(2)} ORDER BY created_at, id`,
    waitingForDocSpace: `SELECT * FROM handovers WHERE team_id = ${p(1)} AND ${waiting} AND incoming_docspace_id = ${p(2)} ORDER BY created_at, id`,
  };
}
