import { z } from 'zod';
import type {
  AccessReview,
  DocSpaceUserId,
  GroupId,
  RequestId,
  ReviewDecision,
  ReviewId,
  ReviewNotice,
  ReviewOutcome,
  ReviewRepo,
  ReviewSnapshot,
  SlackTeamId,
  SlackUserId,
} from '../../domain/index.js';
import {
  REVIEW_DECISIONS,
  REVIEW_OUTCOME_KINDS,
  REVIEW_STATES,
  REVIEW_TRIGGERS,
  REVIEWER_REASONS,
} from '../../domain/index.js';
import { type SqlValue, toLimit } from './rows.js';
import type { Placeholder } from './statements.js';

// The access review repository, written once for both drivers: they differ only in placeholders, in the casts
// PostgreSQL needs on INSERT … SELECT parameters, and in how a statement runs. Every statement returns rows.

/** How one driver runs a statement: every row it returns. */
export interface SqlRunner {
  readonly placeholder: Placeholder;
  /** The cast PostgreSQL needs on an untyped timestamp parameter ('' for SQLite). */
  readonly timestamp: string;
  all(operation: string, sql: string, values: readonly SqlValue[]): Promise<unknown[]>;
}

const date = z.union([z.string(), z.date()]).transform((v) => (v instanceof Date ? v : new Date(v)));
const isoDate = z.union([z.string(), z.null()]).transform((v) => (v === null ? null : new Date(v)));

const snapshotSchema = z.object({
  managerId: z.string().nullable(),
  managerName: z.string().nullable(),
  members: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      email: z.string().nullable(),
      memberSince: isoDate,
      grantEndsAt: isoDate,
    }),
  ),
});

const outcomeSchema = z.object({
  kind: z.enum(REVIEW_OUTCOME_KINDS),
  removed: z.array(z.string()),
  alreadyGone: z.array(z.string()),
  notReviewed: z.array(z.string()),
  requestId: z.string().nullable(),
  detail: z.string().nullable(),
});

const reviewRow = z.object({
  id: z.string(),
  team_id: z.string(),
  group_id: z.string(),
  group_name: z.string(),
  snapshot_json: z.string().transform((v) => snapshotSchema.parse(JSON.parse(v))),
  reviewer_slack_id: z.string(),
  reviewer_docspace_id: z.string(),
  reviewer_reason: z.enum(REVIEWER_REASONS),
  trigger_kind: z.enum(REVIEW_TRIGGERS),
  started_by: z.string().nullable(),
  created_at: date,
  due_at: date,
  state: z.enum(REVIEW_STATES),
  closed_by: z.string().nullable(),
  closed_at: date.nullable(),
  outcome_json: z
    .string()
    .nullable()
    .transform((v) => (v === null ? null : outcomeSchema.parse(JSON.parse(v)))),
  reminded_half_at: date.nullable(),
  reminded_due_at: date.nullable(),
  escalated_at: date.nullable(),
});

const decisionRow = z.object({
  review_id: z.string(),
  docspace_user_id: z.string(),
  decision: z.enum(REVIEW_DECISIONS),
  note: z.string().nullable(),
  decided_by: z.string(),
  decided_at: date,
});

const COLUMNS = [
  'id',
  'team_id',
  'group_id',
  'group_name',
  'snapshot_json',
  'reviewer_slack_id',
  'reviewer_docspace_id',
  'reviewer_reason',
  'trigger_kind',
  'started_by',
  'created_at',
  'due_at',
  'state',
  'closed_by',
  'closed_at',
  'outcome_json',
  'reminded_half_at',
  'reminded_due_at',
  'escalated_at',
] as const;

function snapshotJson(snapshot: ReviewSnapshot): string {
  return JSON.stringify({
    ...snapshot,
    members: snapshot.members.map((m) => ({
      ...m,
      memberSince: m.memberSince?.toISOString() ?? null,
      grantEndsAt: m.grantEndsAt?.toISOString() ?? null,
    })),
  });
}

