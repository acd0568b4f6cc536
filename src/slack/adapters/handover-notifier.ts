import type { WebClient } from '@slack/web-api';
import type { Clock, HandoverNotifier } from '../../domain/index.js';
import { buildApprovalCard } from '../views/cards.js';
import { buildHandoverAsk, buildHandoverRequesterDm } from '../views/handovers.js';
import type { DirectMessenger } from './slack-notifier.js';

/** The incoming manager's Accept / Decline DM (kept, so it is updated once answered) and the requester's news. */
export function createHandoverNotifier(deps: {
  client: WebClient;
  clock: Clock;
  sendDm: DirectMessenger;
}): HandoverNotifier {
  return {
    async askIncoming(handover) {
      const opened = await deps.client.conversations.open({ users: handover.incomingSlackId });
      const channel = opened.channel?.id;
      if (!channel) throw new Error(`conversations.open returned no channel for ${handover.incomingSlackId}`);
      const msg = buildHandoverAsk(handover);
      const posted = await deps.client.chat.postMessage({ channel, text: msg.text, blocks: msg.blocks });
      if (!posted.ts) throw new Error('chat.postMessage returned no ts');
      return { channelId: posted.channel ?? channel, ts: posted.ts };
    },
    async updateAsk(handover) {
      if (!handover.dm) return;
      const msg = buildHandoverAsk(handover);
      await deps.client.chat.update({
        channel: handover.dm.channelId,
        ts: handover.dm.ts,
        text: msg.text,
        blocks: msg.blocks,
      });
    },
    async tellRequester(handover) {
      await deps.sendDm(handover.requestedBy, buildHandoverRequesterDm(handover));
    },
    async showWaitingOnCard(request, handover) {
      if (!request.card) return;
      const handoverView = { incomingSlackId: handover.incomingSlackId, expiresAt: handover.expiresAt };
      const msg = buildApprovalCard(request, { now: deps.clock.now(), handover: handoverView });
      await deps.client.chat.update({
        channel: request.card.channelId,
        ts: request.card.ts,
        text: msg.text,
        blocks: msg.blocks,
      });
    },
  };
}
