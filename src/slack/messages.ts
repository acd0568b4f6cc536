import type {
  AdminAction,
  CardPostProblem,
  DocSpaceFailure,
  DomainFailure,
  GroupSummary,
  IdentityFailure,
  ReviewFailure,
  SlackUserId,
  UndoUnavailableReason,
} from '../domain/index.js';
import { DOCSPACE_KEY_SCOPES, GROUP_NAME_MAX, isChannelProblem } from '../domain/index.js';
import { COMMAND } from './ids.js';
import { esc, joinWords, LIMITS, listText, mention, slackDate } from './views/blocks.js';
import { STATUS_LABEL } from './views/cards.js';
import { leftAloneLines } from './views/undo-parts.js';

// The one table of user-facing failure texts (design.md rule 5). Every user or DocSpace string is escaped.

const LINK_HINT = `an admin can link them with \`${COMMAND} link @user email\``;
/** The scopes of the bot's DocSpace API key, for every "DocSpace refused" text. */
const SCOPES = DOCSPACE_KEY_SCOPES.map((scope) => `\`${scope}\``).join(' and ');

function who(failure: IdentityFailure): string {
  return failure.who.kind === 'slack' ? mention(failure.who.id) : `\`${esc(failure.who.email, 120)}\``;
}

/** Why one Slack user (or typed email) could not be tied to a usable DocSpace account. */
export function identityFailureText(failure: IdentityFailure): string {
  const w = who(failure);
  switch (failure.code) {
    case 'slack_user_not_found':
      return `${w} is not a user of this Slack workspace.`;
    case 'slack_user_is_bot':
      return `${w} is a bot; bots cannot be DocSpace group members or managers.`;
    case 'slack_user_deleted':
      return `${w} is deactivated in Slack, so they cannot be added or act in DocSpace.`;
    case 'slack_no_email':
      return `${w} has no email address in Slack, so they cannot be matched to a DocSpace account; ${LINK_HINT}.`;
    case 'docspace_user_not_found':
      return `No DocSpace account has the email of ${w}; invite them to DocSpace first, or ${LINK_HINT}.`;
    case 'docspace_user_disabled':
      return `The DocSpace account of ${w} is disabled; a DocSpace admin has to enable it first.`;
    case 'docspace_user_guest':
      return `${w} is a guest in DocSpace; guests cannot be group members or managers.`;
    case 'docspace_lookup_forbidden':
      return `The bot's DocSpace account may not look people up by email (its API key needs ${SCOPES}), so ${w} could not be matched; ${LINK_HINT}.`;
    case 'mapping_conflict': {
      const holder = failure.heldBy ? mention(failure.heldBy) : 'another Slack user';
      return `The DocSpace account for ${w} is already linked to ${holder}; unlink it first with \`${COMMAND} unlink @user\`.`;
    }
    case 'unlinked_by_admin':
      return `An admin unlinked ${w}, so the bot no longer matches them to DocSpace by email; ${LINK_HINT}.`;
  }
}

function identityListText(failures: readonly IdentityFailure[]): string {
  // Say it for one person too: with `add @zed @bob`, Bob was not added either.
  if (failures.length === 1 && failures[0]) return `${identityFailureText(failures[0])} Nothing was changed.`;
  const head = 'Some people could not be matched to DocSpace accounts, so nothing was changed:';
  return listText(
    head,
    failures.map((f) => `• ${identityFailureText(f)}`),
  );
}

function groupLine(g: GroupSummary): string {
  const manager = g.manager ? `manager ${esc(g.manager.displayName, 80)}` : 'no manager';
  return `• *${esc(g.name, 128)}* — \`${g.id}\` — ${manager}, ${g.membersCount} members`;
}

function notFoundText(query: string, suggestions: readonly string[]): string {
  const base = `No DocSpace group is called “${esc(query, 128)}”.`;
  if (suggestions.length === 0) return `${base} See all groups with \`${COMMAND} list\`.`;
  // As many of the five closest names as fit in one section with the rest of the text.
  const names = suggestions.slice(0, 5).map((s) => `*${esc(s, 128)}*`);
  while (names.length > 1 && `${base} Did you mean ${joinWords(names)}?`.length > LIMITS.sectionText) names.pop();
  return `${base} Did you mean ${joinWords(names)}?`;
}

function ambiguousText(query: string, matches: readonly GroupSummary[]): string {
  const head = `${matches.length} groups are called “${esc(query, 128)}”:`;
  return listText(head, matches.map(groupLine), LIMITS.sectionText, 'Use the group id instead of the name.');
}

