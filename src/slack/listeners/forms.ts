import { z } from 'zod';
import type { ChangeAsk, DomainFailure, IdentityFailure, IdentityFailureCode, UserRef } from '../../domain/index.js';
import {
  checkGroupName,
  durationProblemText,
  err,
  GROUP_NAME_MAX,
  isSlackChannelId,
  ok,
  parseDuration,
  REASON_MAX,
  type Result,
  SLACK_CHANNEL_ID_PATTERN,
  toGroupId,
  toSlackUserId,
} from '../../domain/index.js';
import {
  ACTION_ADD,
  ACTION_DURATION,
  ACTION_GROUP_PICKER,
  ACTION_MANAGER,
  ACTION_MEMBERS,
  ACTION_NAME,
  ACTION_NEW_MANAGER,
  ACTION_REASON,
  ACTION_REMOVE,
  BLOCK_ADD,
  BLOCK_DURATION,
  BLOCK_GROUP,
  BLOCK_MANAGER,
  BLOCK_MEMBERS,
  BLOCK_NAME,
  BLOCK_NEW_MANAGER,
  BLOCK_REASON,
  BLOCK_REMOVE,
} from '../ids.js';
import { optionValue, textValue, usersValue, userValue, type ViewValues } from '../parse/view-state.js';
import type { ModalField } from '../views/modals.js';

/** The change modals, by what they ask for. */
export type ChangeModalKind = 'create' | 'manager' | 'members';

/** Inline texts used both when a form is checked locally and when the domain refuses it (plain text: no mrkdwn). */
export const FIELD_TEXT = {
  nameBlank: 'Enter a group name.',
  nameTooLong: `Use at most ${GROUP_NAME_MAX} characters.`,
  reasonMissing: 'Please say why this change is needed.',
  reasonTooLong: `Keep the reason under ${REASON_MAX} characters.`,
} as const;

export type FieldErrors = Partial<Record<ModalField, string>>;

export interface ModalForm {
  readonly ask: ChangeAsk;
  readonly reason: string | null;
}

const slackRef = (id: string): UserRef | null => {
  const user = toSlackUserId(id);
  return user ? { kind: 'slack', id: user } : null;
};
const refs = (ids: readonly string[]) => [...new Set(ids)].flatMap((id) => slackRef(id) ?? []);

function readGroup(values: ViewValues, errors: FieldErrors) {
  const id = toGroupId(optionValue(values, BLOCK_GROUP, ACTION_GROUP_PICKER) ?? '');
  if (!id) errors.group = 'Choose a group.';
  return id;
}

/** The optional "for how long" field: empty is permanent; a bad duration is a field error. */
function readDuration(values: ViewValues, errors: FieldErrors): { duration?: number } {
  const text = textValue(values, BLOCK_DURATION, ACTION_DURATION)?.trim() ?? '';
  if (text === '') return {};
  const parsed = parseDuration(text);
  if (!parsed.ok) {
    errors.duration = durationProblemText(parsed.error);
    return {};
  }
  return { duration: parsed.value };
}

/** Reads and checks a submitted modal without any network call: names, required fields, an empty change, the reason. */
export function readModalForm(
  kind: ChangeModalKind,
  values: ViewValues,
  requireReason: boolean,
): Result<ModalForm, FieldErrors> {
  const errors: FieldErrors = {};
  const reason = textValue(values, BLOCK_REASON, ACTION_REASON)?.trim() || null;
  if (requireReason && !reason) errors.reason = FIELD_TEXT.reasonMissing;
  if (reason && reason.length > REASON_MAX) errors.reason = FIELD_TEXT.reasonTooLong;
  let ask: ChangeAsk | null = null;
  if (kind === 'create') {
    const name = checkGroupName(textValue(values, BLOCK_NAME, ACTION_NAME) ?? '');
    if (!name.ok) errors.name = name.reason === 'blank' ? FIELD_TEXT.nameBlank : FIELD_TEXT.nameTooLong;
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
    const timed = readDuration(values, errors);
    if (group && manager) ask = { kind: 'set_manager', group: { kind: 'id', id: group }, manager, ...timed };
  } else {
    const group = readGroup(values, errors);
    const add = refs(usersValue(values, BLOCK_ADD, ACTION_ADD));
    const remove = refs(usersValue(values, BLOCK_REMOVE, ACTION_REMOVE));
    if (add.length === 0 && remove.length === 0) errors.add = 'Choose people to add or to remove.';
    const timed = readDuration(values, errors);
    if (timed.duration !== undefined && add.length === 0) errors.duration = 'A duration is for the people you add.';
    if (group && (add.length > 0 || remove.length > 0))
      ask = { kind: 'members', group: { kind: 'id', id: group }, add, remove, ...timed };
  }
  return Object.keys(errors).length > 0 || !ask ? err(errors) : ok({ ask, reason });
}

