import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { DomainFailure, Result, SubmitOutcome } from '../../../domain/index.js';
import { parseViewValues } from '../../parse-view.js';
import { buildModalErrors } from '../../views/modal-errors.js';
import { afterAck, callerOfInteraction, type ListenerDeps, tellUser, within } from '../context.js';
import { submitMessage } from '../render.js';
import { fieldErrorsFor } from './field-errors.js';
import { decodeModalMetadata } from './metadata.js';
import type { ChangeModalKind } from './open-modals.js';
import { readModalForm } from './read-form.js';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type Submitted = Result<SubmitOutcome, DomainFailure>;

/**
 * A submitted change modal. Field problems found without the network are shown inline at once. The change then runs;
 * if its answer (e.g. "that person has no DocSpace account") arrives before the deadline it is shown on the field,
 * otherwise the modal closes in time and the result arrives as a message.
 */
export async function handleChangeSubmitted(deps: ListenerDeps, kind: ChangeModalKind, args: Args): Promise<void> {
  const { ack, body, view, client } = args;
  const caller = callerOfInteraction(body);
  const form = readModalForm(kind, parseViewValues(view.state.values), deps.reasonMode === 'required');
  if (!caller || !form.ok) {
    await ack({
      response_action: 'errors',
      errors: buildModalErrors(form.ok ? { name: 'Unknown user.' } : form.error),
    });
    return;
  }
  const { channelId } = decodeModalMetadata(view.private_metadata);
  const where = { channelId, userId: caller.slackUserId };
  const tell = (msg: { text: string; blocks: unknown[] }) => tellUser(client, deps, where, msg as never);
  const work = deps.services.submit(caller, form.value.ask, form.value.reason);
  let early: Submitted | null = null;
  try {
    early = await within(work, deps.submitDeadlineMs);
  } catch {
    // Unexpected failure: close the modal; afterAck below logs it and apologises.
  }
  const inline = early && !early.ok ? fieldErrorsFor(form.value.ask, early.error) : null;
  if (inline) {
    await ack({ response_action: 'errors', errors: buildModalErrors(inline) });
    return;
  }
  await ack();
  await afterAck(deps, { view: kind, user: caller.slackUserId }, tell, async () => {
    await tell(submitMessage(early ?? (await work)));
  });
}