/** What the bot was doing, for "(while …)". */
const STEP_LABEL: Readonly<Record<DocSpaceFailure['step'], string>> = {
  find_group: 'finding the group',
  read_group: 'reading the group',
  look_up_people: 'looking up the people and the group',
  list_groups: 'listing groups',
  search_groups: 'searching groups',
  look_up_user: 'looking up the DocSpace user',
  check_caller: 'checking who you are in DocSpace',
  create: 'creating the group',
  set_manager: 'changing the manager',
  members: 'changing the members',
  rename: 'renaming the group',
  delete: 'deleting the group',
};

function docspaceText(failure: DocSpaceFailure): string {
  const { kind, retryAfterSeconds } = failure;
  const op = ` (while ${STEP_LABEL[failure.step]})`;
  const unconfirmed = failure.phase === 'write' && failure.mayHaveApplied;
  switch (kind) {
    case 'unauthorized':
      return "The bot's DocSpace API key was rejected — ask an admin to check DOCSPACE_API_KEY.";
    case 'forbidden':
      return (
        `DocSpace refused${op}; nothing was changed. The bot's DocSpace API key needs the \`${failure.scope}\` scope ` +
        `(this bot's key needs ${SCOPES}) and must belong to the DocSpace owner or an admin: ask an admin to check ` +
        'DOCSPACE_API_KEY.'
      );
    case 'rate_limited':
      return retryAfterSeconds !== null && retryAfterSeconds > 0
        ? `DocSpace is limiting requests right now; nothing was changed. Try again in ${Math.ceil(retryAfterSeconds)} seconds.`
        : 'DocSpace is limiting requests right now; nothing was changed. Try again in a minute.';
    case 'busy':
      // Never sent, so never "may have been applied", whatever the phase.
      return `DocSpace is busy: every connection to it stayed in use, so the bot sent nothing${op}; nothing was changed. Try again in a moment.`;
    case 'timeout':
    case 'network':
    case 'server_error': {
      if (unconfirmed) {
        const failed = kind === 'server_error' ? 'DocSpace reported an error' : 'DocSpace did not answer';
        return `${failed}${op}; the change may not have been applied. Check with \`${COMMAND} show &lt;group&gt;\` before trying again.`;
      }
      return kind === 'timeout'
        ? 'DocSpace did not answer in time; nothing was changed. Try again in a moment.'
        : 'DocSpace is unavailable right now; nothing was changed. Try again in a moment.';
    }
    case 'not_found':
      return `DocSpace could not find what was asked for${op}; it may have just been deleted.`;
    case 'invalid_input':
    case 'validation':
      return `DocSpace rejected the request as invalid${op}; nothing was changed.`;
    case 'unexpected_response': {
      // A 2xx with a broken or drifted body means a write may well have been applied.
      const applied = unconfirmed
        ? `; the change may have been applied. Check with \`${COMMAND} show &lt;group&gt;\``
        : '';
      return `DocSpace answered in a way the bot did not expect${op}${applied}. An admin can find details in the bot's logs.`;
    }
  }
}

/** The caller's authority was due a re-read and DocSpace failed it: nothing was done on the older facts. */
function authorityUnconfirmedText(failure: Extract<DomainFailure, { code: 'authority_unconfirmed' }>): string {
  const base = 'The bot cannot confirm your DocSpace access right now';
  const wait = failure.retryAfterSeconds
    ? `Try again in ${Math.ceil(failure.retryAfterSeconds)} seconds.`
    : 'Try again in a moment.';
  switch (failure.kind) {
    case 'unauthorized':
    case 'forbidden':
      return `${base} (DocSpace refused to look your account up); nothing was changed. Ask an admin to check DOCSPACE_API_KEY (it needs ${SCOPES}).`;
    case 'rate_limited':
      return `${base} (DocSpace is limiting requests); nothing was changed. ${wait}`;
    case 'busy':
      return `${base}: DocSpace is busy (every connection to it stayed in use, so the bot sent nothing); nothing was changed. ${wait}`;
    default:
      return `${base} (DocSpace did not answer); nothing was changed. ${wait}`;
  }
}

/** For "You are not allowed to …". */
const ACTION_LABEL: Readonly<Record<AdminAction, string>> = {
  link_users: 'link users',
  unlink_users: 'unlink users',
  see_mappings: 'see mappings',
  read_audit: 'read the audit log',
  request_changes: 'request group changes',
};

