import type pg from 'pg';
import type {
  AuditRepo,
  DocSpaceUserId,
  MappingRepo,
  RequestRepo,
  SaveMappingResult,
  SlackTeamId,
  UserMapping,
} from '../../domain/index.js';
import { closedError, driverErrorCode, StorageError, toQueryError } from '../errors.js';
import { AUDIT_COLUMNS, MAPPING_COLUMNS, REQUEST_COLUMNS } from '../sql/columns.js';
import {
  auditFromRow,
  auditValues,
  COUNT_BY_STATUS,
  mappingFromRow,
  mappingValues,
  requestFromRow,
  requestValues,
  type SqlValue,
  statusCounts,
  toLimit,
} from '../sql/rows.js';
import {
  auditFilterSql,
  buildTransitionSql,
  mappingMatchUpsertSql,
  mappingUpsertSql,
  type Placeholder,
  placeholders,
} from '../sql/statements.js';
import { createPostgresQueue } from './queue.js';

// The three PostgreSQL repositories over one pg Pool, and the context they share.

const PLACEHOLDER: Placeholder = (n) => `$${n}`;
// Named in migration 001; a violation of it means another Slack user of the team holds this DocSpace id.
const MAPPING_DOCSPACE_UNIQUE = 'user_mappings_docspace_user_key';

/** What the PostgreSQL repositories share: the pool and the error edge. */
export interface PostgresContext {
  readonly pool: pg.Pool;
  readonly store: string;
  /** One parameterised statement; driver errors become StorageError query_failed, once. */
  query(operation: string, sql: string, values: readonly SqlValue[]): Promise<unknown[]>;
  /** Like query, but the caller sees the raw driver error (to recognise a unique violation). */
  queryRaw(operation: string, sql: string, values: readonly SqlValue[]): Promise<unknown[]>;
}

export function createPostgresContext(pool: pg.Pool, store: string, isClosed: () => boolean): PostgresContext {
  const queryRaw = async (operation: string, sql: string, values: readonly SqlValue[]): Promise<unknown[]> => {
    if (isClosed()) throw closedError(store, operation);
    const result = await pool.query<Record<string, unknown>>(sql, [...values]);
    return result.rows;
  };
  return {
    pool,
    store,
    queryRaw,
    async query(operation, sql, values) {
      try {
        return await queryRaw(operation, sql, values);
      } catch (error) {
        throw toQueryError(error, store, operation);
      }
    },
  };
}

const SELECT_MAPPINGS = 'SELECT * FROM user_mappings';
const ORDER = 'ORDER BY team_id COLLATE "C", slack_user_id COLLATE "C"';
const UPSERT = mappingUpsertSql(PLACEHOLDER);
// A manual link lifts an unlink block in the same statement (rolled back with it when the upsert fails).
const LINK_UPSERT = `WITH unblocked AS (DELETE FROM mapping_blocks WHERE team_id = $1 AND slack_user_id = $2) ${UPSERT}`;
// INSERT … SELECT gives its parameters no column types: the timestamps say theirs.
const TIMESTAMPTZ = Object.fromEntries(
  (['created_at', 'verified_at', 'authority_read_at'] as const).map((c) => [
    MAPPING_COLUMNS.indexOf(c),
    '::timestamptz',
  ]),
);
const MATCH_UPSERT = mappingMatchUpsertSql(PLACEHOLDER, TIMESTAMPTZ);
// One statement, so atomic: the mapping goes and the block is written together.
const UNLINK =
  'WITH removed AS (DELETE FROM user_mappings WHERE team_id = $1 AND slack_user_id = $2 RETURNING *), ' +
  'blocked AS (INSERT INTO mapping_blocks (team_id, slack_user_id, blocked_by, blocked_at) VALUES ($1, $2, $3, $4) ' +
  'ON CONFLICT (team_id, slack_user_id) DO UPDATE SET blocked_by = excluded.blocked_by, blocked_at = excluded.blocked_at) ' +
  'SELECT * FROM removed';
// A holder found by the unique violation can vanish (or turn out to be us) before we read it; then simply try again.
const SAVE_TRIES = 3;

