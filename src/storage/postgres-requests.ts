import type { RequestRepo } from '../domain/index.js';
import { REQUEST_COLUMNS } from './columns.js';
import type { PostgresContext } from './postgres-context.js';
import { requestFromRow, requestValues, toLimit } from './rows.js';
import { placeholders, postgresPlaceholder } from './sql-text.js';
import { buildTransitionSql } from './transition-sql.js';

const REQUESTERS = REQUEST_COLUMNS.indexOf('requester_ids');
// One statement, atomic across replicas: the partial unique index makes a second pending twin a conflict, and the
// conflict appends the new requesters (in order, skipping those already there) to the existing row.
const INSERT_OR_JOIN = `
INSERT INTO change_requests (${REQUEST_COLUMNS.join(', ')})
VALUES (${placeholders(REQUEST_COLUMNS.length, postgresPlaceholder, { [REQUESTERS]: '::jsonb' })})
ON CONFLICT (team_id, fingerprint) WHERE status = 'pending'
DO UPDATE SET requester_ids = change_requests.requester_ids || coalesce((
  SELECT jsonb_agg(e.value ORDER BY e.position)
  FROM jsonb_array_elements(excluded.requester_ids) WITH ORDINALITY AS e(value, position)
  WHERE NOT change_requests.requester_ids @> jsonb_build_array(e.value)
), '[]'::jsonb)
RETURNING *, (xmax = 0) AS inserted`;
const LIST_PENDING = "SELECT * FROM change_requests WHERE team_id = $1 AND status = 'pending'";
const NEWEST_FIRST = 'ORDER BY created_at DESC, id COLLATE "C" DESC';

export function createPostgresRequests(ctx: PostgresContext): RequestRepo {
  return {
    insertOrJoin: async (request) => {
      const rows = await ctx.query('requests.insertOrJoin', INSERT_OR_JOIN, requestValues(request));
      const row = rows[0] as { inserted?: unknown } | undefined;
      return { request: requestFromRow(row), created: row?.inserted === true };
    },
    get: async (id) => {
      const rows = await ctx.query('requests.get', 'SELECT * FROM change_requests WHERE id = $1', [id]);
      return rows[0] === undefined ? null : requestFromRow(rows[0]);
    },
    transition: async (id, transition) => {
      const update = buildTransitionSql(id, transition, postgresPlaceholder);
      if (update === null) return null;
      const rows = await ctx.query('requests.transition', update.sql, update.values);
      return rows[0] === undefined ? null : requestFromRow(rows[0]);
    },
    setCard: async (id, card) => {
      await ctx.query(
        'requests.setCard',
        'UPDATE change_requests SET card_channel_id = $1, card_ts = $2 WHERE id = $3',
        [card.channelId, card.ts, id],
      );
    },
    ...createPostgresListings(ctx),
  };
}

function createPostgresListings(ctx: PostgresContext): Pick<RequestRepo, 'listPending' | 'listExpired' | 'listStuck'> {
  return {
    listPending: async (teamId, filter) => {
      const limit = toLimit(filter.limit);
      const rows =
        filter.requesterId === undefined
          ? await ctx.query('requests.listPending', `${LIST_PENDING} ${NEWEST_FIRST} LIMIT $2`, [teamId, limit])
          : await ctx.query(
              'requests.listPending',
              `${LIST_PENDING} AND requester_ids @> jsonb_build_array($2::text) ${NEWEST_FIRST} LIMIT $3`,
              [teamId, filter.requesterId, limit],
            );
      return rows.map(requestFromRow);
    },
    listExpired: async (now, limit) => {
      const rows = await ctx.query(
        'requests.listExpired',
        `SELECT * FROM change_requests WHERE status = 'pending' AND expires_at <= $1 ORDER BY expires_at, id COLLATE "C" LIMIT $2`,
        [now, toLimit(limit)],
      );
      return rows.map(requestFromRow);
    },
    listStuck: async (status, updatedBefore, limit) => {
      const rows = await ctx.query(
        'requests.listStuck',
        'SELECT * FROM change_requests WHERE status = $1 AND updated_at < $2 ORDER BY updated_at, id COLLATE "C" LIMIT $3',
        [status, updatedBefore, toLimit(limit)],
      );
      return rows.map(requestFromRow);
    },
  };
}
