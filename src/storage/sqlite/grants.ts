import type { GrantRepo } from '../../domain/index.js';
import { type Bound, grantFromRow, grantStatements } from '../sql/grants.js';
import { toLimit } from '../sql/rows.js';
import type { SqliteContext } from './repos.js';

// The SQLite grants repository: each compare-and-set is one UPDATE … RETURNING (SQLite runs one writer at a time).

const SQL = grantStatements(() => '?', '');

/** SQLite binds no Date: ISO-8601 UTC text, which sorts like the instant. */
const bind = (b: Bound) => b.values.map((v) => (v instanceof Date ? v.toISOString() : v));

export function createSqliteGrants(ctx: SqliteContext): GrantRepo {
  const all = (operation: string, b: Bound) => ctx.run(operation, () => ctx.statement(b.sql).all(...bind(b)));
  const one = (operation: string, b: Bound) => ctx.run(operation, () => ctx.statement(b.sql).get(...bind(b)));
  return {
    insert: async (grant) => {
      const b = SQL.insert(grant);
      await ctx.run('grants.insert', () => ctx.statement(b.sql).run(...bind(b)));
    },
    get: async (id) => {
      const row = await one('grants.get', SQL.get(id));
      return row === undefined ? null : grantFromRow(row);
    },
    listActiveForGroup: async (teamId, groupId) =>
      (await all('grants.listActiveForGroup', SQL.listActiveForGroup(teamId, groupId))).map(grantFromRow),
    listActive: async (teamId, filter) =>
      (await all('grants.listActive', SQL.listActive(teamId, filter.slackUserId, toLimit(filter.limit)))).map(
        grantFromRow,
      ),
    listDue: async (now, limit) => (await all('grants.listDue', SQL.listDue(now, toLimit(limit)))).map(grantFromRow),
    claimExpiry: async (id, claim) => {
      const row = await one('grants.claimExpiry', SQL.claimExpiry(id, claim.now, claim.leaseUntil));
      return row === undefined ? null : grantFromRow(row);
    },
    deferExpiry: async (id, attempts, failure) =>
      (await one('grants.deferExpiry', SQL.deferExpiry(id, attempts, failure.error, failure.retryAt))) !== undefined,
    finishExpiry: async (id, finish) => {
      const row = await one('grants.finishExpiry', SQL.finishExpiry(id, finish));
      return row === undefined ? null : grantFromRow(row);
    },
    endActive: async (id, end) => {
      const row = await one('grants.endActive', SQL.endActive(id, end.at, end.outcome));
      return row === undefined ? null : grantFromRow(row);
    },
    reschedule: async (id, renewal) => {
      const row = await one('grants.reschedule', SQL.reschedule(id, renewal));
      return row === undefined ? null : grantFromRow(row);
    },
    listDueReminders: async (now, limit) =>
      (await all('grants.listDueReminders', SQL.listDueReminders(now, toLimit(limit)))).map(grantFromRow),
    claimReminder: async (id, now) => (await one('grants.claimReminder', SQL.claimReminder(id, now))) !== undefined,
  };
}