function reviewValues(r: AccessReview): SqlValue[] {
  return [
    r.id,
    r.teamId,
    r.groupId,
    r.groupName,
    snapshotJson(r.snapshot),
    r.reviewerSlackId,
    r.reviewerDocSpaceId,
    r.reviewerReason,
    r.trigger,
    r.startedBy,
    r.createdAt,
    r.dueAt,
    r.state,
    r.closedBy,
    r.closedAt,
    r.outcome ? JSON.stringify(r.outcome) : null,
    r.remindedHalfAt,
    r.remindedDueAt,
    r.escalatedAt,
  ];
}

function reviewFromRow(raw: unknown): AccessReview {
  const row = reviewRow.parse(raw);
  const outcome = row.outcome_json;
  return {
    id: row.id as ReviewId,
    teamId: row.team_id as SlackTeamId,
    groupId: row.group_id as GroupId,
    groupName: row.group_name,
    snapshot: {
      managerId: row.snapshot_json.managerId as DocSpaceUserId | null,
      managerName: row.snapshot_json.managerName,
      members: row.snapshot_json.members.map((m) => ({ ...m, id: m.id as DocSpaceUserId })),
    },
    reviewerSlackId: row.reviewer_slack_id as SlackUserId,
    reviewerDocSpaceId: row.reviewer_docspace_id as DocSpaceUserId,
    reviewerReason: row.reviewer_reason,
    trigger: row.trigger_kind,
    startedBy: row.started_by as SlackUserId | null,
    createdAt: row.created_at,
    dueAt: row.due_at,
    state: row.state,
    closedBy: row.closed_by as SlackUserId | null,
    closedAt: row.closed_at,
    outcome: outcome
      ? ({
          ...outcome,
          removed: outcome.removed as DocSpaceUserId[],
          alreadyGone: outcome.alreadyGone as DocSpaceUserId[],
          notReviewed: outcome.notReviewed as DocSpaceUserId[],
          requestId: outcome.requestId as RequestId | null,
        } satisfies ReviewOutcome)
      : null,
    remindedHalfAt: row.reminded_half_at,
    remindedDueAt: row.reminded_due_at,
    escalatedAt: row.escalated_at,
  };
}

function decisionFromRow(raw: unknown): ReviewDecision {
  const row = decisionRow.parse(raw);
  return {
    reviewId: row.review_id as ReviewId,
    docspaceUserId: row.docspace_user_id as DocSpaceUserId,
    decision: row.decision,
    note: row.note,
    decidedBy: row.decided_by as SlackUserId,
    decidedAt: row.decided_at,
  };
}

const NOTICE_COLUMN: Readonly<Record<ReviewNotice, string>> = {
  half: 'reminded_half_at',
  due: 'reminded_due_at',
  overdue: 'escalated_at',
};

