import type { ChangeRequest, ChannelAlertRepo, RequestRepo, SlackUserId } from '../../domain/index.js';
import { requestFromRow, toLimit } from '../sql/rows.js';
import type { SqliteContext } from './repos.js';

// The SQLite side of keeping requests decidable: counting the queue, a requester's withdrawal, the card post claims
// and the channel alerts. Compare-and-sets are single statements or IMMEDIATE transactions (the write lock first).

export const SQLITE_BY_REQUESTER =
  'AND EXISTS (SELECT 1 FROM json_each(change_requests.requester_ids) AS r WHERE r.value = ?)';
const COUNT_PENDING = "SELECT count(*) AS n FROM change_requests WHERE team_id = ? AND status = 'pending'";
const PENDING_BY_ID = "SELECT * FROM change_requests WHERE id = ? AND status = 'pending'";
const CANCEL_LAST =
  "UPDATE change_requests SET status = 'cancelled', updated_at = ?, decided_by = ?, decided_at = ? " +
  "WHERE id = ? AND status = 'pending' RETURNING *";
const SET_REQUESTERS = 'UPDATE change_requests SET requester_ids = ?, updated_at = ? WHERE id = ? RETURNING *';
const MISSING_CARD =
  "status = 'pending' AND card_channel_id IS NULL AND (next_card_post_at IS NULL OR next_card_post_at <= ?)";
const CLAIM_CARD_POST =
  'UPDATE change_requests SET card_post_attempts = card_post_attempts + 1, next_card_post_at = ? ' +
  `WHERE id = ? AND ${MISSING_CARD} RETURNING card_post_attempts`;
// A never-tried card counts from when its request was filed, so one that keeps failing cannot starve the others.
const LIST_MISSING_CARDS =
  `SELECT * FROM change_requests WHERE ${MISSING_CARD} ` +
  'ORDER BY coalesce(next_card_post_at, created_at), created_at, id LIMIT ?';

type Queue = Pick<
  RequestRepo,
  'countPending' | 'withdraw' | 'claimCardPost' | 'recordCardPostFailure' | 'listMissingCards'
>;

export function createSqliteQueue(ctx: SqliteContext): Queue {
  const withdraw = ctx.db.transaction((id: string, requesterId: SlackUserId, at: string) => {
    const row = ctx.statement(PENDING_BY_ID).get(id);
    if (row === undefined) return null;
    const current: ChangeRequest = requestFromRow(row);
    if (!current.requesterIds.includes(requesterId)) return null;
    const remaining = current.requesterIds.filter((r) => r !== requesterId);
    if (remaining.length === 0) {
      return { request: requestFromRow(ctx.statement(CANCEL_LAST).get(at, requesterId, at, id)), cancelled: true };
    }
    const updated = ctx.statement(SET_REQUESTERS).get(JSON.stringify(remaining), at, id);
    return { request: requestFromRow(updated), cancelled: false };
  });
  return {
    countPending: (teamId, filter) =>
      ctx.run('requests.countPending', () => {
        const row =
          filter.requesterId === undefined
            ? ctx.statement(COUNT_PENDING).get(teamId)
            : ctx.statement(`${COUNT_PENDING} ${SQLITE_BY_REQUESTER}`).get(teamId, filter.requesterId);
        return Number((row as { n: number }).n);
      }),
    withdraw: (id, requesterId, at) =>
      ctx.run('requests.withdraw', () => withdraw.immediate(id, requesterId, at.toISOString())),
    claimCardPost: (id, claim) =>
      ctx.run('requests.claimCardPost', () => {
        const row = ctx.statement(CLAIM_CARD_POST).get(claim.leaseUntil.toISOString(), id, claim.now.toISOString()) as
          | { card_post_attempts: number }
          | undefined;
        return row === undefined ? null : row.card_post_attempts;
      }),
    recordCardPostFailure: (id, failure) =>
      ctx.run('requests.recordCardPostFailure', () => {
        ctx
          .statement(
            'UPDATE change_requests SET last_card_error = ?, next_card_post_at = ? WHERE id = ? AND card_channel_id IS NULL',
          )
          .run(failure.error, failure.retryAt.toISOString(), id);
      }),
    listMissingCards: (now, limit) =>
      ctx.run('requests.listMissingCards', () =>
        ctx.statement(LIST_MISSING_CARDS).all(now.toISOString(), toLimit(limit)).map(requestFromRow),
      ),
  };
}

// One statement: inserted, or updated only when the problem on record differs; RETURNING says whether it changed.
const RAISE_ALERT =
  'INSERT INTO channel_alerts (channel_id, problem, notified_at) VALUES (?, ?, ?) ' +
  'ON CONFLICT (channel_id) DO UPDATE SET problem = excluded.problem, notified_at = excluded.notified_at ' +
  'WHERE channel_alerts.problem <> excluded.problem RETURNING channel_id';

export function createSqliteAlerts(ctx: SqliteContext): ChannelAlertRepo {
  return {
    raise: (channelId, problem, at) =>
      ctx.run('alerts.raise', () => ctx.statement(RAISE_ALERT).get(channelId, problem, at.toISOString()) !== undefined),
    clear: (channelId) =>
      ctx.run(
        'alerts.clear',
        () =>
          ctx.statement('DELETE FROM channel_alerts WHERE channel_id = ? RETURNING channel_id').get(channelId) !==
          undefined,
      ),
  };
}
