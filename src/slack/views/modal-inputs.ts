import type { InputBlock, PlainTextOption } from '@slack/types';
import type { GroupId } from '../../domain/index.js';
import { REASON_MAX } from '../../domain/index.js';
import { ACTION_GROUP_PICKER, ACTION_REASON, BLOCK_GROUP, BLOCK_REASON } from '../ids.js';
import { LIMITS, plain } from './blocks.js';

/** hidden: no reason field (admins acting directly); optional; required (requests where policy demands one). */
export type ReasonMode = 'hidden' | 'optional' | 'required';

export interface GroupChoice {
  readonly id: GroupId;
  readonly name: string;
}

/** An option for the group picker; app.options answers with these too. */
export function groupOption(group: GroupChoice): PlainTextOption {
  return { text: plain(group.name, LIMITS.optionText), value: group.id };
}

export function reasonBlocks(mode: ReasonMode): InputBlock[] {
  if (mode === 'hidden') return [];
  return [
    {
      type: 'input',
      block_id: BLOCK_REASON,
      optional: mode === 'optional',
      label: plain('Reason'),
      hint: plain('Approvers see this when they decide.'),
      element: {
        type: 'plain_text_input',
        action_id: ACTION_REASON,
        multiline: true,
        max_length: REASON_MAX,
        placeholder: plain('Why is this change needed?', 150),
      },
    },
  ];
}

export function groupPickerBlock(initial?: GroupChoice): InputBlock {
  return {
    type: 'input',
    block_id: BLOCK_GROUP,
    label: plain('Group'),
    element: {
      type: 'external_select',
      action_id: ACTION_GROUP_PICKER,
      min_query_length: 1,
      placeholder: plain('Type part of a group name', 150),
      ...(initial ? { initial_option: groupOption(initial) } : {}),
    },
  };
}

export function usersBlock(blockId: string, actionId: string, label: string, optional: boolean): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional,
    label: plain(label),
    element: { type: 'multi_users_select', action_id: actionId, placeholder: plain('Choose people', 150) },
  };
}

export function userBlock(blockId: string, actionId: string, label: string, optional: boolean): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional,
    label: plain(label),
    element: { type: 'users_select', action_id: actionId, placeholder: plain('Choose a person', 150) },
  };
}
