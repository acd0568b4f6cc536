import type { ReviewRepo } from '../../domain/index.js';
import { createSqlReviews } from '../sql/reviews.js';
import type { SqliteContext } from './repos.js';

/** Access reviews on SQLite: each compare-and-set is one statement (SQLite runs one writer at a time). */
export function createSqliteReviews(ctx: SqliteContext): ReviewRepo {
  return createSqlReviews({
    placeholder: () => '?',
    timestamp: '',
    all: (operation, sql, values) =>
      ctx.run(operation, () => ctx.statement(sql).all(...values.map((v) => (v instanceof Date ? v.toISOString() : v)))),
  });
}
