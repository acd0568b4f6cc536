import type { ChannelAlertRepo, RequestRepo } from '../../domain/index.js';
import { requestFromRow, toLimit } from '../sql/rows.js';
import type { PostgresContext } from './repos.js';

// The PostgreSQL side of keeping requests decidable: counting the queue, a requester's withdrawal, the card post claims
// and the channel alerts. Each compare-and-set is one UPDATE: under READ COMMITTED a replica that waited for the row
// lock re-checks the WHERE (and computes the SET) on the row as the other replica left it.

const COUNT_PENDING = "SELECT count(*) AS n FROM change_requests WHERE team_id = $1 AND status = 'pending'";
const LAST = 'requester_ids = jsonb_build_array($2::text)';
// The last requester's withdrawal cancels (keeping them on record); anyone else's only removes them.
const WITHDRAW = `
UPDATE change_requests SET
  status = CASE WHEN ${LAST} THEN 'cancelled' ELSE status END,
  decided_by = CASE WHEN ${LAST} THEN $2::text ELSE decided_by END,
  decided_at = CASE WHEN ${LAST} THEN $3::timestamptz ELSE decided_at END,
  requester_ids = CASE WHEN ${LAST} THEN requester_ids ELSE requester_ids - $2::text END,
  updated_at = $3::timestamptz
WHERE id = $1 AND status = 'pending' AND requester_ids @> jsonb_build_array($2::text)
RETURNING *`;
const MISSING_CARD = (now: string) =>
  `status = 'pending' AND card_channel_id IS NULL AND (next_card_post_at IS NULL OR next_card_post_at <= ${now})`;
const CLAIM_CARD_POST =
  'UPDATE change_requests SET card_post_attempts = card_post_attempts + 1, next_card_post_at = $2 ' +
  `WHERE id = $1 AND ${MISSING_CARD('$3')} RETURNING card_post_attempts`;
// A never-tried card counts from when its request was filed, so one that keeps failing cannot starve the others.
const LIST_MISSING_CARDS =
  `SELECT * FROM change_requests WHERE ${MISSING_CARD('$1')} ` +
  'ORDER BY coalesce(next_card_post_at, created_at), created_at, id COLLATE "C" LIMIT $2';

type Queue = Pick<
  RequestRepo,
  'countPending' | 'withdraw' | 'claimCardPost' | 'recordCardPostFailure' | 'listMissingCards'
>;

export function createPostgresQueue(ctx: PostgresContext): Queue {
  return {
    countPending: async (teamId, filter) => {
      const rows =
        filter.requesterId === undefined
          ? await ctx.query('requests.countPending', COUNT_PENDING, [teamId])
          : await ctx.query(
              'requests.countPending',
              `${COUNT_PENDING} AND requester_ids @> jsonb_build_array($2::text)`,
              [teamId, filter.requesterId],
            );
      return Number((rows[0] as { n: string | number }).n);
    },
    withdraw: async (id, requesterId, at) => {
      const rows = await ctx.query('requests.withdraw', WITHDRAW, [id, requesterId, at]);
      if (rows[0] === undefined) return null;
      const request = requestFromRow(rows[0]);
      return { request, cancelled: request.status === 'cancelled' };
    },
    claimCardPost: async (id, claim) => {
      const rows = await ctx.query('requests.claimCardPost', CLAIM_CARD_POST, [id, claim.leaseUntil, claim.now]);
      const row = rows[0] as { card_post_attempts: number } | undefined;
      return row === undefined ? null : row.card_post_attempts;
    },
    recordCardPostFailure: async (id, failure) => {
      await ctx.query(
        'requests.recordCardPostFailure',
        'UPDATE change_requests SET last_card_error = $1, next_card_post_at = $2 WHERE id = $3 AND card_channel_id IS NULL',
        [failure.error, failure.retryAt, id],
      );
    },
    listMissingCards: async (now, limit) => {
      const rows = await ctx.query('requests.listMissingCards', LIST_MISSING_CARDS, [now, toLimit(limit)]);
      return rows.map(requestFromRow);
    },
  };
}

// One statement: inserted, or updated only when the problem on record differs; RETURNING says whether it changed.
const RAISE_ALERT =
  'INSERT INTO channel_alerts (channel_id, problem, notified_at) VALUES ($1, $2, $3) ' +
  'ON CONFLICT (channel_id) DO UPDATE SET problem = excluded.problem, notified_at = excluded.notified_at ' +
  'WHERE channel_alerts.problem <> excluded.problem RETURNING channel_id';

export function createPostgresAlerts(ctx: PostgresContext): ChannelAlertRepo {
  return {
    raise: async (channelId, problem, at) =>
      (await ctx.query('alerts.raise', RAISE_ALERT, [channelId, problem, at])).length > 0,
    clear: async (channelId) =>
      (
        await ctx.query('alerts.clear', 'DELETE FROM channel_alerts WHERE channel_id = $1 RETURNING channel_id', [
          channelId,
        ])
      ).length > 0,
  };
}
