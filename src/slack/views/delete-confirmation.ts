import type { GroupSummary } from '../../domain/index.js';
import { ACTION_CANCEL_DELETE, ACTION_CONFIRM_DELETE, BLOCK_DELETE_ACTIONS } from '../ids.js';
import { button, confirmDialog, esc, message, type SlackMessage, section } from './blocks.js';

/** Asks before deleting a group; the buttons carry `value` (by default the group id; the listener adds the reason). */
export function buildDeleteConfirmation(group: GroupSummary, value: string = group.id): SlackMessage {
  const members = `${group.membersCount} member${group.membersCount === 1 ? '' : 's'}`;
  const question = `Delete group *${esc(group.name, 128)}* (\`${group.id}\`, ${members})? This cannot be undone.`;
  const confirm = confirmDialog(
    'Delete this group?',
    `“${group.name}” is removed from DocSpace with all its memberships.`,
    'Delete',
    'danger',
  );
  return message(question, [
    section(question),
    {
      type: 'actions',
      block_id: BLOCK_DELETE_ACTIONS,
      elements: [
        button({ actionId: ACTION_CONFIRM_DELETE, label: 'Delete group', value, style: 'danger', confirm }),
        button({ actionId: ACTION_CANCEL_DELETE, label: 'Keep it', value }),
      ],
    },
  ]);
}
