import type { KnownBlock } from '@slack/types';
import type { GroupChange, LeftAlone, UndoLink, UndoTarget } from '../../domain/index.js';
import { toRequestId } from '../../domain/index.js';
import { ACTION_UNDO, BLOCK_UNDO } from '../ids.js';
import { button, confirmDialog, context, esc, joinWords, slackDate } from './blocks.js';

// The Undo button (on a change's reply and on an executed request's card), its value, and the lines that say what an
// Undo left alone and why. Shared by replies, cards and the failure texts.

/** `e:<entry id>` names an audit entry, `r:<request id>` a request; nothing else is a target. */
function encodeUndoValue(target: UndoTarget): string {
  return target.kind === 'entry' ? `e:${target.entryId}` : `r:${target.requestId}`;
}

export function decodeUndoValue(value: string | undefined): UndoTarget | null {
  const entry = /^e:([1-9][0-9]{0,15})$/.exec(value ?? '');
  if (entry?.[1]) return { kind: 'entry', entryId: Number(entry[1]) };
  const request = /^r:(.{1,40})$/.exec(value ?? '');
  const requestId = request?.[1] ? toRequestId(request[1]) : null;
  return requestId ? { kind: 'request', requestId } : null;
}

/** The Undo button; undoing a create deletes the group, so it asks first (and says a delete has no Undo). */
export function undoBlock(target: UndoTarget, change: GroupChange, until: Date | null): KnownBlock[] {
  if (change.kind === 'delete') return [];
  const confirm =
    change.kind === 'create'
      ? confirmDialog(
          'Delete the group this created?',
          'Undo deletes the group this change created, if no one changed it since. A delete cannot be undone.',
          'Delete group',
          'danger',
        )
      : confirmDialog(
          'Undo this change?',
          'The bot reverses what this change did that is still as it left it.',
          'Undo',
        );
  return [
    {
      type: 'actions',
      block_id: BLOCK_UNDO,
      elements: [button({ actionId: ACTION_UNDO, label: 'Undo', value: encodeUndoValue(target), confirm })],
    },
    ...(until ? [context(`Undo works until ${slackDate(until)}.`)] : []),
  ];
}

/** What an undo request or entry reverses, for its card and replies. */
export function undoesText(undoes: UndoLink): string {
  return undoes.requestId
    ? `↩️ Undoes request \`${esc(undoes.requestId, 40)}\` (audit entry ${undoes.entryId})`
    : `↩️ Undoes audit entry ${undoes.entryId}`;
}

type Names = Readonly<Record<string, string>>;

/** One line per part an Undo did not reverse, with why. */
export function leftAloneLines(leftAlone: readonly LeftAlone[], names: Names): string[] {
  const name = (id: string) => esc(names[id] ?? id, 80);
  return leftAlone.map((part) => leftAloneLine(part, name));
}

function leftAloneLine(part: LeftAlone, name: (id: string) => string): string {
  switch (part.kind) {
    case 'member_left':
      return `• ${name(part.userId)} was added by the change but has left the group since: left as is.`;
    case 'member_back':
      return `• ${name(part.userId)} was removed by the change but is back in the group: left as is.`;
    case 'manager_moved':
      return `• The change made ${name(part.expected)} the manager, but the manager is ${part.current ? name(part.current) : 'nobody'} now: left as is.`;
    case 'no_previous_manager':
      return '• The group had no manager before the change, and DocSpace cannot unset a manager: the manager was left as is.';
    case 'renamed_since':
      return `• The change renamed the group to ${esc(part.expected, 128)}, but it is called ${esc(part.current, 128)} now: the name was left as is.`;
    case 'group_changed':
      return `• The group was changed since the change created it (its ${joinWords([...part.parts])}), so it was not deleted. Delete it with a command if it should go.`;
    case 'group_gone':
      return '• The group is no longer in DocSpace.';
  }
}
