import type Database from 'better-sqlite3';
import type {
  AuditRepo,
  ChangeRequest,
  DocSpaceUserId,
  MappingRepo,
  RequestRepo,
  SaveMappingResult,
  SlackTeamId,
  SlackUserId,
  UserMapping,
} from '../../domain/index.js';
import { closedError, driverErrorCode, toQueryError } from '../errors.js';
import { AUDIT_COLUMNS, REQUEST_COLUMNS } from '../sql/columns.js';
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
  uniqueIds,
} from '../sql/rows.js';
import {
  auditFilterSql,
  buildTransitionSql,
  mappingUpsertSql,
  type Placeholder,
  placeholders,
} from '../sql/statements.js';
import { createSqliteQueue, SQLITE_BY_REQUESTER } from './queue.js';

// The three SQLite repositories over one better-sqlite3 connection, and the context they share.

const PLACEHOLDER: Placeholder = () => '?';

type SqliteValue = string | number | null;

/** What the SQLite repositories share: the connection, cached statements and the error edge. */
export interface SqliteContext {
  readonly db: Database.Database;
  readonly store: string;
  /** Prepared once per SQL text. */
  statement(sql: string): Database.Statement<SqliteValue[], unknown>;
  /** Runs synchronous driver work as a promise; driver errors become StorageError query_failed, once. */
  run<T>(operation: string, work: () => T): Promise<T>;
}

export function createSqliteContext(db: Database.Database, store: string): SqliteContext {
  const cache = new Map<string, Database.Statement<SqliteValue[], unknown>>();
  return {
    db,
    store,
    statement(sql) {
      let statement = cache.get(sql);
      if (statement === undefined) {
        statement = db.prepare<SqliteValue[], unknown>(sql);
        cache.set(sql, statement);
      }
      return statement;
    },
    async run(operation, work) {
      if (!db.open) throw closedError(store, operation);
      try {
        return work();
      } catch (error) {
        throw toQueryError(error, store, operation);
      }
    },
  };
}

/** SQLite binds no Date: dates go in as ISO-8601 UTC text, which sorts like the instant. */
function sqliteValues(values: readonly SqlValue[]): SqliteValue[] {
  return values.map((v) => (v instanceof Date ? v.toISOString() : v));
}

const SELECT_MAPPINGS = 'SELECT * FROM user_mappings';
const BLOCKED = 'SELECT 1 FROM mapping_blocks WHERE team_id = ? AND slack_user_id = ?';
const UNBLOCK = 'DELETE FROM mapping_blocks WHERE team_id = ? AND slack_user_id = ?';
const BLOCK =
  'INSERT INTO mapping_blocks (team_id, slack_user_id, blocked_by, blocked_at) VALUES (?, ?, ?, ?) ' +
  'ON CONFLICT (team_id, slack_user_id) DO UPDATE SET blocked_by = excluded.blocked_by, blocked_at = excluded.blocked_at';

