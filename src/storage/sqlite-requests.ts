import type { ChangeRequest, RequestRepo } from '../domain/index.js';
import { REQUEST_COLUMNS } from './columns.js';
import { requestFromRow, requestValues, toLimit, uniqueIds } from './rows.js';
import { placeholders, sqlitePlaceholder } from './sql-text.js';
import { type SqliteContext, sqliteValues } from './sqlite-context.js';
import { buildTransitionSql } from './transition-sql.js';

const INSERT =
  `INSERT INTO change_requests (${REQUEST_COLUMNS.join(', ')}) ` +
  `VALUES (${placeholders(REQUEST_COLUMNS.length, sqlitePlaceholder)}) RETURNING *`;
const PENDING_TWIN = "SELECT * FROM change_requests WHERE team_id = ? AND fingerprint = ? AND status = 'pending'";
const SET_REQUESTERS = 'UPDATE change_requests SET requester_ids = ? WHERE id = ? RETURNING *';
const LIST_PENDING = "SELECT * FROM change_requests WHERE team_id = ? AND status = 'pending'";
const BY_REQUESTER = 'AND EXISTS (SELECT 1 FROM json_each(change_requests.requester_ids) AS r WHERE r.value = ?)';
const NEWEST_FIRST = 'ORDER BY created_at DESC, id DESC LIMIT ?';

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
        const update = buildTransitionSql(id, transition, sqlitePlaceholder);
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
  };
}

// IMMEDIATE takes the write lock before reading, so another process cannot insert the same pending twin meanwhile.
function createInsertOrJoin(ctx: SqliteContext) {
  return ctx.db.transaction((request: ChangeRequest) => {
    const twin =
      request.status === 'pending' ? ctx.statement(PENDING_TWIN).get(request.teamId, request.fingerprint) : undefined;
    if (twin === undefined) {
      return {
        request: requestFromRow(ctx.statement(INSERT).get(...sqliteValues(requestValues(request)))),
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

function createSqliteListings(ctx: SqliteContext): Pick<RequestRepo, 'listPending' | 'listExpired' | 'listStuck'> {
  return {
    listPending: (teamId, filter) =>
      ctx.run('requests.listPending', () => {
        const limit = toLimit(filter.limit);
        const rows =
          filter.requesterId === undefined
            ? ctx.statement(`${LIST_PENDING} ${NEWEST_FIRST}`).all(teamId, limit)
            : ctx.statement(`${LIST_PENDING} ${BY_REQUESTER} ${NEWEST_FIRST}`).all(teamId, filter.requesterId, limit);
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
  };
}