function decidedText(failure: Extract<DomainFailure, { code: 'already_decided' }>): string {
  const by = failure.decidedBy ? ` by ${mention(failure.decidedBy)}` : '';
  const when = failure.decidedAt ? ` ${slackDate(failure.decidedAt)}` : '';
  return `Request \`${failure.requestId}\` was already decided: ${STATUS_LABEL[failure.status]}${by}${when}.`;
}

/** The one user-facing text for every expected failure; a new code without a case here fails to compile. */
export function failureText(failure: DomainFailure): string {
  switch (failure.code) {
    case 'identity':
      return identityListText(failure.failures);
    case 'actor_not_mapped':
      return `You are not linked to a DocSpace account, so the bot cannot act for you. ${identityFailureText(failure.failure)}`;
    case 'group_not_found':
      return notFoundText(failure.query, failure.suggestions);
    case 'group_ambiguous':
      return ambiguousText(failure.query, failure.matches);
    case 'group_name_taken': {
      const ids = failure.existing.slice(0, 5).map((g) => `\`${g.id}\``);
      const where = ids.length ? ` (${joinWords(ids)})` : '';
      return `A group named *${esc(failure.name, 128)}* already exists${where}; choose another name.`;
    }
    case 'invalid_name':
      return failure.reason === 'blank'
        ? 'The group name cannot be empty.'
        : `The group name is too long; DocSpace allows at most ${GROUP_NAME_MAX} characters.`;
    case 'no_change':
      return `Nothing to change: ${esc(failure.explanation, 500)}`;
    case 'not_authorized':
      return `You are not allowed to ${ACTION_LABEL[failure.action]}.`;
    case 'approvals_not_configured':
      return 'This change needs approval, but no approvals channel is set up. Ask an admin to configure one.';
    case 'reason_required':
      return 'Please give a reason: approvers need it to decide.';
    case 'request_not_found':
      return `There is no request \`${esc(failure.requestId, 50)}\`. See pending ones with \`${COMMAND} requests\`.`;
    case 'already_decided':
      return decidedText(failure);
    case 'request_expired':
      return `Request \`${failure.requestId}\` has expired; ask for the change again if it is still needed.`;
    case 'self_approval':
      return 'You cannot decide your own request; another approver has to.';
    case 'not_approver':
      return 'Only approvers can approve, deny or retry requests.';
    case 'not_requester':
      return 'Only the people who asked for this request can cancel it.';
    case 'retry_exhausted':
      return `Request \`${failure.requestId}\` was already retried and will not run again; ask for the change anew.`;
    case 'dry_run_request':
      return `Request \`${failure.requestId}\` was made or decided while the bot ran as a dry run, so it is never applied; nothing was changed. Ask for the change again if it is still needed.`;
    case 'group_name_busy':
      return `Another change is creating or renaming a group to *${esc(failure.name, 128)}* right now; nothing was changed. Try again in a minute: if that change went through, the name is taken.`;
    case 'group_gone':
      return `The group *${esc(failure.groupName, 128)}* (\`${esc(failure.groupId, 40)}\`) no longer exists in DocSpace; nothing was changed.`;
    case 'not_retryable':
      return `Request \`${failure.requestId}\` failed in a way a retry cannot fix${failure.outcome ? ` (${esc(failure.outcome, 300)})` : ''}; ask for the change anew if it is still needed.`;
    case 'reason_too_long':
      return `The reason is too long; keep it to ${failure.max} characters.`;
    case 'too_many_pending':
      return (
        `You already have ${failure.pending} pending requests, and one person may have at most ${failure.limit} ` +
        `waiting; nothing was filed. See them with \`${COMMAND} requests\` and cancel any you no longer need, or wait ` +
        'for approvers to decide some.'
      );
    case 'too_many_people':
      return `This change names ${failure.count} people; one change may name at most ${failure.limit}. Nothing was changed: split it into smaller changes.`;
    case 'docspace_failed':
      return docspaceText(failure);
    case 'account_disabled':
      return 'Your DocSpace account is disabled, so the bot will not act for you. A DocSpace admin has to enable it first.';
    case 'authority_unconfirmed':
      return authorityUnconfirmedText(failure);
    case 'grant_too_long':
      return `That is too long: time-bound access lasts at most ${failure.maxDays} days (MAX_GRANT_DAYS). Nothing was changed.`;
    case 'grant_duration_unsupported':
      return 'A duration (for …) is only accepted when adding members or setting a manager. Nothing was changed.';
    case 'grant_not_found':
      return `There is no time-bound access \`${esc(failure.grantId, 40)}\`. See yours with \`${COMMAND} grants\`.`;
    case 'grant_not_allowed':
      return "Only the member, the group's manager or an admin can end or renew this time-bound access (whoever asked for it may ask to renew it).";
    case 'grant_not_active':
      return `Time-bound access \`${esc(failure.grantId, 40)}\` is no longer active (${esc(failure.state, 20)}); nothing was changed.`;
    case 'undo_unavailable':
      return UNDO_UNAVAILABLE[failure.reason];
    case 'undo_window_passed':
      return `The Undo window of that change closed ${slackDate(failure.closedAt)}; nothing was changed. Make the inverse change with \`${COMMAND}\` if it is still needed.`;
    case 'undo_taken':
      return failure.requestId
        ? `That change already has an undo waiting or done: request \`${esc(failure.requestId, 40)}\`, asked by ${mention(failure.by)} ${slackDate(failure.at)}. A change is undone once; nothing was changed.`
        : `${mention(failure.by)} already undid that change ${slackDate(failure.at)}. A change is undone once (its undo has an Undo of its own); nothing was changed.`;
    case 'undo_nothing_left':
      return [
        `Nothing was undone: *${esc(failure.groupName, 128)}* is no longer as the change left it, so nothing was changed.`,
        ...leftAloneLines(failure.leftAlone, failure.names),
      ].join('\n');
    default:
      return handoverFailureText(failure);
  }
}