export function createSqliteMappings(ctx: SqliteContext): MappingRepo {
  const byDocSpaceUser = (teamId: SlackTeamId, docspaceUserId: DocSpaceUserId): UserMapping | null => {
    const row = ctx
      .statement(`${SELECT_MAPPINGS} WHERE team_id = ? AND docspace_user_id = ?`)
      .get(teamId, docspaceUserId);
    return row === undefined ? null : mappingFromRow(row);
  };
  const bySlackUser = (teamId: SlackTeamId, slackUserId: SlackUserId): UserMapping | null => {
    const row = ctx.statement(`${SELECT_MAPPINGS} WHERE team_id = ? AND slack_user_id = ?`).get(teamId, slackUserId);
    return row === undefined ? null : mappingFromRow(row);
  };
  const blocked = (teamId: SlackTeamId, slackUserId: SlackUserId): boolean =>
    ctx.statement(BLOCKED).get(teamId, slackUserId) !== undefined;
  // IMMEDIATE: the block is read under the write lock, so an unlink in another process cannot slip in between.
  const save = ctx.db.transaction((mapping: UserMapping): SaveMappingResult => {
    if (mapping.source === 'email' && blocked(mapping.teamId, mapping.slackUserId)) return { ok: false, blocked: true };
    try {
      ctx.statement(mappingUpsertSql(PLACEHOLDER)).run(...sqliteValues(mappingValues(mapping)));
    } catch (error) {
      // The upsert replaced nothing: another Slack user of the team holds this DocSpace id.
      const holder =
        driverErrorCode(error) === 'SQLITE_CONSTRAINT_UNIQUE'
          ? byDocSpaceUser(mapping.teamId, mapping.docspaceUserId)
          : null;
      if (holder === null || holder.slackUserId === mapping.slackUserId) throw error;
      return { ok: false, conflict: holder };
    }
    if (mapping.source === 'manual') ctx.statement(UNBLOCK).run(mapping.teamId, mapping.slackUserId);
    return { ok: true };
  });
  const unlink = ctx.db.transaction(
    (teamId: SlackTeamId, slackUserId: SlackUserId, by: { slackUserId: SlackUserId; at: Date }) => {
      const before = bySlackUser(teamId, slackUserId);
      ctx.statement('DELETE FROM user_mappings WHERE team_id = ? AND slack_user_id = ?').run(teamId, slackUserId);
      ctx.statement(BLOCK).run(teamId, slackUserId, by.slackUserId, by.at.toISOString());
      return before;
    },
  );
  return {
    get: (teamId, slackUserId) => ctx.run('mappings.get', () => bySlackUser(teamId, slackUserId)),
    getByDocSpaceUser: (teamId, docspaceUserId) =>
      ctx.run('mappings.getByDocSpaceUser', () => byDocSpaceUser(teamId, docspaceUserId)),
    save: (mapping) => ctx.run('mappings.save', () => save.immediate(mapping)),
    markVerified: (teamId, slackUserId, seen) =>
      ctx.run('mappings.markVerified', () => {
        const at = seen.at.toISOString();
        ctx
          .statement(
            'UPDATE user_mappings SET verified_at = ?, docspace_email = ?, docspace_display_name = ?, docspace_type = ?, ' +
              'docspace_status = ?, authority_read_at = ? WHERE team_id = ? AND slack_user_id = ?',
          )
          .run(at, seen.email, seen.displayName, seen.type, seen.status, at, teamId, slackUserId);
      }),
    recordAuthority: (teamId, slackUserId, facts) =>
      ctx.run('mappings.recordAuthority', () => {
        ctx
          .statement(
            'UPDATE user_mappings SET docspace_type = ?, docspace_status = ?, authority_read_at = ? ' +
              'WHERE team_id = ? AND slack_user_id = ?',
          )
          .run(facts.type, facts.status, facts.at.toISOString(), teamId, slackUserId);
      }),
    delete: (teamId: SlackTeamId, slackUserId: SlackUserId) =>
      ctx.run('mappings.delete', () => {
        const info = ctx
          .statement('DELETE FROM user_mappings WHERE team_id = ? AND slack_user_id = ?')
          .run(teamId, slackUserId);
        return info.changes > 0;
      }),
    unlink: (teamId, slackUserId, by) => ctx.run('mappings.unlink', () => unlink.immediate(teamId, slackUserId, by)),
    isBlocked: (teamId, slackUserId) => ctx.run('mappings.isBlocked', () => blocked(teamId, slackUserId)),
    list: (teamId) =>
      ctx.run('mappings.list', () => {
        const rows =
          teamId === undefined
            ? ctx.statement(`${SELECT_MAPPINGS} ORDER BY team_id, slack_user_id`).all()
            : ctx.statement(`${SELECT_MAPPINGS} WHERE team_id = ? ORDER BY team_id, slack_user_id`).all(teamId);
        return rows.map(mappingFromRow);
      }),
  };
}

const INSERT_REQUEST =
  `INSERT INTO change_requests (${REQUEST_COLUMNS.join(', ')}) ` +
  `VALUES (${placeholders(REQUEST_COLUMNS.length, PLACEHOLDER)}) RETURNING *`;
const PENDING_TWIN = "SELECT * FROM change_requests WHERE team_id = ? AND fingerprint = ? AND status = 'pending'";
const SET_REQUESTERS = 'UPDATE change_requests SET requester_ids = ? WHERE id = ? RETURNING *';
const LIST_PENDING = "SELECT * FROM change_requests WHERE team_id = ? AND status = 'pending'";
// Oldest first: approvers work through the queue in the order it was filed.
const OLDEST_FIRST = 'ORDER BY created_at, id LIMIT ? OFFSET ?';

export function createSqliteRequests(ctx: SqliteContext): RequestRepo {
  const byId = (id: string): ChangeRequest | null => {
    const row = ctx.statement('SELECT * FROM change_requests WHERE id = ?').get(id);
    return row === undefined ? null : requestFromRow(row);
  };
  const insertOrJoin = createInsertOrJoin(ctx);
  return {
    insertOrJoin: (request) => ctx.run('requests.insertOrJoin', () => insertOrJoin.immediate(request)),
    get: (id) => ctx.run('requests.get', () => byId(id)),
    transition: (id, transition) =>
      ctx.run('requests.transition', () => {
        const update = buildTransitionSql(id, transition, PLACEHOLDER);
        if (update === null) return null;
        const row = ctx.statement(update.sql).get(...sqliteValues(update.values));
        return row === undefined ? null : requestFromRow(row);
      }),
    setCard: (id, card) =>
      ctx.run('requests.setCard', () => {
        ctx
          .statement('UPDATE change_requests SET card_channel_id = ?, card_ts = ? WHERE id = ?')
          .run(card.channelId, card.ts, id);
      }),
    ...createSqliteListings(ctx),
    ...createSqliteQueue(ctx),
  };
}

