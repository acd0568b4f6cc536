import type { Migration } from './index.js';

const KINDS = `'member', 'acting_manager'`;
const STATES = `'active', 'expiring', 'ended', 'failed'`;

// Time-bound memberships and acting managers. The sweep claims a due grant with one UPDATE … WHERE (active and past
// its end, or expiring and past its lease): the row is the lock, so two replicas never both end one grant.
const sqlite = `
CREATE TABLE grants (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL,
  group_id TEXT NOT NULL,
  group_name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN (${KINDS})),
  user_id TEXT NOT NULL,
  user_name TEXT NOT NULL,
  member_slack_id TEXT,
  requester_slack_id TEXT,
  previous_manager_id TEXT,
  previous_manager_name TEXT,
  duration_ms INTEGER NOT NULL,
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  remind_at TEXT,
  state TEXT NOT NULL CHECK (state IN (${STATES})),
  lease_until TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  request_id TEXT,
  ended_at TEXT,
  outcome TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX grants_due ON grants (state, ends_at);
CREATE INDEX grants_group ON grants (team_id, group_id, state);
CREATE INDEX grants_remind ON grants (remind_at) WHERE state = 'active' AND remind_at IS NOT NULL;
`;

const postgres = `
CREATE TABLE grants (
  id text PRIMARY KEY,
  team_id text NOT NULL,
  group_id text NOT NULL,
  group_name text NOT NULL,
  kind text NOT NULL CHECK (kind IN (${KINDS})),
  user_id text NOT NULL,
  user_name text NOT NULL,
  member_slack_id text,
  requester_slack_id text,
  previous_manager_id text,
  previous_manager_name text,
  duration_ms bigint NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  remind_at timestamptz,
  state text NOT NULL CHECK (state IN (${STATES})),
  lease_until timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  request_id text,
  ended_at timestamptz,
  outcome text,
  updated_at timestamptz NOT NULL
);
CREATE INDEX grants_due ON grants (state, ends_at);
CREATE INDEX grants_group ON grants (team_id, group_id, state);
CREATE INDEX grants_remind ON grants (remind_at) WHERE state = 'active' AND remind_at IS NOT NULL;
`;

/** Time-bound memberships and acting managers (issue 13). */
export const grantsTable: Migration = { version: 6, name: 'grants', sqlite, postgres };
