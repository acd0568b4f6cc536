import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Caller, DomainFailure, Result } from '../../../domain/index.js';
import { type RequestId, toRequestId } from '../../../domain/index.js';
import { buildDenyReasonModal } from '../../views/deny-reason-modal.js';
import { afterAck, callerOfInteraction, type ListenerDeps, plainMessage } from '../context.js';
import { failureMessage } from '../render.js';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
type Decide = (caller: Caller, id: RequestId) => Promise<Result<unknown, DomainFailure>>;

/** Only the clicker sees refusals; the card itself is updated by the domain through the notifier. */
function ephemeral(args: ButtonArgs) {
  return async (msg: { text: string; blocks: unknown[] }) => {
    if (args.body.response_url) {
      await args.respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: msg.text,
        blocks: msg.blocks as never,
      });
    }
  };
}

/**
 * Approve, Retry and Cancel: ack, then act. The button value is only a request id; who may act is decided on the
 * server from the signed user id, at every click.
 */
export async function handleRequestButton(deps: ListenerDeps, args: ButtonArgs, name: string, decide: Decide) {
  await args.ack();
  const caller = callerOfInteraction(args.body);
  const id = toRequestId(args.action.value ?? '');
  const reply = ephemeral(args);
  await afterAck(deps, { action: name, requestId: id, user: caller?.slackUserId }, reply, async () => {
    if (!caller || !id) {
      await reply(plainMessage('That button does not name a request I know.'));
      return;
    }
    const result = await decide(caller, id);
    if (!result.ok) await reply(failureMessage(result.error));
    else if (name === 'cancel') await reply(plainMessage(`Request \`${id}\` is cancelled.`));
  });
}

/**
 * Deny opens a modal for an optional reason, after a quick local check so non-approvers, and anyone clicking a request
 * that is no longer pending, are told at once instead of after typing a note.
 */
export async function handleDenyButton(deps: ListenerDeps, args: ButtonArgs) {
  await args.ack();
  const caller = callerOfInteraction(args.body);
  const id = toRequestId(args.action.value ?? '');
  const reply = ephemeral(args);
  await afterAck(deps, { action: 'deny', requestId: id }, reply, async () => {
    if (!caller || !id) {
      await reply(plainMessage('That button does not name a request I know.'));
      return;
    }
    const preview = await deps.services.previewDecision(caller, id);
    if (!preview.ok) {
      await reply(failureMessage(preview.error));
      return;
    }
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: buildDenyReasonModal(preview.value) });
  });
}