// IMMEDIATE takes the write lock before reading, so another process cannot insert the same pending twin meanwhile.
function createInsertOrJoin(ctx: SqliteContext) {
  return ctx.db.transaction((request: ChangeRequest) => {
    const twin =
      request.status === 'pending' ? ctx.statement(PENDING_TWIN).get(request.teamId, request.fingerprint) : undefined;
    if (twin === undefined) {
      return {
        request: requestFromRow(ctx.statement(INSERT_REQUEST).get(...sqliteValues(requestValues(request)))),
        created: true,
      };
    }
    const existing = requestFromRow(twin);
    const merged = uniqueIds([...existing.requesterIds, ...request.requesterIds]);
    if (merged.length === existing.requesterIds.length) return { request: existing, created: false };
    const row = ctx.statement(SET_REQUESTERS).get(JSON.stringify(merged), existing.id);
    return { request: requestFromRow(row), created: false };
  });
}

type Listings = Pick<
  RequestRepo,
  'listPending' | 'listExpired' | 'listStuck' | 'countByStatus' | 'countPendingBy' | 'findPendingTwin'
>;

function createSqliteListings(ctx: SqliteContext): Listings {
  return {
    listPending: (teamId, filter) =>
      ctx.run('requests.listPending', () => {
        const page = [toLimit(filter.limit), toLimit(filter.offset ?? 0)];
        const rows =
          filter.requesterId === undefined
            ? ctx.statement(`${LIST_PENDING} ${OLDEST_FIRST}`).all(teamId, ...page)
            : ctx
                .statement(`${LIST_PENDING} ${SQLITE_BY_REQUESTER} ${OLDEST_FIRST}`)
                .all(teamId, filter.requesterId, ...page);
        return rows.map(requestFromRow);
      }),
    listExpired: (now, limit) =>
      ctx.run('requests.listExpired', () =>
        ctx
          .statement(
            "SELECT * FROM change_requests WHERE status = 'pending' AND expires_at <= ? ORDER BY expires_at, id LIMIT ?",
          )
          .all(now.toISOString(), toLimit(limit))
          .map(requestFromRow),
      ),
    listStuck: (status, updatedBefore, limit) =>
      ctx.run('requests.listStuck', () =>
        ctx
          .statement(
            'SELECT * FROM change_requests WHERE status = ? AND updated_at < ? ORDER BY updated_at, id LIMIT ?',
          )
          .all(status, updatedBefore.toISOString(), toLimit(limit))
          .map(requestFromRow),
      ),
    countByStatus: () => ctx.run('requests.countByStatus', () => statusCounts(ctx.statement(COUNT_BY_STATUS).all())),
    countPendingBy: (teamId, requesterId) =>
      ctx.run('requests.countPendingBy', () => {
        const row = ctx
          .statement(
            `SELECT count(*) AS n FROM change_requests WHERE team_id = ? AND status = 'pending' ${SQLITE_BY_REQUESTER}`,
          )
          .get(teamId, requesterId) as { n: number };
        return Number(row.n);
      }),
    findPendingTwin: (teamId, fingerprint) =>
      ctx.run('requests.findPendingTwin', () => {
        const row = ctx.statement(PENDING_TWIN).get(teamId, fingerprint);
        return row === undefined ? null : requestFromRow(row);
      }),
  };
}

const INSERT_AUDIT =
  `INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')}) ` +
  `VALUES (${placeholders(AUDIT_COLUMNS.length, PLACEHOLDER)}) RETURNING *`;

/** Append-only: there is no UPDATE or DELETE here, and triggers in the schema refuse both. */
export function createSqliteAudit(ctx: SqliteContext): AuditRepo {
  return {
    append: (entry) =>
      ctx.run('audit.append', () => auditFromRow(ctx.statement(INSERT_AUDIT).get(...sqliteValues(auditValues(entry))))),
    list: (filter) =>
      ctx.run('audit.list', () => {
        const { where, values } = auditFilterSql(filter, PLACEHOLDER);
        const sql = `SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT ?`;
        return ctx
          .statement(sql)
          .all(...values, toLimit(filter.limit))
          .map(auditFromRow);
      }),
    listAfter: (afterId, limit) =>
      ctx.run('audit.listAfter', () =>
        ctx
          .statement('SELECT * FROM audit_log WHERE id > ? ORDER BY id ASC LIMIT ?')
          .all(afterId, toLimit(limit))
          .map(auditFromRow),
      ),
  };
}