export function createPostgresMappings(ctx: PostgresContext): MappingRepo {
  const byDocSpaceUser = async (teamId: SlackTeamId, docspaceUserId: DocSpaceUserId): Promise<UserMapping | null> => {
    const rows = await ctx.query(
      'mappings.getByDocSpaceUser',
      `${SELECT_MAPPINGS} WHERE team_id = $1 AND docspace_user_id = $2`,
      [teamId, docspaceUserId],
    );
    return rows[0] === undefined ? null : mappingFromRow(rows[0]);
  };
  const save = async (mapping: UserMapping): Promise<SaveMappingResult> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const sql = mapping.source === 'email' ? MATCH_UPSERT : LINK_UPSERT;
        const written = await ctx.queryRaw('mappings.save', sql, mappingValues(mapping));
        return mapping.source === 'email' && written.length === 0 ? { ok: false, blocked: true } : { ok: true };
      } catch (error) {
        if (!isDocSpaceIdTaken(error) || attempt >= SAVE_TRIES) throw toQueryError(error, ctx.store, 'mappings.save');
      }
      const holder = await byDocSpaceUser(mapping.teamId, mapping.docspaceUserId);
      if (holder !== null && holder.slackUserId !== mapping.slackUserId) return { ok: false, conflict: holder };
    }
  };
  return {
    get: async (teamId, slackUserId) => {
      const rows = await ctx.query('mappings.get', `${SELECT_MAPPINGS} WHERE team_id = $1 AND slack_user_id = $2`, [
        teamId,
        slackUserId,
      ]);
      return rows[0] === undefined ? null : mappingFromRow(rows[0]);
    },
    getByDocSpaceUser: byDocSpaceUser,
    save,
    markVerified: async (teamId, slackUserId, seen) => {
      await ctx.query(
        'mappings.markVerified',
        'UPDATE user_mappings SET verified_at = $1, docspace_email = $2, docspace_display_name = $3, docspace_type = $4, ' +
          'docspace_status = $5, authority_read_at = $1 WHERE team_id = $6 AND slack_user_id = $7',
        [seen.at, seen.email, seen.displayName, seen.type, seen.status, teamId, slackUserId],
      );
    },
    recordAuthority: async (teamId, slackUserId, facts) => {
      await ctx.query(
        'mappings.recordAuthority',
        'UPDATE user_mappings SET docspace_type = $1, docspace_status = $2, authority_read_at = $3 ' +
          'WHERE team_id = $4 AND slack_user_id = $5',
        [facts.type, facts.status, facts.at, teamId, slackUserId],
      );
    },
    unlink: async (teamId, slackUserId, by) => {
      const rows = await ctx.query('mappings.unlink', UNLINK, [teamId, slackUserId, by.slackUserId, by.at]);
      return rows[0] === undefined ? null : mappingFromRow(rows[0]);
    },
    isBlocked: async (teamId, slackUserId) => {
      const rows = await ctx.query(
        'mappings.isBlocked',
        'SELECT 1 FROM mapping_blocks WHERE team_id = $1 AND slack_user_id = $2',
        [teamId, slackUserId],
      );
      return rows.length > 0;
    },
    delete: async (teamId, slackUserId) => {
      const rows = await ctx.query(
        'mappings.delete',
        'DELETE FROM user_mappings WHERE team_id = $1 AND slack_user_id = $2 RETURNING slack_user_id',
        [teamId, slackUserId],
      );
      return rows.length > 0;
    },
    list: async (teamId) => {
      const rows =
        teamId === undefined
          ? await ctx.query('mappings.list', `${SELECT_MAPPINGS} ${ORDER}`, [])
          : await ctx.query('mappings.list', `${SELECT_MAPPINGS} WHERE team_id = $1 ${ORDER}`, [teamId]);
      return rows.map(mappingFromRow);
    },
  };
}

function isDocSpaceIdTaken(error: unknown): boolean {
  if (error instanceof StorageError) return false;
  const constraint: unknown = (error as { constraint?: unknown } | null)?.constraint;
  return driverErrorCode(error) === '23505' && constraint === MAPPING_DOCSPACE_UNIQUE;
}

