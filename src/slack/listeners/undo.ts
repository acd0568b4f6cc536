import type { UndoOutcome } from '../../domain/index.js';
import { cardNotPostedText } from '../messages.js';
import { buildUndoResult, undoQueuedReply } from '../views/undo.js';
import { decodeUndoValue } from '../views/undo-parts.js';
import type { ButtonArgs } from './buttons.js';
import {
  afterAck,
  callerOfInteraction,
  failureMessage,
  type ListenerDeps,
  plainMessage,
  type Reply,
} from './context.js';
import { actionDeliveryKey, isRepeat } from './deliveries.js';

/**
 * Undo, on a change's reply or an executed request's card: ack, then ask the domain, which decides everything (the
 * window, one undo per change, who may). Only the clicker sees the answer; a card is updated by the domain.
 */
export async function handleUndoButton(deps: ListenerDeps, args: ButtonArgs) {
  await args.ack();
  const caller = callerOfInteraction(args.body);
  const target = decodeUndoValue(args.action.value);
  const reply: Reply = async (msg) => {
    if (args.body.response_url) {
      await args.respond({ response_type: 'ephemeral', replace_original: false, text: msg.text, blocks: msg.blocks });
    }
  };
  await afterAck(deps, { action: 'undo', user: caller?.slackUserId }, reply, async () => {
    if (!caller || !target) {
      await reply(plainMessage('That Undo button does not name a change I know.'));
      return;
    }
    const what = { action: 'undo', user: caller.slackUserId };
    if (await isRepeat(deps, actionDeliveryKey(args.body), args.context, what)) return;
    const result = await deps.services.undo(caller, target);
    if (!result.ok) {
      await reply(failureMessage(result.error));
      return;
    }
    await reply(buildUndoResult(result.value, queuedReply));
  });
}

function queuedReply(outcome: UndoOutcome & { kind: 'requested' }) {
  const card = outcome.request.card;
  if (card && !outcome.cardError) return undoQueuedReply(outcome, card.channelId);
  return plainMessage(cardNotPostedText(outcome.request.id, outcome.cardError));
}
