import type {
  DocSpaceUserId,
  MappingRepo,
  SaveMappingResult,
  SlackTeamId,
  SlackUserId,
  UserMapping,
} from '../domain/index.js';
import { driverErrorCode } from './errors.js';
import { mappingFromRow, mappingValues } from './rows.js';
import { mappingUpsertSql, sqlitePlaceholder } from './sql-text.js';
import { type SqliteContext, sqliteValues } from './sqlite-context.js';

const SELECT = 'SELECT * FROM user_mappings';

export function createSqliteMappings(ctx: SqliteContext): MappingRepo {
  const byDocSpaceUser = (teamId: SlackTeamId, docspaceUserId: DocSpaceUserId): UserMapping | null => {
    const row = ctx.statement(`${SELECT} WHERE team_id = ? AND docspace_user_id = ?`).get(teamId, docspaceUserId);
    return row === undefined ? null : mappingFromRow(row);
  };
  return {
    get: (teamId, slackUserId) =>
      ctx.run('mappings.get', () => {
        const row = ctx.statement(`${SELECT} WHERE team_id = ? AND slack_user_id = ?`).get(teamId, slackUserId);
        return row === undefined ? null : mappingFromRow(row);
      }),
    getByDocSpaceUser: (teamId, docspaceUserId) =>
      ctx.run('mappings.getByDocSpaceUser', () => byDocSpaceUser(teamId, docspaceUserId)),
    save: (mapping) =>
      ctx.run('mappings.save', (): SaveMappingResult => {
        try {
          ctx.statement(mappingUpsertSql(sqlitePlaceholder)).run(...sqliteValues(mappingValues(mapping)));
          return { ok: true };
        } catch (error) {
          // The upsert replaced nothing: another Slack user of the team holds this DocSpace id.
          const holder =
            driverErrorCode(error) === 'SQLITE_CONSTRAINT_UNIQUE'
              ? byDocSpaceUser(mapping.teamId, mapping.docspaceUserId)
              : null;
          if (holder === null || holder.slackUserId === mapping.slackUserId) throw error;
          return { ok: false, conflict: holder };
        }
      }),
    markVerified: (teamId, slackUserId, seen) =>
      ctx.run('mappings.markVerified', () => {
        ctx
          .statement(
            'UPDATE user_mappings SET verified_at = ?, docspace_email = ?, docspace_display_name = ?, docspace_type = ? ' +
              'WHERE team_id = ? AND slack_user_id = ?',
          )
          .run(seen.at.toISOString(), seen.email, seen.displayName, seen.type, teamId, slackUserId);
      }),
    delete: (teamId: SlackTeamId, slackUserId: SlackUserId) =>
      ctx.run('mappings.delete', () => {
        const info = ctx
          .statement('DELETE FROM user_mappings WHERE team_id = ? AND slack_user_id = ?')
          .run(teamId, slackUserId);
        return info.changes > 0;
      }),
    list: (teamId) =>
      ctx.run('mappings.list', () => {
        const rows =
          teamId === undefined
            ? ctx.statement(`${SELECT} ORDER BY team_id, slack_user_id`).all()
            : ctx.statement(`${SELECT} WHERE team_id = ? ORDER BY team_id, slack_user_id`).all(teamId);
        return rows.map(mappingFromRow);
      }),
  };
}