const REQUESTERS = REQUEST_COLUMNS.indexOf('requester_ids');
// One statement, atomic across replicas: the partial unique index makes a second pending twin a conflict, and the
// conflict appends the new requesters (in order, skipping those already there) to the existing row.
const INSERT_OR_JOIN = `
INSERT INTO change_requests (${REQUEST_COLUMNS.join(', ')})
VALUES (${placeholders(REQUEST_COLUMNS.length, PLACEHOLDER, { [REQUESTERS]: '::jsonb' })})
ON CONFLICT (team_id, fingerprint) WHERE status = 'pending'
DO UPDATE SET requester_ids = change_requests.requester_ids || coalesce((
  SELECT jsonb_agg(e.value ORDER BY e.position)
  FROM jsonb_array_elements(excluded.requester_ids) WITH ORDINALITY AS e(value, position)
  WHERE NOT change_requests.requester_ids @> jsonb_build_array(e.value)
), '[]'::jsonb)
RETURNING *, (xmax = 0) AS inserted`;
const LIST_PENDING = "SELECT * FROM change_requests WHERE team_id = $1 AND status = 'pending'";
// Oldest first: approvers work through the queue in the order it was filed.
const OLDEST_FIRST = 'ORDER BY created_at, id COLLATE "C"';

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
      const update = buildTransitionSql(id, transition, PLACEHOLDER);
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
    ...createPostgresQueue(ctx),
  };
}

type Listings = Pick<
  RequestRepo,
  'listPending' | 'listExpired' | 'listStuck' | 'countByStatus' | 'countPendingBy' | 'findPendingTwin'
>;

function createPostgresListings(ctx: PostgresContext): Listings {
  return {
    listPending: async (teamId, filter) => {
      const page = [toLimit(filter.limit), toLimit(filter.offset ?? 0)];
      const rows =
        filter.requesterId === undefined
          ? await ctx.query('requests.listPending', `${LIST_PENDING} ${OLDEST_FIRST} LIMIT $2 OFFSET $3`, [
              teamId,
              ...page,
            ])
          : await ctx.query(
              'requests.listPending',
              `${LIST_PENDING} AND requester_ids @> jsonb_build_array($2::text) ${OLDEST_FIRST} LIMIT $3 OFFSET $4`,
              [teamId, filter.requesterId, ...page],
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
    countByStatus: async () => statusCounts(await ctx.query('requests.countByStatus', COUNT_BY_STATUS, [])),
    countPendingBy: async (teamId, requesterId) => {
      const rows = await ctx.query(
        'requests.countPendingBy',
        "SELECT count(*) AS n FROM change_requests WHERE team_id = $1 AND status = 'pending' " +
          'AND requester_ids @> jsonb_build_array($2::text)',
        [teamId, requesterId],
      );
      return Number((rows[0] as { n: unknown } | undefined)?.n ?? 0);
    },
    findPendingTwin: async (teamId, fingerprint) => {
      const rows = await ctx.query(
        'requests.findPendingTwin',
        "SELECT * FROM change_requests WHERE team_id = $1 AND fingerprint = $2 AND status = 'pending'",
        [teamId, fingerprint],
      );
      return rows[0] === undefined ? null : requestFromRow(rows[0]);
    },
  };
}

const ON_BEHALF_OF = AUDIT_COLUMNS.indexOf('on_behalf_of');
const INSERT_AUDIT =
  `INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')}) ` +
  `VALUES (${placeholders(AUDIT_COLUMNS.length, PLACEHOLDER, { [ON_BEHALF_OF]: '::jsonb' })}) RETURNING *`;

/** Append-only: there is no UPDATE or DELETE here, and a trigger in the schema refuses both. */
export function createPostgresAudit(ctx: PostgresContext): AuditRepo {
  return {
    append: async (entry) => {
      const rows = await ctx.query('audit.append', INSERT_AUDIT, auditValues(entry));
      return auditFromRow(rows[0]);
    },
    list: async (filter) => {
      const { where, values } = auditFilterSql(filter, PLACEHOLDER);
      const sql = `SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT $${values.length + 1}`;
      const rows = await ctx.query('audit.list', sql, [...values, toLimit(filter.limit)]);
      return rows.map(auditFromRow);
    },
    listAfter: async (afterId, limit) => {
      const rows = await ctx.query('audit.listAfter', 'SELECT * FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2', [
        afterId,
        toLimit(limit),
      ]);
      return rows.map(auditFromRow);
    },
  };
}
