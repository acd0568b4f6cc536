import type { Migration } from './index.js';

// Manager handovers that wait for the incoming manager (HANDOVER_ACCEPTANCE=on). At most one waiting handover per team
// and group (a partial unique index), and every answer is a compare-and-set on status = 'waiting'.

const STATUSES = `'waiting', 'accepted', 'declined', 'expired'`;

const sqlite = `
CREATE TABLE handovers (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL,
  group_id TEXT NOT NULL,
  incoming_docspace_id TEXT NOT NULL,
  incoming_slack_id TEXT NOT NULL,
  incoming_name TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  approved_by TEXT,
  request_id TEXT,
  reason TEXT,
  snapshot_json TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN (${STATUSES})),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  decided_at TEXT,
  outcome TEXT,
  dm_channel_id TEXT,
  dm_ts TEXT
);
CREATE UNIQUE INDEX handovers_one_waiting ON handovers (team_id, group_id) WHERE status = 'waiting';
CREATE INDEX handovers_status_expires ON handovers (status, expires_at);
CREATE INDEX handovers_request ON handovers (request_id);
CREATE INDEX handovers_incoming ON handovers (team_id, status, incoming_slack_id);
`;

const postgres = `
CREATE TABLE handovers (
  id text PRIMARY KEY,
  team_id text NOT NULL,
  group_id text NOT NULL,
  incoming_docspace_id text NOT NULL,
  incoming_slack_id text NOT NULL,
  incoming_name text NOT NULL,
  requested_by text NOT NULL,
  approved_by text,
  request_id text,
  reason text,
  snapshot_json text NOT NULL,
  status text NOT NULL CHECK (status IN (${STATUSES})),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  decided_at timestamptz,
  outcome text,
  dm_channel_id text,
  dm_ts text
);
CREATE UNIQUE INDEX handovers_one_waiting ON handovers (team_id, group_id) WHERE status = 'waiting';
CREATE INDEX handovers_status_expires ON handovers (status, expires_at);
CREATE INDEX handovers_request ON handovers (request_id);
CREATE INDEX handovers_incoming ON handovers (team_id, status, incoming_slack_id);
`;

export const handovers: Migration = { version: 9, name: 'handovers', sqlite, postgres };
