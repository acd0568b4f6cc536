import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { ChangeRequest, GroupId } from '../../domain/index.js';
import { GROUP_NAME_MAX, REASON_MAX } from '../../domain/index.js';
import {
  ACTION_ADD,
  ACTION_DURATION,
  ACTION_GROUP_PICKER,
  ACTION_MANAGER,
  ACTION_MEMBERS,
  ACTION_MENU_CREATE,
  ACTION_MENU_MANAGER,
  ACTION_MENU_MEMBERS,
  ACTION_NAME,
  ACTION_NEW_MANAGER,
  ACTION_REASON,
  ACTION_REMOVE,
  BLOCK_ADD,
  BLOCK_DURATION,
  BLOCK_GROUP,
  BLOCK_MANAGER,
  BLOCK_MEMBERS,
  BLOCK_MENU_ACTIONS,
  BLOCK_NAME,
  BLOCK_NEW_MANAGER,
  BLOCK_REASON,
  BLOCK_REMOVE,
  CALLBACK_CREATE,
  CALLBACK_DENY_REASON,
  CALLBACK_MANAGER,
  CALLBACK_MEMBERS,
  CALLBACK_MENU,
  COMMAND,
} from '../ids.js';
import { button, context, LIMITS, plain, section } from './blocks.js';
import { describeChange } from './cards.js';

/** hidden: no reason field (admins acting directly); optional; required (requests where policy demands one). */
export type ReasonMode = 'hidden' | 'optional' | 'required';

export interface GroupChoice {
  readonly id: GroupId;
  readonly name: string;
}

function groupOption(group: GroupChoice): PlainTextOption {
  return { text: plain(group.name, LIMITS.optionText), value: group.id };
}

/** The group picker's typeahead answer (app.options), as many as Slack shows. */
export function buildGroupOptions(groups: readonly GroupChoice[]): PlainTextOption[] {
  return groups.slice(0, LIMITS.options).map(groupOption);
}

/** The optional "for how long" of time-bound access: empty is permanent. */
function durationBlock(hint: string): InputBlock {
  return {
    type: 'input',
    block_id: BLOCK_DURATION,
    optional: true,
    label: plain('For how long (optional)'),
    hint: plain(hint),
    element: {
      type: 'plain_text_input',
      action_id: ACTION_DURATION,
      max_length: 20,
      placeholder: plain('e.g. 30m, 8h, 3d or 2w', LIMITS.placeholder),
    },
  };
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
        placeholder: plain('Why is this change needed?', LIMITS.placeholder),
      },
    },
  ];
}

function groupPickerBlock(initial?: GroupChoice): InputBlock {
  return {
    type: 'input',
    block_id: BLOCK_GROUP,
    label: plain('Group'),
    element: {
      type: 'external_select',
      action_id: ACTION_GROUP_PICKER,
      min_query_length: 1,
      placeholder: plain('Type part of a group name', LIMITS.placeholder),
      ...(initial ? { initial_option: groupOption(initial) } : {}),
    },
  };
}

function usersBlock(blockId: string, actionId: string, label: string, optional: boolean): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional,
    label: plain(label),
    element: {
      type: 'multi_users_select',
      action_id: actionId,
      placeholder: plain('Choose people', LIMITS.placeholder),
    },
  };
}

function userBlock(blockId: string, actionId: string, label: string, optional: boolean): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional,
    label: plain(label),
    element: { type: 'users_select', action_id: actionId, placeholder: plain('Choose a person', LIMITS.placeholder) },
  };
}

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
    title: plain(title, LIMITS.viewLabel),
    submit: plain(approval ? 'Send request' : 'Save', LIMITS.viewLabel),
    close: plain('Cancel', LIMITS.viewLabel),
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
    durationBlock('An acting manager: at the end the bot makes the current manager the manager again.'),
  ]);
}

/** Add and/or remove members; both lists are optional in Slack, the submit handler checks one is given. */
export function buildMembersModal(options: GroupModalOptions): ModalView {
  return modal(CALLBACK_MEMBERS, 'Edit members', options, [
    groupPickerBlock(options.initialGroup),
    usersBlock(BLOCK_ADD, ACTION_ADD, 'Add these people', true),
    usersBlock(BLOCK_REMOVE, ACTION_REMOVE, 'Remove these people', true),
    durationBlock('For the people you add: at the end the bot removes them by itself.'),
  ]);
}

/** The modal `/docspace-group` opens with no arguments: one button per change, plus a pointer to help. */
export function buildMenuModal(options: { privateMetadata?: string } = {}): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK_MENU,
    title: plain('DocSpace groups', LIMITS.viewLabel),
    close: plain('Close', LIMITS.viewLabel),
    ...(options.privateMetadata === undefined ? {} : { private_metadata: options.privateMetadata }),
    blocks: [
      section('What would you like to do?'),
      {
        type: 'actions',
        block_id: BLOCK_MENU_ACTIONS,
        elements: [
          button({ actionId: ACTION_MENU_CREATE, label: 'Create group', value: 'create' }),
          button({ actionId: ACTION_MENU_MANAGER, label: 'Change manager', value: 'manager' }),
          button({ actionId: ACTION_MENU_MEMBERS, label: 'Edit members', value: 'members' }),
        ],
      },
      context(`Type \`${COMMAND} help\` to see every command, including list, show, rename and delete.`),
    ],
  };
}

/** Asks an approver for an optional note before denying; private_metadata carries the request id only. */
export function buildDenyReasonModal(request: Pick<ChangeRequest, 'id'> | ChangeRequest): ModalView {
  const summary = 'change' in request ? `\n${describeChange(request)}` : '';
  return {
    type: 'modal',
    callback_id: CALLBACK_DENY_REASON,
    private_metadata: request.id,
    title: plain('Deny request', LIMITS.viewLabel),
    submit: plain('Deny', LIMITS.viewLabel),
    close: plain('Back', LIMITS.viewLabel),
    blocks: [
      section(`Deny request \`${request.id}\`?${summary}`),
      {
        type: 'input',
        block_id: BLOCK_REASON,
        optional: true,
        label: plain('Note for the requester'),
        element: {
          type: 'plain_text_input',
          action_id: ACTION_REASON,
          multiline: true,
          max_length: REASON_MAX,
        },
      },
    ],
  };
}

export type ModalField =
  | 'name'
  | 'manager'
  | 'members'
  | 'group'
  | 'new_manager'
  | 'add'
  | 'remove'
  | 'reason'
  | 'duration';

const BLOCK_OF: Readonly<Record<ModalField, string>> = {
  name: BLOCK_NAME,
  manager: BLOCK_MANAGER,
  members: BLOCK_MEMBERS,
  group: BLOCK_GROUP,
  new_manager: BLOCK_NEW_MANAGER,
  add: BLOCK_ADD,
  remove: BLOCK_REMOVE,
  reason: BLOCK_REASON,
  duration: BLOCK_DURATION,
};

/** Field errors -> the flat `{ block_id: message }` map `ack({ response_action: 'errors', errors })` needs. */
export function buildModalErrors(errors: Partial<Record<ModalField, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, text] of Object.entries(errors) as [ModalField, string | undefined][]) {
    if (text !== undefined) out[BLOCK_OF[field]] = text;
  }
  return out;
}
