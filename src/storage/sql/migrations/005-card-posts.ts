import type { Migration } from './index.js';

// A pending request whose approval card could not be posted stays decidable: how often its post was tried, when it
// is due again (NULL: never tried, so due now) and why the last try failed. channel_alerts remembers the channel
// problem admins were last told about, so they hear of each problem once, not per request or per attempt.

const sqlite = `
ALTER TABLE change_requests ADD COLUMN card_post_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE change_requests ADD COLUMN next_card_post_at TEXT;
ALTER TABLE change_requests ADD COLUMN last_card_error TEXT;
CREATE INDEX change_requests_missing_cards ON change_requests (next_card_post_at, created_at)
  WHERE status = 'pending' AND card_channel_id IS NULL;
CREATE TABLE channel_alerts (
  channel_id TEXT PRIMARY KEY,
  problem TEXT NOT NULL,
  notified_at TEXT NOT NULL
);
`;

const postgres = `
ALTER TABLE change_requests ADD COLUMN card_post_attempts integer NOT NULL DEFAULT 0;
ALTER TABLE change_requests ADD COLUMN next_card_post_at timestamptz;
ALTER TABLE change_requests ADD COLUMN last_card_error text;
CREATE INDEX change_requests_missing_cards ON change_requests (next_card_post_at, created_at)
  WHERE status = 'pending' AND card_channel_id IS NULL;
CREATE TABLE channel_alerts (
  channel_id text PRIMARY KEY,
  problem text NOT NULL,
  notified_at timestamptz NOT NULL
);
`;

export const cardPosts: Migration = { version: 5, name: 'card posts', sqlite, postgres };
