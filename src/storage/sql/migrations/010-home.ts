import type { Migration } from './index.js';

// Who has opened the App Home: a decision or a change republishes only these people's Home (across replicas and
// restarts), never one that nobody opened.

const sqlite = `
CREATE TABLE home_viewers (
  team_id TEXT NOT NULL,
  slack_user_id TEXT NOT NULL,
  first_opened_at TEXT NOT NULL,
  last_opened_at TEXT NOT NULL,
  PRIMARY KEY (team_id, slack_user_id)
);
`;

const postgres = `
CREATE TABLE home_viewers (
  team_id text NOT NULL,
  slack_user_id text NOT NULL,
  first_opened_at timestamptz NOT NULL,
  last_opened_at timestamptz NOT NULL,
  PRIMARY KEY (team_id, slack_user_id)
);
`;

export const homeViewers: Migration = { version: 10, name: 'home viewers', sqlite, postgres };
