import type { KnownBlock, ModalView } from '@slack/types';
import { GROUP_NAME_MAX } from '../../domain/index.js';
import {
  ACTION_ADD,
  ACTION_MANAGER,
  ACTION_MEMBERS,
  ACTION_NAME,
  ACTION_NEW_MANAGER,
  ACTION_REMOVE,
  BLOCK_ADD,
  BLOCK_MANAGER,
  BLOCK_MEMBERS,
  BLOCK_NAME,
  BLOCK_NEW_MANAGER,
  BLOCK_REMOVE,
  CALLBACK_CREATE,
  CALLBACK_MANAGER,
  CALLBACK_MEMBERS,
} from '../ids.js';
import { context, plain } from './blocks.js';
import {
  type GroupChoice,
  groupPickerBlock,
  type ReasonMode,
  reasonBlocks,
  userBlock,
  usersBlock,
} from './modal-inputs.js';

export interface ChangeModalOptions {
  readonly reasonMode: ReasonMode;
  /** Passed through untouched (Slack caps it at 3000 characters). */
  readonly privateMetadata?: string;
  /** When the change goes to an approver, the submit button says so. */
  readonly needsApproval?: boolean;
}

export interface GroupModalOptions extends ChangeModalOptions {
  /** Preselects the group, e.g. when the command named one. */
  readonly initialGroup?: GroupChoice;
}

function modal(callbackId: string, title: string, options: ChangeModalOptions, blocks: KnownBlock[]): ModalView {
  const approval = options.needsApproval === true;
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(title, 24),
    submit: plain(approval ? 'Send request' : 'Save', 24),
    close: plain('Cancel', 24),
    ...(options.privateMetadata === undefined ? {} : { private_metadata: options.privateMetadata }),
    blocks: [
      ...blocks,
      ...reasonBlocks(options.reasonMode),
      ...(approval ? [context('An approver has to approve this change before it is made in DocSpace.')] : []),
    ],
  };
}

/** Create a group: name (1..128), optional manager, optional members, reason per mode. */
export function buildCreateModal(options: ChangeModalOptions & { readonly initialName?: string }): ModalView {
  const initial = options.initialName?.slice(0, GROUP_NAME_MAX);
  return modal(CALLBACK_CREATE, 'Create group', options, [
    {
      type: 'input',
      block_id: BLOCK_NAME,
      label: plain('Group name'),
      element: {
        type: 'plain_text_input',
        action_id: ACTION_NAME,
        min_length: 1,
        max_length: GROUP_NAME_MAX,
        ...(initial ? { initial_value: initial } : {}),
      },
    },
    userBlock(BLOCK_MANAGER, ACTION_MANAGER, 'Manager', true),
    usersBlock(BLOCK_MEMBERS, ACTION_MEMBERS, 'Members', true),
  ]);
}

/** Change a group's manager: group picker and the new manager. */
export function buildManagerModal(options: GroupModalOptions): ModalView {
  return modal(CALLBACK_MANAGER, 'Change manager', options, [
    groupPickerBlock(options.initialGroup),
    userBlock(BLOCK_NEW_MANAGER, ACTION_NEW_MANAGER, 'New manager', false),
  ]);
}

/** Add and/or remove members; both lists are optional in Slack, the submit handler checks one is given. */
export function buildMembersModal(options: GroupModalOptions): ModalView {
  return modal(CALLBACK_MEMBERS, 'Edit members', options, [
    groupPickerBlock(options.initialGroup),
    usersBlock(BLOCK_ADD, ACTION_ADD, 'Add these people', true),
    usersBlock(BLOCK_REMOVE, ACTION_REMOVE, 'Remove these people', true),
  ]);
}