/** Plain text (modal errors render no mrkdwn), per identity refusal. */
const IDENTITY_REASON: Record<IdentityFailureCode, string> = {
  slack_user_not_found: 'is not a user in this Slack workspace',
  slack_user_is_bot: 'is a bot and cannot be in a DocSpace group',
  slack_user_deleted: 'has a deactivated Slack account',
  slack_no_email: 'has no email address in Slack, so no DocSpace account can be matched',
  docspace_user_not_found: 'has no DocSpace account with their Slack email',
  docspace_user_disabled: 'has a disabled DocSpace account',
  docspace_user_guest: 'is a DocSpace guest; guests cannot be group members',
  docspace_lookup_forbidden: 'cannot be looked up with the bot’s DocSpace key',
  mapping_conflict: 'uses a DocSpace account already linked to someone else',
  unlinked_by_admin: 'was unlinked by an admin and is not matched by email until linked again',
};

const refIs = (ref: UserRef, f: IdentityFailure) =>
  f.who.kind === 'slack' && ref.kind === 'slack' && ref.id === f.who.id;

function fieldOfUser(ask: ChangeAsk, failure: IdentityFailure): keyof FieldErrors {
  if (ask.kind === 'create') return ask.manager && refIs(ask.manager, failure) ? 'manager' : 'members';
  if (ask.kind === 'set_manager') return 'new_manager';
  if (ask.kind === 'members') return ask.remove.some((r) => refIs(r, failure)) ? 'remove' : 'add';
  return 'name';
}

/** A remove-only edit that changes nothing is reported on the remove field, not on the empty add field. */
function noChangeField(ask: ChangeAsk): keyof FieldErrors {
  if (ask.kind === 'set_manager') return 'new_manager';
  return ask.kind === 'members' && ask.add.length === 0 ? 'remove' : 'add';
}

/** Failures that belong to one field of the modal become inline errors; others are reported by message. */
export function fieldErrorsFor(ask: ChangeAsk, failure: DomainFailure): FieldErrors | null {
  switch (failure.code) {
    case 'identity': {
      const errors: FieldErrors = {};
      for (const f of failure.failures) {
        const field = fieldOfUser(ask, f);
        const line = `One person ${IDENTITY_REASON[f.code]}.`;
        errors[field] = errors[field] ? `${errors[field]} ${line}` : line;
      }
      return errors;
    }
    case 'invalid_name':
      return { name: failure.reason === 'blank' ? FIELD_TEXT.nameBlank : FIELD_TEXT.nameTooLong };
    case 'group_name_taken':
      return { name: `A group named “${failure.name.slice(0, 80)}” already exists.` };
    case 'group_name_busy':
      return { name: `Another change is creating a group named “${failure.name.slice(0, 80)}” right now.` };
    case 'group_not_found':
    case 'group_gone':
      return { group: 'That group no longer exists.' };
    case 'reason_required':
      return { reason: FIELD_TEXT.reasonMissing };
    case 'no_change':
      return { [noChangeField(ask)]: `Nothing to change: ${failure.explanation.slice(0, 150)}` };
    case 'grant_too_long':
      return { duration: `The longest is ${failure.maxDays} days.` };
    case 'grant_duration_unsupported':
      return { duration: 'A duration is for the people you add or the new manager.' };
    default:
      return null;
  }
}

/** What a modal carries between open and submit: the channel to answer in. Never identities or decisions. */
const metadataSchema = z.object({
  c: z.string().regex(SLACK_CHANNEL_ID_PATTERN).nullable(),
});

export function encodeModalMetadata(channelId: string | null | undefined): string {
  return JSON.stringify({ c: channelId && isSlackChannelId(channelId) ? channelId : null });
}

export function decodeModalMetadata(raw: string | undefined): { channelId: string | null } {
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(raw ?? ''));
    return { channelId: parsed.success ? parsed.data.c : null };
  } catch {
    return { channelId: null };
  }
}
