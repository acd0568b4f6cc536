import type { DocSpaceUserId, MappingRepo, SaveMappingResult, SlackTeamId, UserMapping } from '../domain/index.js';
import { driverErrorCode, StorageError, toQueryError } from './errors.js';
import type { PostgresContext } from './postgres-context.js';
import { mappingFromRow, mappingValues } from './rows.js';
import { MAPPING_DOCSPACE_UNIQUE, mappingUpsertSql, postgresPlaceholder } from './sql-text.js';

const SELECT = 'SELECT * FROM user_mappings';
const ORDER = 'ORDER BY team_id COLLATE "C", slack_user_id COLLATE "C"';
const UPSERT = mappingUpsertSql(postgresPlaceholder);
// A holder found by the unique violation can vanish (or turn out to be us) before we read it; then simply try again.
const SAVE_TRIES = 3;

export function createPostgresMappings(ctx: PostgresContext): MappingRepo {
  const byDocSpaceUser = async (teamId: SlackTeamId, docspaceUserId: DocSpaceUserId): Promise<UserMapping | null> => {
    const rows = await ctx.query(
      'mappings.getByDocSpaceUser',
      `${SELECT} WHERE team_id = $1 AND docspace_user_id = $2`,
      [teamId, docspaceUserId],
    );
    return rows[0] === undefined ? null : mappingFromRow(rows[0]);
  };
  const save = async (mapping: UserMapping): Promise<SaveMappingResult> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await ctx.queryRaw('mappings.save', UPSERT, mappingValues(mapping));
        return { ok: true };
      } catch (error) {
        if (!isDocSpaceIdTaken(error) || attempt >= SAVE_TRIES) throw toQueryError(error, ctx.store, 'mappings.save');
      }
      const holder = await byDocSpaceUser(mapping.teamId, mapping.docspaceUserId);
      if (holder !== null && holder.slackUserId !== mapping.slackUserId) return { ok: false, conflict: holder };
    }
  };
  return {
    get: async (teamId, slackUserId) => {
      const rows = await ctx.query('mappings.get', `${SELECT} WHERE team_id = $1 AND slack_user_id = $2`, [
        teamId,
        slackUserId,
      ]);
      return rows[0] === undefined ? null : mappingFromRow(rows[0]);
    },
    getByDocSpaceUser: byDocSpaceUser,
    save,
    markVerified: async (teamId, slackUserId, seen) => {
      await ctx.query(
        'mappings.markVerified',
        'UPDATE user_mappings SET verified_at = $1, docspace_email = $2, docspace_display_name = $3, docspace_type = $4 ' +
          'WHERE team_id = $5 AND slack_user_id = $6',
        [seen.at, seen.email, seen.displayName, seen.type, teamId, slackUserId],
      );
    },
    delete: async (teamId, slackUserId) => {
      const rows = await ctx.query(
        'mappings.delete',
        'DELETE FROM user_mappings WHERE team_id = $1 AND slack_user_id = $2 RETURNING slack_user_id',
        [teamId, slackUserId],
      );
      return rows.length > 0;
    },
    list: async (teamId) => {
      const rows =
        teamId === undefined
          ? await ctx.query('mappings.list', `${SELECT} ${ORDER}`, [])
          : await ctx.query('mappings.list', `${SELECT} WHERE team_id = $1 ${ORDER}`, [teamId]);
      return rows.map(mappingFromRow);
    },
  };
}

function isDocSpaceIdTaken(error: unknown): boolean {
  if (error instanceof StorageError) return false;
  const constraint: unknown = (error as { constraint?: unknown } | null)?.constraint;
  return driverErrorCode(error) === '23505' && constraint === MAPPING_DOCSPACE_UNIQUE;
}