/** One ReviewRepo over either driver. */
export function createSqlReviews(db: SqlRunner): ReviewRepo {
  const p = db.placeholder;
  const ts = db.timestamp;
  const list = (n: number) => Array.from({ length: n }, (_, i) => p(i + 1)).join(', ');
  const select = 'SELECT * FROM access_reviews';
  const reviews = async (op: string, sql: string, values: readonly SqlValue[]) =>
    (await db.all(op, sql, values)).map(reviewFromRow);
  const one = async (op: string, sql: string, values: readonly SqlValue[]) =>
    (await reviews(op, sql, values))[0] ?? null;
  // INSERT … SELECT, so the decision is stored only while its review is open; the row comes back when it was.
  const upsertDecision = (onConflict: string) =>
    'INSERT INTO access_review_decisions (review_id, docspace_user_id, decision, note, decided_by, decided_at) ' +
    `SELECT ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}${ts} ` +
    `WHERE EXISTS (SELECT 1 FROM access_reviews WHERE id = ${p(7)} AND state = 'open') ` +
    `ON CONFLICT (review_id, docspace_user_id) DO UPDATE SET ${onConflict} RETURNING review_id`;
  const DECIDE = upsertDecision(
    'decision = excluded.decision, note = excluded.note, decided_by = excluded.decided_by, decided_at = excluded.decided_at',
  );
  const NOTE = upsertDecision(
    'note = excluded.note, decided_by = excluded.decided_by, decided_at = excluded.decided_at',
  );
  return {
    insert: async (review) =>
      (
        await db.all(
          'reviews.insert',
          `INSERT INTO access_reviews (${COLUMNS.join(', ')}) VALUES (${list(COLUMNS.length)}) ON CONFLICT DO NOTHING RETURNING id`,
          reviewValues(review),
        )
      ).length > 0,
    get: (id) => one('reviews.get', `${select} WHERE id = ${p(1)}`, [id]),
    findOpen: (teamId, groupId) =>
      one('reviews.findOpen', `${select} WHERE team_id = ${p(1)} AND group_id = ${p(2)} AND state = 'open'`, [
        teamId,
        groupId,
      ]),
    lastStartedAt: async (teamId, groupId) => {
      const last = await one(
        'reviews.lastStartedAt',
        `${select} WHERE team_id = ${p(1)} AND group_id = ${p(2)} ORDER BY created_at DESC, id DESC LIMIT 1`,
        [teamId, groupId],
      );
      return last?.createdAt ?? null;
    },
    list: (teamId, limit) =>
      reviews('reviews.list', `${select} WHERE team_id = ${p(1)} ORDER BY created_at DESC, id DESC LIMIT ${p(2)}`, [
        teamId,
        toLimit(limit),
      ]),
    listOpen: (limit) =>
      reviews('reviews.listOpen', `${select} WHERE state = 'open' ORDER BY due_at, id LIMIT ${p(1)}`, [toLimit(limit)]),
    listPage: (offset, limit) =>
      reviews('reviews.listPage', `${select} ORDER BY created_at, id LIMIT ${p(1)} OFFSET ${p(2)}`, [
        toLimit(limit),
        toLimit(offset),
      ]),
    decide: async (id, d) =>
      (await db.all('reviews.decide', DECIDE, [id, d.docspaceUserId, d.decision, d.note, d.by, d.at, id])).length > 0,
    note: async (id, n) =>
      (await db.all('reviews.note', NOTE, [id, n.docspaceUserId, 'keep', n.note, n.by, n.at, id])).length > 0,
    decisions: async (id) =>
      (
        await db.all(
          'reviews.decisions',
          `SELECT * FROM access_review_decisions WHERE review_id = ${p(1)} ORDER BY docspace_user_id`,
          [id],
        )
      ).map(decisionFromRow),
    close: (id, to, by) =>
      one(
        'reviews.close',
        `UPDATE access_reviews SET state = ${p(1)}, closed_by = ${p(2)}, closed_at = ${p(3)} ` +
          `WHERE id = ${p(4)} AND state = 'open' RETURNING *`,
        [to, by.slackUserId, by.at, id],
      ),
    recordOutcome: async (id, outcome) =>
      (
        await db.all(
          'reviews.recordOutcome',
          `UPDATE access_reviews SET outcome_json = ${p(1)} WHERE id = ${p(2)} AND outcome_json IS NULL RETURNING id`,
          [JSON.stringify(outcome), id],
        )
      ).length > 0,
    listUnsettled: (closedBefore, limit) =>
      reviews(
        'reviews.listUnsettled',
        `${select} WHERE state = 'submitted' AND outcome_json IS NULL AND closed_at < ${p(1)} ORDER BY closed_at, id LIMIT ${p(2)}`,
        [closedBefore, toLimit(limit)],
      ),
    markNotice: async (id, notice, at) => {
      const column = NOTICE_COLUMN[notice];
      const sql =
        `UPDATE access_reviews SET ${column} = ${p(1)} ` +
        `WHERE id = ${p(2)} AND state = 'open' AND ${column} IS NULL RETURNING id`;
      return (await db.all('reviews.markNotice', sql, [at, id])).length > 0;
    },
  };
}