const HANDOVER_STATUS_LABEL = {
  waiting: 'still waiting',
  accepted: 'accepted',
  declined: 'declined',
  expired: 'expired',
};

/** The texts of the manager handover failures (HANDOVER_ACCEPTANCE=on, and `manager … now`). */
function handoverFailureText(
  failure: Extract<DomainFailure, { code: `handover_${string}` | `manager_now_${string}` }>,
) {
  switch (failure.code) {
    case 'handover_not_found':
      return 'That button does not name a handover I know.';
    case 'handover_not_incoming':
      return `Only ${mention(failure.incomingSlackId)}, the incoming manager, can accept or decline this handover; nothing was changed.`;
    case 'handover_decided': {
      const when = failure.decidedAt ? ` ${slackDate(failure.decidedAt)}` : '';
      return `This handover was already answered: ${HANDOVER_STATUS_LABEL[failure.status]}${when}. Nothing more was changed.`;
    }
    case 'handover_waiting':
      return `A manager change of *${esc(failure.groupName, 128)}* already waits for ${mention(failure.incomingSlackId)} to accept; nothing was changed. Wait for that answer (or for it to expire) first.`;
    case 'handover_unreachable':
      return `${esc(failure.displayName, 100)} has no Slack account linked to their DocSpace account, so nobody can be asked to accept the handover; nothing was changed. An admin can link them with \`${COMMAND} link @user email\`.`;
    case 'handover_not_delivered':
      return `I could not send ${mention(failure.incomingSlackId)} the message asking them to accept, so the manager change was dropped; nothing was changed. Try again later.`;
    case 'manager_now_not_admin':
      return '`now` (a manager without acceptance) is for admins only; nothing was changed. Leave out `now` to ask for the change.';
    case 'manager_now_has_manager':
      return `*${esc(failure.groupName, 128)}* already has a manager (${esc(failure.managerName, 100)}), so \`now\` does not apply: a handover waits for the incoming manager to accept. Nothing was changed; leave out \`now\`.`;
  }
}

const UNDO_UNAVAILABLE: Readonly<Record<UndoUnavailableReason, string>> = {
  not_found: 'That Undo names no change of this workspace that I can undo (the request may have changed nothing).',
  not_a_change: 'That entry records no group change, so there is nothing to undo.',
  not_applied: 'That change failed or changed nothing, so there is nothing to undo.',
  delete:
    'A delete cannot be undone: DocSpace cannot restore a deleted group, its id or its room access. Create the group again if it is still needed.',
};

/** The answer to an admin's unlink: the block on email matching is the lasting part, whether or not a link existed. */
export function unlinkedText(user: SlackUserId, removed: boolean): string {
  const who = mention(user);
  const block = `The bot will not match ${who} to DocSpace by email until an admin links them again with \`${COMMAND} link @user email\`.`;
  return removed ? `Unlinked ${who}. ${block}` : `${who} was not linked. ${block}`;
}

