import type { Migration } from './index.js';

// DRY_RUN: a request made or decided in dry-run mode is marked for good, so it is never executed, not even after a
// restart with DRY_RUN=false. NULL: a live request; otherwise JSON {"calls": [...]}, the DocSpace writes its
// rehearsal would have sent (empty until it is rehearsed), which its card lists.

const sqlite = `
ALTER TABLE change_requests ADD COLUMN dry_run TEXT;
`;

const postgres = `
ALTER TABLE change_requests ADD COLUMN dry_run text;
`;

export const dryRunColumn: Migration = { version: 7, name: 'dry run', sqlite, postgres };
