import type {
  AllMiddlewareArgs,
  SlackOptionsMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Caller, DomainFailure, GroupSummary, Result, SubmitOutcome } from '../../domain/index.js';
import { GROUP_NAME_MAX, REASON_MAX, toRequestId } from '../../domain/index.js';
import { ACTION_REASON, BLOCK_REASON } from '../ids.js';
import { parseViewValues, textValue } from '../parse/view-state.js';
import type { ReasonMode } from '../views/modals.js';
import {
  buildCreateModal,
  buildGroupOptions,
  buildManagerModal,
  buildMembersModal,
  buildMenuModal,
  buildModalErrors,
} from '../views/modals.js';
import {
  afterAck,
  callerOfInteraction,
  failureMessage,
  type ListenerDeps,
  type Reply,
  submitMessage,
  tellUser,
  within,
} from './context.js';
import { isRepeat, viewDeliveryKey } from './deliveries.js';
import {
  type ChangeModalKind,
  decodeModalMetadata,
  encodeModalMetadata,
  FIELD_TEXT,
  fieldErrorsFor,
  readModalForm,
} from './forms.js';

export type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type PickerArgs = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs;

export interface OpenModalInput {
  readonly triggerId: string;
  readonly caller: Caller;
  readonly channelId: string | null;
  readonly modal: ChangeModalKind;
}

/** The modal for a change; the reason field and submit label follow the caller's role (a local look-up only). */
export async function buildChangeModal(
  deps: ListenerDeps,
  caller: Caller,
  kind: ChangeModalKind,
  privateMetadata: string,
): Promise<ModalView> {
  const role = await deps.services.roleHint(caller);
  const needsApproval = !role.ok || role.value !== 'admin';
  const reasonMode: ReasonMode = needsApproval ? deps.reasonMode : 'hidden';
  const options = { reasonMode, needsApproval, privateMetadata };
  if (kind === 'create') return buildCreateModal(options);
  return kind === 'manager' ? buildManagerModal(options) : buildMembersModal(options);
}

export async function openMenuModal(deps: ListenerDeps, client: WebClient, input: OpenModalInput): Promise<void> {
  await client.views.open({
    trigger_id: input.triggerId,
    view: buildMenuModal({ privateMetadata: encodeModalMetadata(input.channelId) }),
  });
  deps.logger.debug({ user: input.caller.slackUserId }, 'opened the menu modal');
}

export async function openChangeModal(deps: ListenerDeps, client: WebClient, input: OpenModalInput): Promise<void> {
  const view = await buildChangeModal(deps, input.caller, input.modal, encodeModalMetadata(input.channelId));
  await client.views.open({ trigger_id: input.triggerId, view });
}

type Submitted = Result<SubmitOutcome, DomainFailure>;

/**
 * A submitted change modal. Field problems found without the network are shown inline at once. The change then runs;
 * if its answer (e.g. "that person has no DocSpace account") arrives before the deadline it is shown on the field,
 * otherwise the modal closes in time and the result arrives as a message.
 */
export async function handleChangeSubmitted(deps: ListenerDeps, kind: ChangeModalKind, args: ViewArgs): Promise<void> {
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
  // A second delivery of this very submission closes the modal; the first one answers.
  const key = viewDeliveryKey(body);
  if (await isRepeat(deps, key, args.context, { view: kind, user: caller.slackUserId })) {
    await ack();
    return;
  }
  const { channelId } = decodeModalMetadata(view.private_metadata);
  const where = { channelId, userId: caller.slackUserId };
  const tell: Reply = (msg) => tellUser(client, deps, where, msg);
  const work = deps.services.submit(caller, form.value.ask, form.value.reason);
  let early: Submitted | null = null;
  try {
    early = await within(work, deps.submitDeadlineMs);
  } catch {
    // Unexpected failure: close the modal; afterAck below logs it and apologises.
  }
  const inline = early && !early.ok ? fieldErrorsFor(form.value.ask, early.error) : null;
  if (inline) {
    // Nothing was done and the modal stays open: submitting it again is a new attempt, not a repeat.
    await deps.deliveries.forget(key);
    await ack({ response_action: 'errors', errors: buildModalErrors(inline) });
    return;
  }
  await ack();
  await afterAck(deps, { view: kind, user: caller.slackUserId }, tell, async () => {
    await tell(submitMessage(early ?? (await work)));
  });
}

/** The deny-reason modal: private_metadata holds only the request id; authorization is checked again here. */
export async function handleDenySubmitted(deps: ListenerDeps, args: ViewArgs): Promise<void> {
  const { ack, body, view, client } = args;
  const caller = callerOfInteraction(body);
  const id = toRequestId(view.private_metadata ?? '');
  const note = textValue(parseViewValues(view.state.values), BLOCK_REASON, ACTION_REASON)?.trim() || null;
  if (note && note.length > REASON_MAX) {
    await ack({
      response_action: 'errors',
      errors: buildModalErrors({ reason: FIELD_TEXT.reasonTooLong }),
    });
    return;
  }
  await ack();
  if (!caller || !id) return;
  if (await isRepeat(deps, viewDeliveryKey(body), args.context, { view: 'deny', user: caller.slackUserId })) return;
  const tell: Reply = (msg) => tellUser(client, deps, { channelId: null, userId: caller.slackUserId }, msg);
  await afterAck(deps, { view: 'deny', user: caller.slackUserId, requestId: id }, tell, async () => {
    const denied = await deps.services.deny(caller, id, note);
    if (!denied.ok) await tell(failureMessage(denied.error));
    else deps.logger.info({ requestId: id, by: caller.slackUserId }, 'request denied');
  });
}

/** Group picker typeahead from DocSpace; answers within Slack's 3 s even when DocSpace is slow (then with no options). */
export async function handleGroupPicker(deps: ListenerDeps, args: PickerArgs): Promise<void> {
  const query = (args.options.value ?? '').slice(0, GROUP_NAME_MAX);
  let groups: GroupSummary[] = [];
  try {
    const found = await within(deps.services.searchGroups(query), deps.submitDeadlineMs);
    if (found?.ok) groups = found.value;
    else if (found) deps.logger.warn({ failure: found.error }, 'group picker search failed');
  } catch (error) {
    deps.logger.warn({ err: error }, 'group picker search failed');
  }
  await args.ack({ options: buildGroupOptions(groups) });
}
