import type { AuditRepo } from '../domain/index.js';
import { AUDIT_COLUMNS } from './columns.js';
import type { PostgresContext } from './postgres-context.js';
import { auditFromRow, auditValues, toLimit } from './rows.js';
import { auditFilterSql, placeholders, postgresPlaceholder } from './sql-text.js';

const ON_BEHALF_OF = AUDIT_COLUMNS.indexOf('on_behalf_of');
const INSERT =
  `INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')}) ` +
  `VALUES (${placeholders(AUDIT_COLUMNS.length, postgresPlaceholder, { [ON_BEHALF_OF]: '::jsonb' })}) RETURNING *`;

/** Append-only: there is no UPDATE or DELETE here, and a trigger in the schema refuses both. */
export function createPostgresAudit(ctx: PostgresContext): AuditRepo {
  return {
    append: async (entry) => {
      const rows = await ctx.query('audit.append', INSERT, auditValues(entry));
      return auditFromRow(rows[0]);
    },
    list: async (filter) => {
      const { where, values } = auditFilterSql(filter, postgresPlaceholder);
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
