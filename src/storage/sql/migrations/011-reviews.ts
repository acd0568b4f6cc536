import type { Migration } from './index.js';

// Access reviews: one row per review (its group snapshot and outcome as JSON text), one row per decision on a member.
// At most one open review per team and group: a partial unique index, so two admins or two replicas cannot both open
// one. The notice columns are claimed by compare-and-set, so each reminder and escalation is sent once.

const STATES = `'open', 'submitted', 'cancelled'`;

const sqlite = `
CREATE TABLE access_reviews (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL,
  group_id TEXT NOT NULL,
  group_name TEXT NOT NULL,
  snapshot_json TEXT NOT NULL,
  reviewer_slack_id TEXT NOT NULL,
  reviewer_docspace_id TEXT NOT NULL,
  reviewer_reason TEXT NOT NULL CHECK (reviewer_reason IN ('manager', 'chosen')),
  trigger_kind TEXT NOT NULL CHECK (trigger_kind IN ('admin', 'schedule')),
  started_by TEXT,
  created_at TEXT NOT NULL,
  due_at TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN (${STATES})),
  closed_by TEXT,
  closed_at TEXT,
  outcome_json TEXT,
  reminded_half_at TEXT,
  reminded_due_at TEXT,
  escalated_at TEXT
);
CREATE UNIQUE INDEX access_reviews_one_open ON access_reviews (team_id, group_id) WHERE state = 'open';
CREATE INDEX access_reviews_by_group ON access_reviews (team_id, group_id, created_at);
CREATE INDEX access_reviews_open_due ON access_reviews (due_at) WHERE state = 'open';
CREATE TABLE access_review_decisions (
  review_id TEXT NOT NULL REFERENCES access_reviews (id),
  docspace_user_id TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('keep', 'remove')),
  note TEXT,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  PRIMARY KEY (review_id, docspace_user_id)
);
`;

const postgres = `
CREATE TABLE access_reviews (
  id text PRIMARY KEY,
  team_id text NOT NULL,
  group_id text NOT NULL,
  group_name text NOT NULL,
  snapshot_json text NOT NULL,
  reviewer_slack_id text NOT NULL,
  reviewer_docspace_id text NOT NULL,
  reviewer_reason text NOT NULL CHECK (reviewer_reason IN ('manager', 'chosen')),
  trigger_kind text NOT NULL CHECK (trigger_kind IN ('admin', 'schedule')),
  started_by text,
  created_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  state text NOT NULL CHECK (state IN (${STATES})),
  closed_by text,
  closed_at timestamptz,
  outcome_json text,
  reminded_half_at timestamptz,
  reminded_due_at timestamptz,
  escalated_at timestamptz
);
CREATE UNIQUE INDEX access_reviews_one_open ON access_reviews (team_id, group_id) WHERE state = 'open';
CREATE INDEX access_reviews_by_group ON access_reviews (team_id, group_id, created_at);
CREATE INDEX access_reviews_open_due ON access_reviews (due_at) WHERE state = 'open';
CREATE TABLE access_review_decisions (
  review_id text NOT NULL REFERENCES access_reviews (id),
  docspace_user_id text NOT NULL,
  decision text NOT NULL CHECK (decision IN ('keep', 'remove')),
  note text,
  decided_by text NOT NULL,
  decided_at timestamptz NOT NULL,
  PRIMARY KEY (review_id, docspace_user_id)
);
`;

export const accessReviews: Migration = { version: 11, name: 'access reviews', sqlite, postgres };
