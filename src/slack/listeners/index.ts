import type { App, BlockButtonAction, ViewSubmitAction } from '@slack/bolt';
import * as ids from '../ids.js';
import {
  handleCancelDelete,
  handleConfirmDelete,
  handleDenyButton,
  handleMenuButton,
  handleRequestButton,
} from './buttons.js';
import { handleDocspaceGroupCommand } from './commands.js';
import type { ListenerDeps } from './context.js';
import { fittingAcks } from './fit-acks.js';
import { handleChangeSubmitted, handleDenySubmitted, handleGroupPicker } from './modals.js';

/** The only place listeners are registered. */
export function registerListeners(bolt: App, deps: ListenerDeps): void {
  // Registered through this, every listener's ack fits what it carries to Block Kit limits.
  const app = fittingAcks(bolt, deps.logger);
  app.command(ids.COMMAND, (args) => handleDocspaceGroupCommand(deps, args));

  app.view<ViewSubmitAction>(ids.CALLBACK_CREATE, (args) => handleChangeSubmitted(deps, 'create', args));
  app.view<ViewSubmitAction>(ids.CALLBACK_MANAGER, (args) => handleChangeSubmitted(deps, 'manager', args));
  app.view<ViewSubmitAction>(ids.CALLBACK_MEMBERS, (args) => handleChangeSubmitted(deps, 'members', args));
  app.view<ViewSubmitAction>(ids.CALLBACK_DENY_REASON, (args) => handleDenySubmitted(deps, args));

  const s = deps.services;
  app.action<BlockButtonAction>(ids.ACTION_APPROVE, (args) => handleRequestButton(deps, args, 'approve', s.approve));
  app.action<BlockButtonAction>(ids.ACTION_RETRY, (args) => handleRequestButton(deps, args, 'retry', s.retry));
  app.action<BlockButtonAction>(ids.ACTION_CANCEL_REQUEST, (args) =>
    handleRequestButton(deps, args, 'cancel', s.cancel),
  );
  app.action<BlockButtonAction>(ids.ACTION_DENY, (args) => handleDenyButton(deps, args));
  app.action<BlockButtonAction>(ids.ACTION_CONFIRM_DELETE, (args) => handleConfirmDelete(deps, args));
  app.action<BlockButtonAction>(ids.ACTION_CANCEL_DELETE, (args) => handleCancelDelete(deps, args));
  app.action<BlockButtonAction>(ids.ACTION_MENU_CREATE, (args) => handleMenuButton(deps, args, 'create'));
  app.action<BlockButtonAction>(ids.ACTION_MENU_MANAGER, (args) => handleMenuButton(deps, args, 'manager'));
  app.action<BlockButtonAction>(ids.ACTION_MENU_MEMBERS, (args) => handleMenuButton(deps, args, 'members'));

  app.options<'block_suggestion'>(ids.ACTION_GROUP_PICKER, (args) => handleGroupPicker(deps, args));

  // Slack sends block_actions for selects inside modals too (no ack needed beyond this).
  app.action({ type: 'block_actions', action_id: ids.INPUT_ACTIONS }, async ({ ack }) => ack());
}
