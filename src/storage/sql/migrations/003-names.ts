import type { Migration } from './index.js';

const STATES = `'held', 'unknown', 'confirmed'`;

// One reservation per team and name key: the primary key is what makes a second claim fail (insert-or-fail, never a
// read then a write), on SQLite and across PostgreSQL replicas alike. Delivery keys expire; the index finds old ones.
const sqlite = `
CREATE TABLE group_name_reservations (
  team_id TEXT NOT NULL,
  name_key TEXT NOT NULL,
  name TEXT NOT NULL,
  owner TEXT NOT NULL,
  token TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN (${STATES})),
  group_id TEXT,
  lease_until TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (team_id, name_key)
);
CREATE INDEX group_name_reservations_group ON group_name_reservations (team_id, group_id);
CREATE TABLE slack_deliveries (
  delivery_key TEXT PRIMARY KEY,
  seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX slack_deliveries_expires ON slack_deliveries (expires_at);
`;

const postgres = `
CREATE TABLE group_name_reservations (
  team_id text NOT NULL,
  name_key text NOT NULL,
  name text NOT NULL,
  owner text NOT NULL,
  token text NOT NULL,
  state text NOT NULL CHECK (state IN (${STATES})),
  group_id text,
  lease_until timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (team_id, name_key)
);
CREATE INDEX group_name_reservations_group ON group_name_reservations (team_id, group_id);
CREATE TABLE slack_deliveries (
  delivery_key text PRIMARY KEY,
  seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX slack_deliveries_expires ON slack_deliveries (expires_at);
`;

/** Group name reservations (one group per name) and recently handled Slack deliveries (each answered once). */
export const nameReservations: Migration = { version: 3, name: 'name reservations and deliveries', sqlite, postgres };
