import type { ChangeAsk, UserRef } from '../../../domain/index.js';
import {
  checkGroupName,
  err,
  ok,
  REASON_MAX,
  type Result,
  type SlackUserId,
  toGroupId,
  toSlackUserId,
} from '../../../domain/index.js';
import {
  ACTION_ADD,
  ACTION_GROUP_PICKER,
  ACTION_MANAGER,
  ACTION_MEMBERS,
  ACTION_NAME,
  ACTION_NEW_MANAGER,
  ACTION_REASON,
  ACTION_REMOVE,
  BLOCK_ADD,
  BLOCK_GROUP,
  BLOCK_MANAGER,
  BLOCK_MEMBERS,
  BLOCK_NAME,
  BLOCK_NEW_MANAGER,
  BLOCK_REASON,
  BLOCK_REMOVE,
} from '../../ids.js';
import { optionValue, textValue, usersValue, userValue, type ViewValues } from '../../parse-view.js';
import type { ModalField } from '../../views/modal-errors.js';
import type { ChangeModalKind } from './open-modals.js';

export type FieldErrors = Partial<Record<ModalField, string>>;

export interface ModalForm {
  readonly ask: ChangeAsk;
  readonly reason: string | null;
}

const slackRef = (id: string): UserRef | null => {
  const user = toSlackUserId(id);
  return user ? { kind: 'slack', id: user as SlackUserId } : null;
};
const refs = (ids: readonly string[]) => [...new Set(ids)].flatMap((id) => slackRef(id) ?? []);

function readGroup(values: ViewValues, errors: FieldErrors) {
  const id = toGroupId(optionValue(values, BLOCK_GROUP, ACTION_GROUP_PICKER) ?? '');
  if (!id) errors.group = 'Choose a group.';
  return id;
}

/** Reads and checks a submitted modal without any network call: names, required fields, an empty change, the reason. */
export function readModalForm(
  kind: ChangeModalKind,
  values: ViewValues,
  requireReason: boolean,
): Result<ModalForm, FieldErrors> {
  const errors: FieldErrors = {};
  const reason = textValue(values, BLOCK_REASON, ACTION_REASON)?.trim() || null;
  if (requireReason && !reason) errors.reason = 'Please say why this change is needed.';
  if (reason && reason.length > REASON_MAX) errors.reason = `Keep the reason under ${REASON_MAX} characters.`;
  let ask: ChangeAsk | null = null;
  if (kind === 'create') {
    const name = checkGroupName(textValue(values, BLOCK_NAME, ACTION_NAME) ?? '');
    if (!name.ok) errors.name = name.reason === 'blank' ? 'Enter a group name.' : 'Use at most 128 characters.';
    const managerId = userValue(values, BLOCK_MANAGER, ACTION_MANAGER);
    const manager = managerId ? slackRef(managerId) : null;
    if (name.ok)
      ask = {
        kind: 'create',
        name: name.name,
        manager,
        members: refs(usersValue(values, BLOCK_MEMBERS, ACTION_MEMBERS)),
      };
  } else if (kind === 'manager') {
    const group = readGroup(values, errors);
    const manager = slackRef(userValue(values, BLOCK_NEW_MANAGER, ACTION_NEW_MANAGER) ?? '');
    if (!manager) errors.new_manager = 'Choose the new manager.';
    if (group && manager) ask = { kind: 'set_manager', group: { kind: 'id', id: group }, manager };
  } else {
    const group = readGroup(values, errors);
    const add = refs(usersValue(values, BLOCK_ADD, ACTION_ADD));
    const remove = refs(usersValue(values, BLOCK_REMOVE, ACTION_REMOVE));
    if (add.length === 0 && remove.length === 0) errors.add = 'Choose people to add or to remove.';
    if (group && (add.length > 0 || remove.length > 0))
      ask = { kind: 'members', group: { kind: 'id', id: group }, add, remove };
  }
  return Object.keys(errors).length > 0 || !ask ? err(errors) : ok({ ask, reason });
}
