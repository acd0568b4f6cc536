import type { Migration } from './index.js';

// One undo per executed change: the first Undo (or undo request) of an audit entry stores its claim here, keyed by the
// entry id, so concurrent clicks and replicas cannot both undo it. No foreign key: audit-prune may drop old entries.

const sqlite = `
CREATE TABLE undo_claims (
  entry_id INTEGER PRIMARY KEY,
  team_id TEXT NOT NULL,
  token TEXT NOT NULL,
  claimed_by TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  request_id TEXT
);
`;

const postgres = `
CREATE TABLE undo_claims (
  entry_id bigint PRIMARY KEY,
  team_id text NOT NULL,
  token text NOT NULL,
  claimed_by text NOT NULL,
  claimed_at timestamptz NOT NULL,
  request_id text
);
`;

export const undoClaims: Migration = { version: 8, name: 'undo claims', sqlite, postgres };
