import type { AuditRepo } from '../domain/index.js';
import { AUDIT_COLUMNS } from './columns.js';
import { auditFromRow, auditValues, toLimit } from './rows.js';
import { auditFilterSql, placeholders, sqlitePlaceholder } from './sql-text.js';
import { type SqliteContext, sqliteValues } from './sqlite-context.js';

const INSERT =
  `INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')}) ` +
  `VALUES (${placeholders(AUDIT_COLUMNS.length, sqlitePlaceholder)}) RETURNING *`;

/** Append-only: there is no UPDATE or DELETE here, and triggers in the schema refuse both. */
export function createSqliteAudit(ctx: SqliteContext): AuditRepo {
  return {
    append: (entry) =>
      ctx.run('audit.append', () => auditFromRow(ctx.statement(INSERT).get(...sqliteValues(auditValues(entry))))),
    list: (filter) =>
      ctx.run('audit.list', () => {
        const { where, values } = auditFilterSql(filter, sqlitePlaceholder);
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
