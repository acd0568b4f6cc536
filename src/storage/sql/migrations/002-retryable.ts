import type { Migration } from './index.js';

/** Whether a failed request may be retried is stored, not inferred from a bumped attempt count. */
export const retryableColumn: Migration = {
  version: 2,
  name: 'retryable',
  sqlite: 'ALTER TABLE change_requests ADD COLUMN retryable INTEGER NOT NULL DEFAULT 1 CHECK (retryable IN (0, 1));',
  postgres: 'ALTER TABLE change_requests ADD COLUMN retryable boolean NOT NULL DEFAULT true;',
};
