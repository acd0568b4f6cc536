import type { Migration } from './index.js';

const STATUSES = `'pending', 'approved', 'executed', 'failed', 'denied', 'expired', 'cancelled'`;
const USER_TYPES = `'owner', 'admin', 'room_admin', 'user', 'guest'`;
const OUTCOMES = `'succeeded', 'partial', 'failed', 'no_op', 'recorded'`;

// Dates are ISO-8601 UTC text in SQLite (they sort as text) and timestamptz in PostgreSQL.
const sqlite = `
CREATE TABLE user_mappings (
  team_id TEXT NOT NULL,
  slack_user_id TEXT NOT NULL,
  docspace_user_id TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('email', 'manual')),
  created_by TEXT,
  created_at TEXT NOT NULL,
  verified_at TEXT NOT NULL,
  docspace_email TEXT,
  docspace_display_name TEXT NOT NULL,
  docspace_type TEXT NOT NULL CHECK (docspace_type IN (${USER_TYPES})),
  PRIMARY KEY (team_id, slack_user_id),
  CONSTRAINT user_mappings_docspace_user_key UNIQUE (team_id, docspace_user_id)
);
CREATE TABLE change_requests (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  change_json TEXT NOT NULL,
  snapshot_json TEXT NOT NULL,
  requester_ids TEXT NOT NULL CHECK (json_type(requester_ids) = 'array'),
  requester_docspace_id TEXT,
  reason TEXT,
  status TEXT NOT NULL CHECK (status IN (${STATUSES})),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  decided_by TEXT,
  decided_at TEXT,
  decision_note TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  outcome TEXT,
  card_channel_id TEXT,
  card_ts TEXT
);
CREATE UNIQUE INDEX change_requests_one_pending ON change_requests (team_id, fingerprint) WHERE status = 'pending';
CREATE INDEX change_requests_team_status ON change_requests (team_id, status, created_at);
CREATE INDEX change_requests_status_expires ON change_requests (status, expires_at);
CREATE INDEX change_requests_status_updated ON change_requests (status, updated_at);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  team_id TEXT,
  actor_slack_id TEXT,
  actor_docspace_id TEXT,
  on_behalf_of TEXT NOT NULL CHECK (json_type(on_behalf_of) = 'array'),
  request_id TEXT,
  action TEXT NOT NULL,
  group_id TEXT,
  group_name TEXT,
  before_json TEXT,
  after_json TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN (${OUTCOMES})),
  detail TEXT
);
CREATE INDEX audit_log_team ON audit_log (team_id, id);
CREATE INDEX audit_log_group ON audit_log (group_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
`;

const postgres = `
CREATE TABLE user_mappings (
  team_id text NOT NULL,
  slack_user_id text NOT NULL,
  docspace_user_id text NOT NULL,
  source text NOT NULL CHECK (source IN ('email', 'manual')),
  created_by text,
  created_at timestamptz NOT NULL,
  verified_at timestamptz NOT NULL,
  docspace_email text,
  docspace_display_name text NOT NULL,
  docspace_type text NOT NULL CHECK (docspace_type IN (${USER_TYPES})),
  PRIMARY KEY (team_id, slack_user_id),
  CONSTRAINT user_mappings_docspace_user_key UNIQUE (team_id, docspace_user_id)
);
CREATE TABLE change_requests (
  id text PRIMARY KEY,
  team_id text NOT NULL,
  fingerprint text NOT NULL,
  change_json text NOT NULL,
  snapshot_json text NOT NULL,
  requester_ids jsonb NOT NULL CHECK (jsonb_typeof(requester_ids) = 'array'),
  requester_docspace_id text,
  reason text,
  status text NOT NULL CHECK (status IN (${STATUSES})),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  decided_by text,
  decided_at timestamptz,
  decision_note text,
  attempts integer NOT NULL DEFAULT 0,
  outcome text,
  card_channel_id text,
  card_ts text
);
CREATE UNIQUE INDEX change_requests_one_pending ON change_requests (team_id, fingerprint) WHERE status = 'pending';
CREATE INDEX change_requests_team_status ON change_requests (team_id, status, created_at);
CREATE INDEX change_requests_status_expires ON change_requests (status, expires_at);
CREATE INDEX change_requests_status_updated ON change_requests (status, updated_at);
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  team_id text,
  actor_slack_id text,
  actor_docspace_id text,
  on_behalf_of jsonb NOT NULL CHECK (jsonb_typeof(on_behalf_of) = 'array'),
  request_id text,
  action text NOT NULL,
  group_id text,
  group_name text,
  before_json text,
  after_json text,
  outcome text NOT NULL CHECK (outcome IN (${OUTCOMES})),
  detail text
);
CREATE INDEX audit_log_team ON audit_log (team_id, id);
CREATE INDEX audit_log_group ON audit_log (group_id, id);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
`;

export const initialSchema: Migration = { version: 1, name: 'initial schema', sqlite, postgres };
