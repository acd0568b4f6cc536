import type { ReviewRepo } from '../../domain/index.js';
import { createSqlReviews } from '../sql/reviews.js';
import type { PostgresContext } from './repos.js';

/**
 * Access reviews on PostgreSQL: each compare-and-set is one statement; under READ COMMITTED a replica that waited for
 * the row lock re-checks the WHERE on the row as the other left it, so only one closes a review or claims a notice.
 */
export function createPostgresReviews(ctx: PostgresContext): ReviewRepo {
  return createSqlReviews({
    placeholder: (n) => `$${n}`,
    timestamp: '::timestamptz',
    all: (operation, sql, values) => ctx.query(operation, sql, values),
  });
}
