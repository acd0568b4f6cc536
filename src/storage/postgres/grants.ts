import type { GrantRepo } from '../../domain/index.js';
import { type Bound, grantFromRow, grantStatements } from '../sql/grants.js';
import { toLimit } from '../sql/rows.js';
import type { PostgresContext } from './repos.js';

// The PostgreSQL grants repository. Each compare-and-set is one UPDATE: under READ COMMITTED a replica that waited for
// the row lock re-checks the WHERE on the row as the other replica left it, so only one claim of a due grant wins.

const SQL = grantStatements((n) => `$${n}`, ' COLLATE "C"');

export function createPostgresGrants(ctx: PostgresContext): GrantRepo {
  const rows = (operation: string, b: Bound) => ctx.query(operation, b.sql, b.values);
  const first = async (operation: string, b: Bound) => (await rows(operation, b))[0];
  return {
    insert: async (grant) => {
      await rows('grants.insert', SQL.insert(grant));
    },
    get: async (id) => {
      const row = await first('grants.get', SQL.get(id));
      return row === undefined ? null : grantFromRow(row);
    },
    listActiveForGroup: async (teamId, groupId) =>
      (await rows('grants.listActiveForGroup', SQL.listActiveForGroup(teamId, groupId))).map(grantFromRow),
    listActive: async (teamId, filter) =>
      (await rows('grants.listActive', SQL.listActive(teamId, filter.slackUserId, toLimit(filter.limit)))).map(
        grantFromRow,
      ),
    listDue: async (now, limit) => (await rows('grants.listDue', SQL.listDue(now, toLimit(limit)))).map(grantFromRow),
    claimExpiry: async (id, claim) => {
      const row = await first('grants.claimExpiry', SQL.claimExpiry(id, claim.now, claim.leaseUntil));
      return row === undefined ? null : grantFromRow(row);
    },
    deferExpiry: async (id, attempts, failure) =>
      (await first('grants.deferExpiry', SQL.deferExpiry(id, attempts, failure.error, failure.retryAt))) !== undefined,
    finishExpiry: async (id, finish) => {
      const row = await first('grants.finishExpiry', SQL.finishExpiry(id, finish));
      return row === undefined ? null : grantFromRow(row);
    },
    endActive: async (id, end) => {
      const row = await first('grants.endActive', SQL.endActive(id, end.at, end.outcome));
      return row === undefined ? null : grantFromRow(row);
    },
    reschedule: async (id, renewal) => {
      const row = await first('grants.reschedule', SQL.reschedule(id, renewal));
      return row === undefined ? null : grantFromRow(row);
    },
    listDueReminders: async (now, limit) =>
      (await rows('grants.listDueReminders', SQL.listDueReminders(now, toLimit(limit)))).map(grantFromRow),
    claimReminder: async (id, now) => (await first('grants.claimReminder', SQL.claimReminder(id, now))) !== undefined,
  };
}
