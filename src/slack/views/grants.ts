import type { KnownBlock } from '@slack/types';
import type { Grant, GrantOutcome } from '../../domain/index.js';
import { formatDuration } from '../../domain/index.js';
import { ACTION_GRANT_END, ACTION_GRANT_RENEW, BLOCK_GRANT_ACTIONS, COMMAND } from '../ids.js';
import {
  button,
  confirmDialog,
  context,
  esc,
  mention,
  message,
  packLines,
  type SlackMessage,
  section,
  slackDate,
} from './blocks.js';

// Messages about time-bound access (grants): reminders, endings, the `grants` list and the lines `show` adds.

function what(grant: Grant): string {
  const group = `*${esc(grant.groupName, 128)}*`;
  return grant.kind === 'member'
    ? `${esc(grant.userName)}'s membership of ${group}`
    : `${esc(grant.userName)} as acting manager of ${group}`;
}

function idLine(grant: Grant): string {
  return `Grant \`${grant.id}\` · group id \`${grant.groupId}\``;
}

/** Renew and End now; the value is only the grant id (who may press them is checked on the server, at each click). */
function grantButtons(grant: Grant): KnownBlock {
  return {
    type: 'actions',
    block_id: `${BLOCK_GRANT_ACTIONS}:${grant.id}`,
    elements: [
      button({ actionId: ACTION_GRANT_RENEW, label: `Renew (${formatDuration(grant.durationMs)})`, value: grant.id }),
      button({
        actionId: ACTION_GRANT_END,
        label: 'End now',
        value: grant.id,
        style: 'danger',
        confirm: confirmDialog('End now?', 'The access ends at once.', 'End now', 'danger'),
      }),
    ],
  };
}

/** The DM before a grant ends, with Renew and End now. */
export function buildGrantReminder(grant: Grant): SlackMessage {
  const head = `⏳ ${what(grant)} ends ${slackDate(grant.endsAt)}.`;
  return message(head, [
    section(`${head}\nRenew it for ${formatDuration(grant.durationMs)} more, or end it now.`),
    grantButtons(grant),
    context(idLine(grant)),
  ]);
}

const ENDED: Readonly<Record<GrantOutcome, (grant: Grant) => string>> = {
  removed: (g) => `⌛ ${what(g)} has ended: the bot removed ${esc(g.userName)} from the group.`,
  restored: (g) =>
    `⌛ ${what(g)} has ended: ${esc(g.previousManagerName ?? 'the previous manager')} is the manager again.`,
  already_removed: (g) => `⌛ ${what(g)} has ended; ${esc(g.userName)} was no longer a member, so nothing was changed.`,
  manager_changed: (g) =>
    `⌛ ${what(g)} has ended. Someone else is the manager now, so the bot left the manager as it is.`,
  no_previous_manager: (g) =>
    `⌛ ${what(g)} has ended. There was no previous manager to restore, so the bot left the manager as it is.`,
  group_deleted: (g) => `⌛ ${what(g)} has ended: the group no longer exists.`,
  superseded: (g) => `${what(g)} is no longer time-bound: a later change made it permanent.`,
  failed: (g) => `⚠️ ${what(g)} should have ended, but the bot could not change DocSpace.`,
};

/** The DM to the member, the manager and the requester when a grant ended. */
export function buildGrantEnded(grant: Grant): SlackMessage {
  const text = ENDED[grant.outcome ?? 'removed'](grant);
  return message(text, [section(text), context(idLine(grant))]);
}

/** The DM to admins when every retry of an expiry failed. */
export function buildGrantExpiryFailed(grant: Grant): SlackMessage {
  const head = `⚠️ ${what(grant)} was due to end ${slackDate(grant.endsAt)}, but every attempt to change DocSpace failed.`;
  const error = grant.lastError ? `\nLast error: ${esc(grant.lastError, 300)}` : '';
  const fix =
    grant.kind === 'member'
      ? `Remove them by hand: \`${COMMAND} remove "${grant.groupName.replaceAll('"', '')}" …\``
      : 'Set the manager by hand.';
  return message(head, [section(`${head}${error}\n${esc(fix, 400)}`), context(idLine(grant))]);
}

function grantLine(grant: Grant): string {
  const who = grant.memberSlackId ? `${mention(grant.memberSlackId)} (${esc(grant.userName)})` : esc(grant.userName);
  const role = grant.kind === 'member' ? 'member' : 'acting manager';
  const ending = grant.state === 'expiring' ? ' (ending now)' : '';
  return `• ${who}: ${role} of *${esc(grant.groupName, 128)}* until ${slackDate(grant.endsAt)}${ending} · \`${grant.id}\``;
}

/** `grants`: live time-bound access with Renew and End now on each (the first 20). */
export function buildGrantsList(grants: readonly Grant[], all: boolean): SlackMessage {
  if (grants.length === 0) {
    const none = all ? 'No time-bound access is active.' : 'You hold or asked for no time-bound access right now.';
    return message(none, [section(none)]);
  }
  const head = all ? `*Time-bound access (${grants.length})*` : `*Your time-bound access (${grants.length})*`;
  const blocks: KnownBlock[] = [section(head)];
  for (const grant of grants.slice(0, 20)) {
    blocks.push(section(grantLine(grant)));
    if (grant.state === 'active') blocks.push(grantButtons(grant));
  }
  if (grants.length > 20) blocks.push(context(`and ${grants.length - 20} more`));
  return message(head.replaceAll('*', ''), blocks);
}

/** `show` with the group's time-bound members and acting manager, and when each ends, added. */
export function withGrantBlocks(details: SlackMessage, grants: readonly Grant[]): SlackMessage {
  if (grants.length === 0) return details;
  const lines = grants.map((g) => {
    const role = g.kind === 'member' ? 'member' : 'acting manager';
    return `• ${esc(g.userName)}: ${role} until ${slackDate(g.endsAt)}`;
  });
  return message(details.text, [...details.blocks, ...packLines(['*Time-bound:*', ...lines.slice(0, 40)], 3)]);
}

/** The answer to End now. */
export function buildGrantEndedReply(grant: Grant): SlackMessage {
  if (grant.state === 'ended' || grant.state === 'failed') return buildGrantEnded(grant);
  const text = `${what(grant)} is ending now.`;
  return message(text, [section(text)]);
}

/** The answer to an admin's Renew. */
export function buildGrantRenewedReply(grant: Grant): SlackMessage {
  const text = `✅ Renewed: ${what(grant)} now ends ${slackDate(grant.endsAt)}.`;
  return message(text, [section(text), context(idLine(grant))]);
}
