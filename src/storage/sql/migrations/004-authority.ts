import type { Migration } from './index.js';

// What a mapped DocSpace account may do (type, status) is re-read far more often than the mapping itself, so the status
// and the time of that read are stored with the mapping: replicas and restarts then agree on when the next read is due.
// Existing rows get status 'active' and no read time, so each is read again before its first privileged use.
// mapping_blocks keeps an admin's unlink: no automatic email match for that Slack user until a manual link.

const STATUSES = `'active', 'pending', 'disabled'`;

const sqlite = `
ALTER TABLE user_mappings ADD COLUMN docspace_status TEXT NOT NULL DEFAULT 'active' CHECK (docspace_status IN (${STATUSES}));
ALTER TABLE user_mappings ADD COLUMN authority_read_at TEXT;
CREATE TABLE mapping_blocks (
  team_id TEXT NOT NULL,
  slack_user_id TEXT NOT NULL,
  blocked_by TEXT NOT NULL,
  blocked_at TEXT NOT NULL,
  PRIMARY KEY (team_id, slack_user_id)
);
`;

const postgres = `
ALTER TABLE user_mappings ADD COLUMN docspace_status text NOT NULL DEFAULT 'active' CHECK (docspace_status IN (${STATUSES}));
ALTER TABLE user_mappings ADD COLUMN authority_read_at timestamptz;
CREATE TABLE mapping_blocks (
  team_id text NOT NULL,
  slack_user_id text NOT NULL,
  blocked_by text NOT NULL,
  blocked_at timestamptz NOT NULL,
  PRIMARY KEY (team_id, slack_user_id)
);
`;

export const authorityColumns: Migration = { version: 4, name: 'authority and unlink blocks', sqlite, postgres };
