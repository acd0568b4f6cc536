import type { HomeViewerRepo, SlackUserId } from '../../domain/index.js';
import type { PostgresContext } from './repos.js';

// One statement per call; the upsert keeps first_opened_at and moves last_opened_at on.
const RECORD =
  'INSERT INTO home_viewers (team_id, slack_user_id, first_opened_at, last_opened_at) VALUES ($1, $2, $3, $3) ' +
  'ON CONFLICT (team_id, slack_user_id) DO UPDATE SET last_opened_at = excluded.last_opened_at';

export function createPostgresHomes(ctx: PostgresContext): HomeViewerRepo {
  return {
    async record(teamId, slackUserId, at) {
      await ctx.query('homes.record', RECORD, [teamId, slackUserId, at]);
    },
    async filterOpened(teamId, slackUserIds) {
      const wanted = [...new Set(slackUserIds)];
      if (wanted.length === 0) return [];
      const rows = (await ctx.query(
        'homes.filterOpened',
        'SELECT slack_user_id FROM home_viewers WHERE team_id = $1 AND slack_user_id IN (SELECT jsonb_array_elements_text($2::jsonb))',
        [teamId, JSON.stringify(wanted)],
      )) as { slack_user_id: string }[];
      const opened = new Set(rows.map((r) => r.slack_user_id));
      return wanted.filter((id): id is SlackUserId => opened.has(id));
    },
  };
}
