import type { HandoverRepo } from '../../domain/index.js';
import { handoverFromRow, handoverStatements } from '../sql/handovers.js';
import type { SqlValue } from '../sql/rows.js';
import type { SqliteContext } from './repos.js';

// Migration 009's repository on SQLite: every change is one statement, atomic under SQLite's write lock.

const SQL = handoverStatements(() => '?');

const bind = (values: readonly SqlValue[]) => values.map((v) => (v instanceof Date ? v.toISOString() : v));

export function createSqliteHandovers(ctx: SqliteContext): HandoverRepo {
  const rows = (sql: string, values: readonly SqlValue[]) => ctx.statement(sql).all(...bind(values));
  const one = (sql: string, values: readonly SqlValue[]) => {
    const row = ctx.statement(sql).get(...bind(values));
    return row === undefined ? null : handoverFromRow(row);
  };
  return {
    insert: (handover) =>
      ctx.run('handovers.insert', () => rows(SQL.insert.sql, SQL.insert.values(handover)).length === 1),
    get: (id) => ctx.run('handovers.get', () => one(SQL.get, [id])),
    findWaiting: (teamId, groupId) => ctx.run('handovers.findWaiting', () => one(SQL.findWaiting, [teamId, groupId])),
    findByRequest: (requestId) => ctx.run('handovers.findByRequest', () => one(SQL.findByRequest, [requestId])),
    transition: (id, transition) =>
      ctx.run('handovers.transition', () => {
        const [row] = rows(SQL.transition.sql, SQL.transition.values(id, transition));
        return row === undefined ? null : handoverFromRow(row);
      }),
    recordOutcome: (id, outcome) =>
      ctx.run('handovers.recordOutcome', () => {
        ctx.statement(SQL.recordOutcome).run(outcome, id);
      }),
    setDm: (id, dm) =>
      ctx.run('handovers.setDm', () => {
        ctx.statement(SQL.setDm).run(dm.channelId, dm.ts, id);
      }),
    listExpired: (now, limit) =>
      ctx.run('handovers.listExpired', () => rows(SQL.listExpired, [now, limit]).map(handoverFromRow)),
    listWaitingFor: (teamId, who) =>
      ctx.run('handovers.listWaitingFor', () =>
        'slackUserId' in who
          ? rows(SQL.waitingForSlack, [teamId, who.slackUserId]).map(handoverFromRow)
          : rows(SQL.waitingForDocSpace, [teamId, who.docspaceUserId]).map(handoverFromRow),
      ),
  };
}
