import type {
  AllMiddlewareArgs,
  BlockButtonAction,
  BlockOverflowAction,
  SlackActionMiddlewareArgs,
  SlackEventMiddlewareArgs,
} from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { Caller, GroupId } from '../../domain/index.js';
import { checkGroupName, REASON_MAX, toGroupId } from '../../domain/index.js';
import { ACTION_NAME, ACTION_REASON, BLOCK_NAME, BLOCK_REASON } from '../ids.js';
import { failureText } from '../messages.js';
import { parseViewValues, textValue } from '../parse/view-state.js';
import { section } from '../views/blocks.js';
import { buildGroupModal, buildRenameModal, HOME_GROUP_ACTIONS, type HomeGroupAction } from '../views/home.js';
import { buildManagerModal, buildMembersModal, buildModalErrors, type ReasonMode } from '../views/modals.js';
import { buildGroupDetails } from '../views/replies.js';
import {
  afterAck,
  callerOf,
  callerOfInteraction,
  type ListenerDeps,
  type Reply,
  submitMessage,
  tellUser,
} from './context.js';
import { isRepeat, viewDeliveryKey } from './deliveries.js';
import { encodeModalMetadata, FIELD_TEXT, type FieldErrors } from './forms.js';
import { buildChangeModal, type ViewArgs } from './modals.js';

type HomeOpenedArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;
type OverflowArgs = SlackActionMiddlewareArgs<BlockOverflowAction> & AllMiddlewareArgs;
type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const GROUP_ACTIONS: ReadonlySet<string> = new Set(HOME_GROUP_ACTIONS);

/** `<what>:<group id>` from a group menu; null for anything else. */
function parseGroupMenuValue(value: string | undefined): { what: HomeGroupAction; groupId: GroupId } | null {
  const match = /^([a-z]+):(.+)$/.exec(value ?? '');
  const what = match?.[1];
  const groupId = toGroupId(match?.[2] ?? '');
  return what && GROUP_ACTIONS.has(what) && groupId ? { what: what as HomeGroupAction, groupId } : null;
}

/** The Home tab was opened: remember the person and publish their Home (the Messages tab needs nothing). */
export async function handleHomeOpened(deps: ListenerDeps, args: HomeOpenedArgs): Promise<void> {
  const { event, body } = args;
  if (event.tab !== 'home' || !deps.home) return;
  const caller = callerOf(body.team_id, event.user);
  if (!caller) return;
  await deps.home.opened(caller);
}

async function reasonModeFor(
  deps: ListenerDeps,
  caller: Caller,
): Promise<{ reasonMode: ReasonMode; needsApproval: boolean }> {
  const role = await deps.services.roleHint(caller);
  const needsApproval = !role.ok || role.value !== 'admin';
  return { reasonMode: needsApproval ? deps.reasonMode : 'hidden', needsApproval };
}

/** The modal a group menu choice opens; the group is read once (its name, or its members for "show"). */
async function groupMenuModal(
  deps: ListenerDeps,
  caller: Caller,
  what: HomeGroupAction,
  groupId: GroupId,
): Promise<ModalView> {
  const found = await deps.services.show({ kind: 'id', id: groupId });
  if (!found.ok) return buildGroupModal('Group', [section(failureText(found.error))]);
  const group = found.value;
  if (what === 'show') return buildGroupModal('Members', buildGroupDetails(group).blocks);
  const mode = await reasonModeFor(deps, caller);
  if (what === 'rename') return buildRenameModal({ group, ...mode });
  const options = {
    ...mode,
    privateMetadata: encodeModalMetadata(null),
    initialGroup: { id: group.id, name: group.name },
  };
  return what === 'manager' ? buildManagerModal(options) : buildMembersModal(options);
}

/** A group's menu on the Home: show its members, or open the existing change modals with the group chosen. */
export async function handleHomeGroupMenu(deps: ListenerDeps, args: OverflowArgs): Promise<void> {
  await args.ack();
  const caller = callerOfInteraction(args.body);
  const choice = parseGroupMenuValue(args.action.selected_option?.value);
  if (!caller || !choice) return;
  const tell: Reply = (msg) => tellUser(args.client, deps, { channelId: null, userId: caller.slackUserId }, msg);
  await afterAck(deps, { action: `home_${choice.what}`, user: caller.slackUserId }, tell, async () => {
    const view = await groupMenuModal(deps, caller, choice.what, choice.groupId);
    await args.client.views.open({ trigger_id: args.body.trigger_id, view });
  });
}

/** "New group" on the Home opens the create modal, as the menu does. */
export async function handleHomeNewGroup(deps: ListenerDeps, args: ButtonArgs): Promise<void> {
  await args.ack();
  const caller = callerOfInteraction(args.body);
  if (!caller) return;
  const tell: Reply = (msg) => tellUser(args.client, deps, { channelId: null, userId: caller.slackUserId }, msg);
  await afterAck(deps, { action: 'home_new_group', user: caller.slackUserId }, tell, async () => {
    const view = await buildChangeModal(deps, caller, 'create', encodeModalMetadata(null));
    await args.client.views.open({ trigger_id: args.body.trigger_id, view });
  });
}

/** The Home's rename modal: the same submit as `rename "G" "New"` (admins direct, others a request). */
export async function handleHomeRenameSubmitted(deps: ListenerDeps, args: ViewArgs): Promise<void> {
  const { ack, body, view, client } = args;
  const caller = callerOfInteraction(body);
  const groupId = toGroupId(view.private_metadata ?? '');
  if (!caller || !groupId) {
    await ack();
    return;
  }
  const values = parseViewValues(view.state.values);
  const name = checkGroupName(textValue(values, BLOCK_NAME, ACTION_NAME) ?? '');
  const reason = textValue(values, BLOCK_REASON, ACTION_REASON)?.trim() || null;
  const errors: FieldErrors = {};
  if (!name.ok) errors.name = name.reason === 'blank' ? FIELD_TEXT.nameBlank : FIELD_TEXT.nameTooLong;
  if (reason && reason.length > REASON_MAX) errors.reason = FIELD_TEXT.reasonTooLong;
  if (deps.reasonMode === 'required' && !reason && (await reasonModeFor(deps, caller)).needsApproval) {
    errors.reason = FIELD_TEXT.reasonMissing;
  }
  if (!name.ok || Object.keys(errors).length > 0) {
    await ack({ response_action: 'errors', errors: buildModalErrors(errors) });
    return;
  }
  await ack();
  if (await isRepeat(deps, viewDeliveryKey(body), args.context, { view: 'home_rename', user: caller.slackUserId })) {
    return;
  }
  const tell: Reply = (msg) => tellUser(client, deps, { channelId: null, userId: caller.slackUserId }, msg);
  await afterAck(deps, { view: 'home_rename', user: caller.slackUserId }, tell, async () => {
    const ask = { kind: 'rename', group: { kind: 'id', id: groupId }, name: name.name } as const;
    await tell(submitMessage(await deps.services.submit(caller, ask, reason)));
  });
}
