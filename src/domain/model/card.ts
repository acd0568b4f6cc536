// Approval cards that could not be posted: why, when to try again, and what the approvals channel looks like to the bot.

/** Why an approval card could not be posted, as the notifier reads Slack's answer. */
export const CARD_POST_PROBLEMS = [
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'restricted',
  'rate_limited',
  'network',
  'other',
] as const;
export type CardPostProblem = (typeof CARD_POST_PROBLEMS)[number];

/** Problems of the channel itself, which only a person can fix: admins are told once per channel and problem. */
export type ChannelProblem = Extract<
  CardPostProblem,
  'not_in_channel' | 'channel_not_found' | 'is_archived' | 'restricted'
>;

export function isChannelProblem(problem: CardPostProblem): problem is ChannelProblem {
  return (
    problem === 'not_in_channel' ||
    problem === 'channel_not_found' ||
    problem === 'is_archived' ||
    problem === 'restricted'
  );
}

/** The fix for each channel problem, for operators reading the log (admins get the same in a DM). */
export const CHANNEL_PROBLEM_FIX: Readonly<Record<ChannelProblem, string>> = {
  not_in_channel: 'invite the bot to the approvals channel (/invite @bot in that channel)',
  channel_not_found:
    'APPROVAL_CHANNEL_ID names no channel the bot can see: invite the bot to it (a private channel is invisible ' +
    'until then), or set APPROVAL_CHANNEL_ID to a channel the bot is in and restart',
  is_archived: 'the approvals channel is archived: unarchive it, or set APPROVAL_CHANNEL_ID to another channel',
  restricted: 'the approvals channel does not let the bot post: allow it to post there, or pick another channel',
};

/** What admins are told, once, when cards cannot be posted in the approvals channel. */
export interface ChannelAlert {
  readonly channelId: string;
  readonly problem: ChannelProblem;
}

/** How the approvals channel looks to the bot: at start-up (conversations.info), then after every card post. */
export type ApprovalChannelState = 'member' | 'not_a_member' | 'not_found' | 'archived' | 'unknown' | 'not_configured';

/** The channel state a card post problem reveals; null when it says nothing about the channel (rate limit, network). */
export function channelStateOf(problem: CardPostProblem): ApprovalChannelState | null {
  switch (problem) {
    case 'not_in_channel':
      return 'not_a_member';
    case 'channel_not_found':
      return 'not_found';
    case 'is_archived':
      return 'archived';
    default:
      return null;
  }
}

const MINUTE = 60_000;
/** How long a claim to post a card holds: another replica may post it only after this (a crash mid-post). */
export const CARD_POST_LEASE_MS = 2 * MINUTE;
const REPOST_BASE_MS = MINUTE;
const REPOST_MAX_MS = 15 * MINUTE;

/**
 * When to try a failed card again: 1, 2, 4, 8 then every 15 minutes (maintenance runs every minute), never sooner
 * than Slack's Retry-After. It never gives up: the request expires on its own time.
 */
export function repostDelayMs(attempts: number, retryAfterSeconds: number | null): number {
  const backoff = Math.min(REPOST_MAX_MS, REPOST_BASE_MS * 2 ** Math.min(10, Math.max(0, attempts - 1)));
  return Math.max(backoff, (retryAfterSeconds ?? 0) * 1000);
}
