import type { HandoverRepo } from '../../domain/index.js';
import { handoverFromRow, handoverStatements } from '../sql/handovers.js';
import type { createPostgresContext } from './repos.js';

// Migration 009's repository on PostgreSQL: each answer is one UPDATE guarded by status = 'waiting', so two replicas
// (or two clicks) can never both accept one handover.

type PostgresContext = ReturnType<typeof createPostgresContext>;

const SQL = handoverStatements((n) => `$${n}`);

export function createPostgresHandovers(ctx: PostgresContext): HandoverRepo {
  const one = async (operation: string, sql: string, values: readonly (string | number | Date | null)[]) => {
    const [row] = await ctx.query(operation, sql, values);
    return row === undefined ? null : handoverFromRow(row);
  };
  return {
    insert: async (handover) =>
      (await ctx.query('handovers.insert', SQL.insert.sql, SQL.insert.values(handover))).length === 1,
    get: (id) => one('handovers.get', SQL.get, [id]),
    findWaiting: (teamId, groupId) => one('handovers.findWaiting', SQL.findWaiting, [teamId, groupId]),
    findByRequest: (requestId) => one('handovers.findByRequest', SQL.findByRequest, [requestId]),
    transition: (id, transition) =>
      one('handovers.transition', SQL.transition.sql, SQL.transition.values(id, transition)),
    recordOutcome: async (id, outcome) => {
      await ctx.query('handovers.recordOutcome', SQL.recordOutcome, [outcome, id]);
    },
    setDm: async (id, dm) => {
      await ctx.query('handovers.setDm', SQL.setDm, [dm.channelId, dm.ts, id]);
    },
    listExpired: async (now, limit) =>
      (await ctx.query('handovers.listExpired', SQL.listExpired, [now, limit])).map(handoverFromRow),
    listWaitingFor: async (teamId, who) =>
      (
        await ('slackUserId' in who
          ? ctx.query('handovers.listWaitingFor', SQL.waitingForSlack, [teamId, who.slackUserId])
          : ctx.query('handovers.listWaitingFor', SQL.waitingForDocSpace, [teamId, who.docspaceUserId]))
      ).map(handoverFromRow),
  };
}
