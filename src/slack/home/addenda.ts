import type { Caller, HandoverRepo } from '../../domain/index.js';
import { escapeMrkdwn } from '../escape.js';
import { mention, slackDate } from '../views/blocks.js';
import type { HomeAddenda } from '../views/home.js';

/** Up to this many waiting handovers get a line each; more are summed up in one (a Home shows 3 notices). */
const HANDOVERS_SHOWN = 2;
const GROUPS_NAMED = 10;

export const DRY_RUN_NOTICE = '🧪 *Dry run*: the bot reads DocSpace but sends it no write; changes are rehearsed only.';

/**
 * The lines at the top of a person's Home that come from other features: the dry-run mode, and the manager handovers
 * waiting for this person to accept (storage only, no DocSpace call).
 */
export function createHomeAddenda(deps: {
  readonly dryRun: boolean;
  readonly handovers: Pick<HandoverRepo, 'listWaitingFor'>;
}): (caller: Caller) => Promise<HomeAddenda> {
  return async (caller) => {
    const notices: string[] = deps.dryRun ? [DRY_RUN_NOTICE] : [];
    const waiting = await deps.handovers.listWaitingFor(caller.teamId, { slackUserId: caller.slackUserId });
    if (waiting.length > HANDOVERS_SHOWN) {
      const named = waiting.slice(0, GROUPS_NAMED).map((h) => `*${escapeMrkdwn(h.snapshot.groupName)}*`);
      const more = waiting.length > GROUPS_NAMED ? ` and ${waiting.length - GROUPS_NAMED} more` : '';
      notices.push(
        `⏳ ${waiting.length} manager handovers wait for you to accept: ${named.join(', ')}${more}. ` +
          "Accept or Decline each in the bot's messages to you.",
      );
      return { notices };
    }
    for (const h of waiting) {
      notices.push(
        `⏳ ${mention(h.requestedBy)} asks you to become the manager of *${escapeMrkdwn(h.snapshot.groupName)}*: ` +
          `Accept or Decline in the bot's message to you (until ${slackDate(h.expiresAt)}).`,
      );
    }
    return { notices };
  };
}
