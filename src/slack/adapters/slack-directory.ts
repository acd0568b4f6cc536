import type { WebClient } from '@slack/web-api';
import type { SlackDirectory, SlackProfile } from '../../domain/index.js';
import { type SlackUserId, toSlackTeamId } from '../../domain/index.js';

interface SlackUserInfo {
  id?: string;
  team_id?: string;
  name?: string;
  real_name?: string;
  deleted?: boolean;
  is_bot?: boolean;
  profile?: { email?: string; real_name?: string; display_name?: string };
}

function isUserNotFound(error: unknown): boolean {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return data?.error === 'user_not_found' || data?.error === 'users_not_found';
}

/** users.info (needs users:read and users:read.email). USLACKBOT counts as a bot. */
export function createSlackDirectory(client: WebClient): SlackDirectory {
  return {
    async getUser(userId: SlackUserId): Promise<SlackProfile | null> {
      let user: SlackUserInfo | undefined;
      try {
        user = (await client.users.info({ user: userId })).user as SlackUserInfo | undefined;
      } catch (error) {
        if (isUserNotFound(error)) return null;
        throw error;
      }
      if (!user) return null;
      const email = user.profile?.email?.trim();
      return {
        id: userId,
        teamId: user.team_id ? toSlackTeamId(user.team_id) : null,
        name: user.profile?.display_name || user.real_name || user.name || userId,
        email: email ? email.toLowerCase() : null,
        isBot: user.is_bot === true || userId === 'USLACKBOT',
        deleted: user.deleted === true,
      };
    },
  };
}
