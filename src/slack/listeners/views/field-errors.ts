import type { ChangeAsk, DomainFailure, IdentityFailure, IdentityFailureCode, UserRef } from '../../../domain/index.js';
import type { FieldErrors } from './read-form.js';

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
      return { name: failure.reason === 'blank' ? 'Enter a group name.' : 'Use at most 128 characters.' };
    case 'group_name_taken':
      return { name: `A group named “${failure.name.slice(0, 80)}” already exists.` };
    case 'group_not_found':
    case 'group_gone':
      return { group: 'That group no longer exists.' };
    case 'reason_required':
      return { reason: 'Please say why this change is needed.' };
    case 'no_change':
      return { [noChangeField(ask)]: `Nothing to change: ${failure.explanation.slice(0, 150)}` };
    default:
      return null;
  }
}
