import type { HomeViewerRepo, SlackUserId } from '../../domain/index.js';
import type { SqliteContext } from './repos.js';

// One statement per call; the upsert keeps first_opened_at and moves last_opened_at on.
const RECORD =
  'INSERT INTO home_viewers (team_id, slack_user_id, first_opened_at, last_opened_at) VALUES (?, ?, ?, ?) ' +
  'ON CONFLICT (team_id, slack_user_id) DO UPDATE SET last_opened_at = excluded.last_opened_at';

export function createSqliteHomes(ctx: SqliteContext): HomeViewerRepo {
  return {
    record: (teamId, slackUserId, at) =>
      ctx.run('homes.record', () => {
        ctx.statement(RECORD).run(teamId, slackUserId, at.toISOString(), at.toISOString());
      }),
    filterOpened: (teamId, slackUserIds) =>
      ctx.run('homes.filterOpened', () => {
        if (slackUserIds.length === 0) return [];
        const rows = ctx
          .statement(
            'SELECT slack_user_id FROM home_viewers WHERE team_id = ? AND slack_user_id IN (SELECT value FROM json_each(?))',
          )
          .all(teamId, JSON.stringify([...new Set(slackUserIds)])) as { slack_user_id: string }[];
        const opened = new Set(rows.map((r) => r.slack_user_id));
        return [...new Set(slackUserIds)].filter((id): id is SlackUserId => opened.has(id));
      }),
  };
}
