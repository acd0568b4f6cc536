import { ErrorCode, type WebClient } from '@slack/web-api';
import type {
  ApprovalChannelState,
  ApprovalNotifier,
  CardPostError,
  CardPostProblem,
  ChangeRequest,
  Clock,
} from '../../domain/index.js';
import { channelStateOf } from '../../domain/index.js';
import { buildChannelAlertDm } from '../views/alerts.js';
import type { SlackMessage } from '../views/blocks.js';
import { buildApprovalCard, buildRequesterDm } from '../views/cards.js';

/** Opens (once per user and process) the bot's DM channel with a user and posts there. */
export function createDirectMessenger(client: WebClient) {
  const channels = new Map<string, string>();
  return async function sendDm(userId: string, msg: SlackMessage): Promise<void> {
    let channel = channels.get(userId);
    if (!channel) {
      const opened = await client.conversations.open({ users: userId });
      channel = opened.channel?.id;
      if (!channel) throw new Error(`conversations.open returned no channel for ${userId}`);
      if (channels.size > 5000) channels.clear();
      channels.set(userId, channel);
    }
    await client.chat.postMessage({ channel, text: msg.text, blocks: msg.blocks });
  };
}

export type DirectMessenger = ReturnType<typeof createDirectMessenger>;

/** Slack's chat.postMessage errors that mean the channel, not the message, is the trouble. */
const CHANNEL_ERRORS: Readonly<Record<string, CardPostProblem>> = {
  not_in_channel: 'not_in_channel',
  channel_not_found: 'channel_not_found',
  is_archived: 'is_archived',
  restricted_action: 'restricted',
  restricted_action_read_only_channel: 'restricted',
  restricted_action_thread_only_channel: 'restricted',
  restricted_action_non_threadable_channel: 'restricted',
  ekm_access_denied: 'restricted',
};

/** A failed card post, classified for the domain (which retries, and tells admins about channel problems). */
class SlackCardPostError extends Error implements CardPostError {
  override readonly name = 'CardPostError';
  readonly code = 'card_post_failed';
  readonly problem: CardPostProblem;
  readonly retryAfterSeconds: number | null;
  constructor(problem: CardPostProblem, retryAfterSeconds: number | null, cause: unknown) {
    super(`could not post the approval card: ${problem}`, { cause });
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Retry-After of a 429 that outlasted the client's retries: only the message of the error it wraps carries it. */
function rateLimitRetryAfter(error: unknown): number | null {
  const original = (error as { original?: unknown }).original;
  const match = /A rate limit was exceeded .*retry-after: (\d+)/.exec(
    original instanceof Error ? original.message : '',
  );
  return match ? Number(match[1]) : null;
}

/** What the Web API client threw, by its typed error codes. */
function classifyCardError(error: unknown): SlackCardPostError {
  const coded = error as { code?: unknown; data?: { error?: unknown }; retryAfter?: unknown };
  switch (coded.code) {
    case ErrorCode.PlatformError: {
      const slackError = String(coded.data?.error ?? '');
      const problem = CHANNEL_ERRORS[slackError] ?? (slackError === 'ratelimited' ? 'rate_limited' : 'other');
      return new SlackCardPostError(problem, null, error);
    }
    case ErrorCode.RateLimitedError:
      return new SlackCardPostError(
        'rate_limited',
        typeof coded.retryAfter === 'number' ? coded.retryAfter : null,
        error,
      );
    case ErrorCode.RequestError: {
      const retryAfter = rateLimitRetryAfter(error);
      return new SlackCardPostError(retryAfter === null ? 'network' : 'rate_limited', retryAfter, error);
    }
    case ErrorCode.HTTPError:
      return new SlackCardPostError('network', null, error);
    default:
      return new SlackCardPostError('other', null, error);
  }
}

/** Approval cards in the approvals channel, updated in place, and requester DMs, all over the Slack Web API. */
export function createSlackNotifier(deps: {
  client: WebClient;
  approvalChannelId: string | null;
  clock: Clock;
  sendDm: DirectMessenger;
  /** The bot's own user id, for "/invite @bot" in the admins' DM. */
  botUserId?: string | null;
  /** Told what each card post shows about the approvals channel (health endpoints). */
  onApprovalChannel?: (state: ApprovalChannelState) => void;
}): ApprovalNotifier {
  const card = (request: ChangeRequest) => buildApprovalCard(request, { now: deps.clock.now() });
  return {
    async postCard(request) {
      if (!deps.approvalChannelId) throw new Error('APPROVAL_CHANNEL_ID is not set');
      const msg = card(request);
      let posted: Awaited<ReturnType<WebClient['chat']['postMessage']>>;
      try {
        posted = await deps.client.chat.postMessage({
          channel: deps.approvalChannelId,
          text: msg.text,
          blocks: msg.blocks,
          unfurl_links: false,
        });
      } catch (error) {
        const failure = classifyCardError(error);
        const state = channelStateOf(failure.problem);
        if (state) deps.onApprovalChannel?.(state);
        throw failure;
      }
      if (!posted.ts || !posted.channel) throw new Error('chat.postMessage returned no ts');
      deps.onApprovalChannel?.('member');
      return { channelId: posted.channel, ts: posted.ts };
    },
    async updateCard(request) {
      if (!request.card) return;
      const msg = card(request);
      await deps.client.chat.update({
        channel: request.card.channelId,
        ts: request.card.ts,
        text: msg.text,
        blocks: msg.blocks,
      });
    },
    async notifyRequesters(request) {
      const msg = buildRequesterDm(request);
      const results = await Promise.allSettled(request.requesterIds.map((id) => deps.sendDm(id, msg)));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
    async tellAdmins(adminIds, alert) {
      const msg = buildChannelAlertDm(alert, deps.botUserId ?? null);
      const results = await Promise.allSettled(adminIds.map((id) => deps.sendDm(id, msg)));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}
