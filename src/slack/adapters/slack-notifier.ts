import type { WebClient } from '@slack/web-api';
import type { ApprovalNotifier, ChangeRequest, Clock } from '../../domain/index.js';
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

/** Approval cards in the approvals channel, updated in place, and requester DMs, all over the Slack Web API. */
export function createSlackNotifier(deps: {
  client: WebClient;
  approvalChannelId: string | null;
  clock: Clock;
  sendDm: DirectMessenger;
}): ApprovalNotifier {
  const card = (request: ChangeRequest) => buildApprovalCard(request, { now: deps.clock.now() });
  return {
    async postCard(request) {
      if (!deps.approvalChannelId) throw new Error('APPROVAL_CHANNEL_ID is not set');
      const msg = card(request);
      const posted = await deps.client.chat.postMessage({
        channel: deps.approvalChannelId,
        text: msg.text,
        blocks: msg.blocks,
        unfurl_links: false,
      });
      if (!posted.ts || !posted.channel) throw new Error('chat.postMessage returned no ts');
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
  };
}
