import type { App, BlockButtonAction, BlockOverflowAction, ViewSubmitAction } from '@slack/bolt';
import * as ids from '../ids.js';
import {
  type ButtonArgs,
  handleCancelDelete,
  handleConfirmDelete,
  handleDenyButton,
  handleMenuButton,
  handleRequestButton,
} from './buttons.js';
import { handleDocspaceGroupCommand } from './commands.js';
import type { ListenerDeps } from './context.js';
import { fittingAcks } from './fit-acks.js';
import { handleGrantButton } from './grants.js';
import { handleHandoverButton } from './handovers.js';
import { handleHomeGroupMenu, handleHomeNewGroup, handleHomeOpened, handleHomeRenameSubmitted } from './home.js';
import { handleChangeSubmitted, handleDenySubmitted, handleGroupPicker, type ViewArgs } from './modals.js';
import {
  handleReviewDecision,
  handleReviewNoteButton,
  handleReviewNoteSubmitted,
  handleReviewSubmit,
} from './reviews.js';
import { handleUndoButton } from './undo.js';

/**
 * A pattern that matches exactly the given ids. Bolt runs every incoming event through the middleware chain of
 * every registered listener (allocations per listener, per event), so each kind of event gets ONE listener that
 * matches the same ids as one listener per id would, and a table picks the handler.
 */
function exactly(table: Record<string, unknown>): RegExp {
  return new RegExp(`^(?:${Object.keys(table).join('|')})$`);
}

/** The only place listeners are registered. */
export function registerListeners(bolt: App, deps: ListenerDeps): void {
  // Registered through this, every listener's ack fits what it carries to Block Kit limits.
  const app = fittingAcks(bolt, deps.logger);
  app.command(ids.COMMAND, (args) => handleDocspaceGroupCommand(deps, args));

  const views: Record<string, (args: ViewArgs) => Promise<void>> = {
    [ids.CALLBACK_CREATE]: (args) => handleChangeSubmitted(deps, 'create', args),
    [ids.CALLBACK_MANAGER]: (args) => handleChangeSubmitted(deps, 'manager', args),
    [ids.CALLBACK_MEMBERS]: (args) => handleChangeSubmitted(deps, 'members', args),
    [ids.CALLBACK_DENY_REASON]: (args) => handleDenySubmitted(deps, args),
    [ids.CALLBACK_HOME_RENAME]: (args) => handleHomeRenameSubmitted(deps, args),
    [ids.CALLBACK_REVIEW_NOTE]: (args) => handleReviewNoteSubmitted(deps, args),
  };
  app.view<ViewSubmitAction>({ callback_id: exactly(views), type: 'view_submission' }, async (args) =>
    views[args.view.callback_id]?.(args),
  );

  const s = deps.services;
  const buttons: Record<string, (args: ButtonArgs) => Promise<void>> = {
    [ids.ACTION_APPROVE]: (args) => handleRequestButton(deps, args, 'approve', s.approve),
    [ids.ACTION_RETRY]: (args) => handleRequestButton(deps, args, 'retry', s.retry),
    [ids.ACTION_CANCEL_REQUEST]: (args) => handleRequestButton(deps, args, 'cancel', s.cancel),
    [ids.ACTION_DENY]: (args) => handleDenyButton(deps, args),
    [ids.ACTION_CONFIRM_DELETE]: (args) => handleConfirmDelete(deps, args),
    [ids.ACTION_CANCEL_DELETE]: (args) => handleCancelDelete(deps, args),
    [ids.ACTION_MENU_CREATE]: (args) => handleMenuButton(deps, args, 'create'),
    [ids.ACTION_MENU_MANAGER]: (args) => handleMenuButton(deps, args, 'manager'),
    [ids.ACTION_MENU_MEMBERS]: (args) => handleMenuButton(deps, args, 'members'),
    [ids.ACTION_GRANT_RENEW]: (args) => handleGrantButton(deps, args, 'renew'),
    [ids.ACTION_GRANT_END]: (args) => handleGrantButton(deps, args, 'end'),
    [ids.ACTION_UNDO]: (args) => handleUndoButton(deps, args),
    [ids.ACTION_HANDOVER_ACCEPT]: (args) => handleHandoverButton(deps, args, 'accept'),
    [ids.ACTION_HANDOVER_DECLINE]: (args) => handleHandoverButton(deps, args, 'decline'),
    [ids.ACTION_HOME_NEW_GROUP]: (args) => handleHomeNewGroup(deps, args),
    [ids.ACTION_REVIEW_KEEP]: (args) => handleReviewDecision(deps, args, 'keep'),
    [ids.ACTION_REVIEW_REMOVE]: (args) => handleReviewDecision(deps, args, 'remove'),
    [ids.ACTION_REVIEW_NOTE]: (args) => handleReviewNoteButton(deps, args),
    [ids.ACTION_REVIEW_SUBMIT]: (args) => handleReviewSubmit(deps, args),
  };
  app.action<BlockButtonAction>({ action_id: exactly(buttons) }, async (args) =>
    buttons[args.action.action_id]?.(args),
  );

  app.action<BlockOverflowAction>({ action_id: ids.ACTION_HOME_GROUP }, (args) => handleHomeGroupMenu(deps, args));
  app.event('app_home_opened', (args) => handleHomeOpened(deps, args));

  app.options<'block_suggestion'>(ids.ACTION_GROUP_PICKER, (args) => handleGroupPicker(deps, args));

  // Slack sends block_actions for selects inside modals too (no ack needed beyond this).
  app.action({ type: 'block_actions', action_id: ids.INPUT_ACTIONS }, async ({ ack }) => ack());
}