/** Why a card is not in the approvals channel, for the requester ("… (the bot is not a member of it)"). */
const CARD_PROBLEM_LABEL: Readonly<Record<CardPostProblem, string>> = {
  not_in_channel: 'the bot is not a member of it',
  channel_not_found: 'the bot cannot find the channel',
  is_archived: 'the channel is archived',
  restricted: 'the channel does not let the bot post',
  rate_limited: 'Slack is limiting how fast the bot may post',
  network: 'Slack could not be reached',
  other: 'Slack refused the post',
};

/**
 * A request that is saved but has no card in the approvals channel: never "approvers can see it there". Says why,
 * what happens next (the bot posts it again on its own; admins are told how to fix a channel problem) and how it can
 * be decided meanwhile. problem null: no try has failed yet, another is under way or due later.
 */
export function cardNotPostedText(requestId: string, problem: CardPostProblem | null): string {
  const id = `\`${esc(requestId, 40)}\``;
  const list = `\`${COMMAND} requests\``;
  if (problem === null) {
    return `Your request ${id} is saved and waiting for approval. Its card is not in the approvals channel yet: I keep posting it, and approvers can already approve or deny it with ${list}.`;
  }
  const admins = isChannelProblem(problem) ? ' The bot’s admins have been told how to fix the channel.' : '';
  return `:warning: Your request ${id} is saved, but I could not post it to the approvals channel (${CARD_PROBLEM_LABEL[problem]}). I will post it again on my own, and until then approvers can approve or deny it with ${list}.${admins} You will get a DM when it is decided.`;
}

/** For unexpected errors: an apology and an id an admin can find in the logs. */
export function unexpectedErrorText(correlationId: string): string {
  return `Sorry, something went wrong on our side. If it keeps happening, give an admin this id: \`${esc(correlationId, 80)}\`.`;
}

/** Slack lets a form open only within 3 seconds of the click or command that asked for it. */
export function formNotOpenedText(): string {
  return 'Slack did not open the form because it took too long to get ready. Please try again.';
}

/** A command or click that reached the bot twice (a Slack retry or a replay): the first delivery does the work. */
export function duplicateDeliveryText(): string {
  return 'This reached me twice. I handle it once: the answer to the first delivery is the one that counts, and nothing is done twice.';
}

const REVIEW_STATE_LABEL = { open: 'open', submitted: 'already submitted', cancelled: 'cancelled' } as const;

/** The text of every expected failure of an access review (the shared ones through failureText). */
export function reviewFailureText(failure: ReviewFailure): string {
  switch (failure.code) {
    case 'review_admins_only':
      return 'Only admins can start or cancel access reviews.';
    case 'review_no_reviewer': {
      const group = `*${esc(failure.groupName, 128)}*`;
      const how = `Name a reviewer: \`${COMMAND} review "${esc(failure.groupName, 128)}" @reviewer\`. Nothing was started.`;
      return failure.managerName
        ? `The manager of ${group}, ${esc(failure.managerName, 120)}, is not linked to a Slack user, so the bot cannot ask them (${LINK_HINT}). ${how}`
        : `${group} has no manager to review it. ${how}`;
    }
    case 'review_already_open':
      return `*${esc(failure.groupName, 128)}* already has an open review, \`${failure.reviewId}\`, by ${mention(failure.reviewerSlackId)} (due ${slackDate(failure.dueAt)}). Nothing was started; cancel it first with \`${COMMAND} review cancel ${failure.reviewId}\` to start another.`;
    case 'review_not_found':
      return `There is no access review \`${esc(failure.reviewId, 50)}\`. See them with \`${COMMAND} review status\`.`;
    case 'not_reviewer':
      return `Only the reviewer of this access review, ${mention(failure.reviewerSlackId)}, can decide or submit it. Nothing was changed.`;
    case 'review_closed':
      return `Access review \`${failure.reviewId}\` is ${REVIEW_STATE_LABEL[failure.state]}; nothing was changed.`;
    case 'review_group_gone':
      return `The group *${esc(failure.groupName, 128)}* no longer exists in DocSpace, so review \`${failure.reviewId}\` cannot be submitted. Nothing was changed.`;
    case 'review_member_unknown':
      return `That person is not part of access review \`${failure.reviewId}\`; nothing was changed.`;
    case 'review_note_too_long':
      return `The note is too long; keep it to ${failure.max} characters.`;
    case 'review_empty_group':
      return `*${esc(failure.groupName, 128)}* has no members, so there is nothing to review.`;
    default:
      return failureText(failure);
  }
}
