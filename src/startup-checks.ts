import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { DocSpaceGateway } from './domain/index.js';
import { isDocSpaceAdmin, isGatewayError } from './domain/index.js';

/** A start-up problem the operator must fix; the message says what and how, never a secret. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
  readonly code = 'startup_failed';
}

/** One auth.test at start: a wrong token stops start-up with a clear message; the ids spare Bolt its own call. */
export async function checkSlackToken(
  client: WebClient,
): Promise<{ botId: string; botUserId: string; teamId: string | null }> {
  try {
    const auth = await client.auth.test();
    if (!auth.user_id) throw new StartupError('Slack auth.test returned no bot user id; check SLACK_BOT_TOKEN.');
    return { botId: auth.bot_id ?? '', botUserId: auth.user_id, teamId: auth.team_id ?? null };
  } catch (error) {
    if (error instanceof StartupError) throw error;
    const code = (error as { data?: { error?: string } }).data?.error;
    const why = code ? `Slack answered "${code}"` : `Slack could not be reached (${(error as Error).message})`;
    throw new StartupError(
      `SLACK_BOT_TOKEN check failed: ${why}. Reinstall the app or copy the Bot User OAuth Token again.`,
    );
  }
}

/** The API key must work and belong to the DocSpace owner or an admin; an unreachable portal only warns. */
export async function checkDocSpaceKey(docspace: DocSpaceGateway, logger: Logger): Promise<'ok' | 'unreachable'> {
  try {
    const self = await docspace.getSelf();
    if (!isDocSpaceAdmin(self)) {
      logger.warn(
        { type: self.type },
        'the DocSpace API key does not belong to an owner or admin: group changes will be refused',
      );
    }
    return 'ok';
  } catch (error) {
    if (isGatewayError(error) && (error.code === 'unauthorized' || error.code === 'forbidden')) {
      throw new StartupError(
        `DOCSPACE_API_KEY was rejected by DocSpace (${error.code}). Create a key as the owner or an admin (Settings > Developer Tools > API keys) with accounts:read and accounts:write.`,
      );
    }
    logger.warn({ err: error }, 'DocSpace is not reachable right now; starting anyway');
    return 'unreachable';
  }
}
