import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { REASON_MAX, toRequestId } from '../../../domain/index.js';
import { ACTION_REASON, BLOCK_REASON } from '../../ids.js';
import { parseViewValues, textValue } from '../../parse-view.js';
import { buildModalErrors } from '../../views/modal-errors.js';
import { afterAck, callerOfInteraction, type ListenerDeps, tellUser } from '../context.js';
import { failureMessage } from '../render.js';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** The deny-reason modal: private_metadata holds only the request id; authorization is checked again here. */
export async function handleDenySubmitted(deps: ListenerDeps, args: Args): Promise<void> {
  const { ack, body, view, client } = args;
  const caller = callerOfInteraction(body);
  const id = toRequestId(view.private_metadata ?? '');
  const note = textValue(parseViewValues(view.state.values), BLOCK_REASON, ACTION_REASON)?.trim() || null;
  if (note && note.length > REASON_MAX) {
    await ack({
      response_action: 'errors',
      errors: buildModalErrors({ reason: `Keep the reason under ${REASON_MAX} characters.` }),
    });
    return;
  }
  await ack();
  if (!caller || !id) return;
  const tell = (msg: { text: string; blocks: unknown[] }) =>
    tellUser(client, deps, { channelId: null, userId: caller.slackUserId }, msg as never);
  await afterAck(deps, { view: 'deny', user: caller.slackUserId, requestId: id }, tell, async () => {
    const denied = await deps.services.deny(caller, id, note);
    if (!denied.ok) await tell(failureMessage(denied.error));
    else deps.logger.info({ requestId: id, by: caller.slackUserId }, 'request denied');
  });
}
