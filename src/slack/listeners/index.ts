import type { App, BlockButtonAction, ViewSubmitAction } from '@slack/bolt';
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
import { handleChangeSubmitted, handleDenySubmitted, handleGroupPicker, type ViewArgs } from './modals.js';
import {
  handleReviewDecision,
  handleReviewNoteButton,
  handleReviewNoteSubmitted,
  handleReviewSubmit,
} from './reviews.js';

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
    [ids.ACTION_REVIEW_KEEP]: (args) => handleReviewDecision(deps, args, 'keep'),
    [ids.ACTION_REVIEW_REMOVE]: (args) => handleReviewDecision(deps, args, 'remove'),
    [ids.ACTION_REVIEW_NOTE]: (args) => handleReviewNoteButton(deps, args),
    [ids.ACTION_REVIEW_SUBMIT]: (args) => handleReviewSubmit(deps, args),
  };
  app.action<BlockButtonAction>({ action_id: exactly(buttons) }, async (args) =>
    buttons[args.action.action_id]?.(args),
  );

  app.options<'block_suggestion'>(ids.ACTION_GROUP_PICKER, (args) => handleGroupPicker(deps, args));

  // Slack sends block_actions for selects inside modals too (no ack needed beyond this).
  app.action({ type: 'block_actions', action_id: ids.INPUT_ACTIONS }, async ({ ack }) => ack());
}
