import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { Caller, ChangeRequest, DomainFailure, Result } from '../../domain/index.js';
import { type GroupId, REASON_MAX, type RequestId, toGroupId, toRequestId } from '../../domain/index.js';
import { BLOCK_LIST_DECISION } from '../ids.js';
import { buildCancelReply, buildListDecisionReply } from '../views/lists.js';
import { buildDenyReasonModal } from '../views/modals.js';
import {
  afterAck,
  callerOfInteraction,
  failureMessage,
  type ListenerDeps,
  plainMessage,
  type Reply,
  submitMessage,
} from './context.js';
import { actionDeliveryKey, isRepeat } from './deliveries.js';
import type { ChangeModalKind } from './forms.js';
import { buildChangeModal } from './modals.js';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
type Decide = (caller: Caller, id: RequestId) => Promise<Result<{ request: ChangeRequest }, DomainFailure>>;

const UNKNOWN_REQUEST = 'That button does not name a request I know.';

/**
 * Only the clicker sees refusals; the card itself is updated by the domain through the notifier. A click on the App
 * Home has no response_url: its answer goes by DM (the Home itself is republished with the outcome).
 */
function ephemeral(args: ButtonArgs, deps?: Pick<ListenerDeps, 'sendDm'>): Reply {
  return async (msg) => {
    if (args.body.response_url) {
      await args.respond({ response_type: 'ephemeral', replace_original: false, text: msg.text, blocks: msg.blocks });
    } else if (deps && args.body.view?.type === 'home') {
      await deps.sendDm(args.body.user.id, msg);
    }
  };
}

/**
 * Approve, Retry and Cancel, on the card or in the `requests` list: ack, then act. The button value is only a request
 * id; who may act is decided on the server from the signed user id, at every click. A click in the list is answered
 * with the outcome (the card, if there is one, is updated by the domain either way).
 */
export async function handleRequestButton(deps: ListenerDeps, args: ButtonArgs, name: string, decide: Decide) {
  await args.ack();
  const caller = callerOfInteraction(args.body);
  const id = toRequestId(args.action.value ?? '');
  const fromList = (args.action.block_id ?? '').startsWith(`${BLOCK_LIST_DECISION}:`);
  const reply = ephemeral(args, deps);
  await afterAck(deps, { action: name, requestId: id, user: caller?.slackUserId }, reply, async () => {
    if (!caller || !id) {
      await reply(plainMessage(UNKNOWN_REQUEST));
      return;
    }
    // A replayed click is silent: the first one is answered, and the card shows the outcome.
    const what = { action: name, requestId: id, user: caller.slackUserId };
    if (await isRepeat(deps, actionDeliveryKey(args.body), args.context, what)) return;
    const result = await decide(caller, id);
    if (!result.ok) await reply(failureMessage(result.error));
    else if (name === 'cancel') await reply(buildCancelReply(result.value.request));
    else if (fromList) await reply(buildListDecisionReply(result.value.request));
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
  const reply = ephemeral(args, deps);
  await afterAck(deps, { action: 'deny', requestId: id }, reply, async () => {
    if (!caller || !id) {
      await reply(plainMessage(UNKNOWN_REQUEST));
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

const deleteValueSchema = z.object({ g: z.string(), r: z.string().max(REASON_MAX).nullable() });

/** The delete confirmation buttons carry the group id and the reason typed with the command. */
export function encodeDeleteValue(groupId: GroupId, reason: string | null): string {
  return JSON.stringify({ g: groupId, r: reason });
}

export function decodeDeleteValue(value: string | undefined): { groupId: GroupId; reason: string | null } | null {
  if (!value) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    const id = toGroupId(value);
    return id ? { groupId: id, reason: null } : null;
  }
  const parsed = deleteValueSchema.safeParse(raw);
  const id = parsed.success ? toGroupId(parsed.data.g) : null;
  return parsed.success && id ? { groupId: id, reason: parsed.data.r } : null;
}

/** The confirmation's Delete button: the change goes through the same policy as every other (admins direct, others request). */
export async function handleConfirmDelete(deps: ListenerDeps, args: ButtonArgs) {
  await args.ack();
  const caller = callerOfInteraction(args.body);
  const value = decodeDeleteValue(args.action.value);
  const reply: Reply = (msg) => args.respond({ replace_original: true, text: msg.text, blocks: msg.blocks });
  await afterAck(deps, { action: 'confirm_delete', user: caller?.slackUserId }, reply, async () => {
    if (!caller || !value) {
      await reply(plainMessage('That button does not name a group I know.'));
      return;
    }
    const what = { action: 'confirm_delete', user: caller.slackUserId };
    if (await isRepeat(deps, actionDeliveryKey(args.body), args.context, what)) return;
    const result = await deps.services.submit(
      caller,
      { kind: 'delete', group: { kind: 'id', id: value.groupId } },
      value.reason,
    );
    await reply(submitMessage(result));
  });
}

export async function handleCancelDelete(_deps: ListenerDeps, args: ButtonArgs) {
  await args.ack();
  await args.respond({ replace_original: true, text: 'Kept the group; nothing was deleted.' });
}

/** A menu modal button swaps the menu for the chosen change modal, keeping its metadata (the channel). */
export async function handleMenuButton(deps: ListenerDeps, args: ButtonArgs, kind: ChangeModalKind) {
  await args.ack();
  const caller = callerOfInteraction(args.body);
  const view = args.body.view;
  if (!caller || !view) return;
  await afterAck(
    deps,
    { action: `menu_${kind}` },
    async () => undefined,
    async () => {
      const next = await buildChangeModal(deps, caller, kind, view.private_metadata ?? '');
      await args.client.views.update({ view_id: view.id, hash: view.hash, view: next });
    },
  );
}
