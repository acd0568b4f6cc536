import type { AccessReview, Caller, Clock, HandoverRepo, HomeFacts, ReviewRepo } from '../../domain/index.js';
import { escapeMrkdwn } from '../escape.js';
import { mention, slackDate } from '../views/blocks.js';
import type { HomeAddenda } from '../views/home.js';

/** Groups named in one summary line; the rest are counted. A Home shows at most 3 notices: one per feature here. */
const GROUPS_NAMED = 10;
/** Open reviews read per render (storage only), newest first. */
const REVIEWS_READ = 200;

export const DRY_RUN_NOTICE = '🧪 *Dry run*: the bot reads DocSpace but sends it no write; changes are rehearsed only.';

const groupList = (names: readonly string[]): string => {
  const named = names.slice(0, GROUPS_NAMED).map((n) => `*${escapeMrkdwn(n)}*`);
  const more = names.length > GROUPS_NAMED ? ` and ${names.length - GROUPS_NAMED} more` : '';
  return `${named.join(', ')}${more}`;
};

async function handoverNotice(handovers: Pick<HandoverRepo, 'listWaitingFor'>, caller: Caller): Promise<string | null> {
  const waiting = await handovers.listWaitingFor(caller.teamId, { slackUserId: caller.slackUserId });
  const [only] = waiting;
  if (!only) return null;
  if (waiting.length === 1) {
    return (
      `⏳ ${mention(only.requestedBy)} asks you to become the manager of *${escapeMrkdwn(only.snapshot.groupName)}*: ` +
      `Accept or Decline in the bot's message to you (until ${slackDate(only.expiresAt)}).`
    );
  }
  return (
    `⏳ ${waiting.length} manager handovers wait for you to accept: ${groupList(waiting.map((h) => h.snapshot.groupName))}. ` +
    "Accept or Decline each in the bot's messages to you."
  );
}

/** The reviews this person is asked to do, and (admins) the overdue ones of the team. */
function reviewNotice(open: readonly AccessReview[], caller: Caller, admin: boolean, now: Date): string | null {
  const mine = open.filter((r) => r.reviewerSlackId === caller.slackUserId);
  const overdue = admin ? open.filter((r) => r.dueAt.getTime() < now.getTime()) : [];
  const parts: string[] = [];
  if (mine.length > 0) {
    const late = mine.some((r) => r.dueAt.getTime() < now.getTime()) ? ' (some are overdue)' : '';
    parts.push(
      `📋 ${mine.length === 1 ? 'An access review waits' : `${mine.length} access reviews wait`} for you${late}: ` +
        `${groupList(mine.map((r) => r.groupName))}. Keep or Remove each member in the bot's message to you.`,
    );
  }
  if (overdue.length > 0) {
    parts.push(
      `⚠️ ${overdue.length} access ${overdue.length === 1 ? 'review is' : 'reviews are'} overdue: ` +
        `${groupList(overdue.map((r) => r.groupName))} (see \`review status\`).`,
    );
  }
  return parts.length ? parts.join('\n') : null;
}

/**
 * The lines at the top of a person's Home that come from other features, from storage only (no DocSpace call): the
 * dry-run mode, the manager handovers waiting for this person, the access reviews asked of them and, for admins, the
 * overdue ones.
 */
export function createHomeAddenda(deps: {
  readonly dryRun: boolean;
  readonly handovers: Pick<HandoverRepo, 'listWaitingFor'>;
  readonly reviews: Pick<ReviewRepo, 'list'>;
  readonly clock: Clock;
}): (caller: Caller, facts: Pick<HomeFacts, 'role'>) => Promise<HomeAddenda> {
  return async (caller, facts) => {
    const open = (await deps.reviews.list(caller.teamId, REVIEWS_READ)).filter((r) => r.state === 'open');
    const notices = [
      deps.dryRun ? DRY_RUN_NOTICE : null,
      await handoverNotice(deps.handovers, caller),
      reviewNotice(open, caller, facts.role === 'admin', deps.clock.now()),
    ];
    return { notices: notices.filter((n): n is string => n !== null) };
  };
}
