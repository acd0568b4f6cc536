import type { WebClient } from '@slack/web-api';
import type { Clock, SlackDirectory, SlackProfile } from '../../domain/index.js';
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

/** The one Web API method this adapter calls; a WebClient fits. */
type UsersInfoClient = Pick<WebClient, 'users'>;

export interface SlackDirectoryOptions {
  /** Ages the remembered failures (injectable for tests). */
  readonly clock: Clock;
  /** How long a failed look-up is answered from memory (default 60 s). */
  readonly failureTtlMs?: number;
  /** At most this many failures are remembered; the oldest goes first (default 10,000). */
  readonly maxRemembered?: number;
}

export const FAILED_LOOKUP_TTL_MS = 60_000;
const MAX_REMEMBERED = 10_000;

function isUserNotFound(error: unknown): boolean {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return data?.error === 'user_not_found' || data?.error === 'users_not_found';
}

/**
 * An answer that cannot lead to a mapping: no such user, a bot, a deactivated account, or no email to match. A success
 * is remembered as the mapping it leads to (MAPPING_TTL_HOURS), so only these need remembering here.
 */
function isFailure(profile: SlackProfile | null): boolean {
  return profile === null || profile.email === null || profile.isBot || profile.deleted;
}

async function lookUp(client: UsersInfoClient, userId: SlackUserId): Promise<SlackProfile | null> {
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
}

/**
 * users.info (needs users:read and users:read.email). USLACKBOT counts as a bot. Failed look-ups are answered from
 * memory for a minute, so a command repeated with 250 unknown mentions does not spend 250 calls of the bot's shared
 * Slack rate limit again. Slack errors (rate limits, outages) are not answers and are never remembered.
 */
export function createSlackDirectory(client: UsersInfoClient, options: SlackDirectoryOptions): SlackDirectory {
  const ttlMs = options.failureTtlMs ?? FAILED_LOOKUP_TTL_MS;
  const max = options.maxRemembered ?? MAX_REMEMBERED;
  // Insertion order is age order: a re-remembered user is deleted first, so the first key is always the oldest.
  const failures = new Map<SlackUserId, { readonly profile: SlackProfile | null; readonly until: number }>();

  const remembered = (userId: SlackUserId) => {
    const entry = failures.get(userId);
    if (entry === undefined) return undefined;
    if (entry.until > options.clock.now().getTime()) return entry;
    failures.delete(userId);
    return undefined;
  };

  const remember = (userId: SlackUserId, profile: SlackProfile | null) => {
    failures.delete(userId);
    failures.set(userId, { profile, until: options.clock.now().getTime() + ttlMs });
    for (const oldest of failures.keys()) {
      if (failures.size <= max) break;
      failures.delete(oldest);
    }
  };

  return {
    async getUser(userId: SlackUserId): Promise<SlackProfile | null> {
      const known = remembered(userId);
      if (known !== undefined) return known.profile;
      const profile = await lookUp(client, userId);
      if (isFailure(profile)) remember(userId, profile);
      return profile;
    },
  };
}
