import type { KnownBlock, SectionBlock } from '@slack/types';
import type { ChangeReport, ChangeRequest, Group, GroupSummary } from '../../domain/index.js';
import { formatDuration } from '../../domain/index.js';
import { escapeMrkdwn } from '../escape.js';
import { ACTION_CANCEL_DELETE, ACTION_CONFIRM_DELETE, BLOCK_DELETE_ACTIONS, COMMAND } from '../ids.js';
import { MUTATING_SUBCOMMANDS, SUBCOMMAND_HELP, SUBCOMMANDS, type Subcommand, usageLine } from '../parse/usage.js';
import {
  button,
  channelLink,
  confirmDialog,
  context,
  esc,
  LIMITS,
  message,
  mrkdwn,
  NO_MANAGER,
  nameList,
  packLines,
  plain,
  type SlackMessage,
  section,
  slackDate,
} from './blocks.js';
import { describeChange, describeChangeInline } from './cards.js';
import { dryRunHeadline, plannedCallBlocks, reportNamer, requestDryRunBlocks } from './dry-run.js';
import { undoBlock } from './undo-parts.js';

type NameOf = (id: string) => string;

function groupName(report: ChangeReport): string {
  if (report.change.kind === 'create') return report.after?.name ?? report.change.name;
  return report.after?.name ?? report.before?.name ?? report.change.groupId;
}

function headline(report: ChangeReport): string {
  const name = `*${esc(groupName(report), 128)}*`;
  switch (report.change.kind) {
    case 'create':
      // The answer to the earlier attempt was lost; this one found the group it made and wrote nothing.
      if (report.recognised) return `✅ Group ${name} was created by your earlier attempt; nothing was created twice`;
      return `✅ Created group ${name}`;
    case 'set_manager':
      return `✅ Changed the manager of ${name}`;
    case 'members':
      return `✅ Updated the members of ${name}`;
    case 'rename':
      return `✅ Renamed group ${name}`;
    case 'delete':
      return `🗑️ Deleted group *${esc(report.before?.name ?? report.change.groupId, 128)}*`;
  }
}

/** The line of a time-bound change: how long, and what the bot does by itself at the end. */
function timeBoundText(duration: number, then: string): string {
  return `⏳ For ${formatDuration(duration)}: then ${then} by the bot. See \`${COMMAND} grants\`.`;
}

/** What changed, leaving out what DocSpace ignored (reported separately). */
function changeLines(report: ChangeReport, nameOf: NameOf): string[] {
  const { change, ignored } = report;
  const kept = (ids: readonly string[], dropped: readonly string[]) => ids.filter((id) => !dropped.includes(id));
  switch (change.kind) {
    case 'create': {
      const members = kept(change.memberIds, ignored.notAdded).map(nameOf);
      const manager = change.managerId && change.managerId !== ignored.managerNotSet ? nameOf(change.managerId) : null;
      return [
        `Manager: ${manager ? esc(manager) : '_none_'}`,
        ...(members.length ? [`Members: ${nameList(members, 50, 1200)}`] : []),
      ];
    }
    case 'set_manager': {
      if (change.managerId === ignored.managerNotSet) return [];
      const before = report.before?.manager?.displayName;
      const acting =
        change.duration === undefined ? [] : [timeBoundText(change.duration, 'the previous manager is restored')];
      return [`Manager: ${before ? esc(before) : '_none_'} → ${esc(nameOf(change.managerId))}`, ...acting];
    }
    case 'members': {
      const added = kept(change.add, ignored.notAdded).map(nameOf);
      const removed = kept(change.remove, ignored.notRemoved).map(nameOf);
      const timed =
        change.duration !== undefined && added.length ? [timeBoundText(change.duration, 'they are removed')] : [];
      return [
        ...(added.length ? [`Added: ${nameList(added, 50, 1200)}`] : []),
        ...(removed.length ? [`Removed: ${nameList(removed, 50, 1200)}`] : []),
        ...timed,
      ];
    }
    case 'rename':
      if (ignored.nameNotApplied !== null) return [];
      return [`Renamed: ${esc(report.before?.name ?? change.groupId, 128)} → ${esc(change.name, 128)}`];
    case 'delete':
      return [`Deleted ${esc(report.before?.name ?? change.groupId, 128)} (\`${change.groupId}\`)`];
  }
}

function skippedLines(report: ChangeReport): string[] {
  const { alreadyMembers, notMembers } = report.skipped;
  return [
    ...(alreadyMembers.length
      ? [`Skipped (already a member): ${nameList(alreadyMembers.map((u) => u.displayName))}`]
      : []),
    ...(notMembers.length ? [`Skipped (not a member): ${nameList(notMembers.map((u) => u.displayName))}`] : []),
  ];
}

function ignoredLines(report: ChangeReport, nameOf: NameOf): string[] {
  const { managerNotSet, notAdded, notRemoved, nameNotApplied } = report.ignored;
  const why = '(guest, disabled or unknown accounts cannot be members or managers)';
  return [
    ...(managerNotSet ? [`⚠️ DocSpace did not make ${esc(nameOf(managerNotSet))} the manager ${why}`] : []),
    ...(notAdded.length ? [`⚠️ DocSpace did not add: ${nameList(notAdded.map(nameOf))} ${why}`] : []),
    ...(notRemoved.length ? [`⚠️ DocSpace did not remove: ${nameList(notRemoved.map(nameOf))}`] : []),
    ...(nameNotApplied !== null ? [`⚠️ DocSpace did not apply the name ${esc(nameNotApplied, 128)}`] : []),
  ];
}

function nowLine(report: ChangeReport): string[] {
  if (!report.after) return [];
  const manager = report.after.manager ? esc(report.after.manager.displayName) : NO_MANAGER;
  const count = Math.max(report.after.membersCount, report.after.members.length);
  const state = `manager ${manager}, ${count} member${count === 1 ? '' : 's'}`;
  // A rehearsed create has no id yet: DocSpace would choose it.
  if (report.dryRun)
    return [`It would leave: ${state}${report.change.kind === 'create' ? '' : ` · \`${report.after.id}\``}`];
  return [`Now: ${state} · \`${report.after.id}\``];
}

/** The reply after a change was executed: what changed, what was skipped, what DocSpace ignored, the state after. */
export function buildChangeResult(report: ChangeReport): SlackMessage {
  const nameOf: NameOf = (id) => report.names[id] ?? id;
  const head = report.dryRun ? dryRunHeadline(report, groupName(report)) : headline(report);
  const details = [...changeLines(report, nameOf), ...skippedLines(report)];
  const ignored = ignoredLines(report, nameOf);
  const blocks: KnownBlock[] = [section(head), ...packLines(details, 6), ...packLines(ignored, 6)];
  const after = nowLine(report);
  if (after.length) blocks.push(section(after.join('\n')));
  if (report.dryRun) blocks.push(...plannedCallBlocks(report.dryRun.calls, reportNamer(report)));
  if (report.undo) {
    const target = { kind: 'entry' as const, entryId: report.undo.entryId };
    blocks.push(...undoBlock(target, report.change, report.undo.until));
  }
  const warn = ignored.length ? ' (DocSpace ignored part of it)' : '';
  return message(`${head}${warn}`, blocks);
}

const MEMBERS_SHOWN = 50;

function managerText(group: Pick<Group, 'manager'>): string {
  return group.manager ? esc(group.manager.displayName) : '_none_';
}

/** `/docspace-group show`: name, id, manager and members (the first 50 by name, then "and N more"). */
export function buildGroupDetails(group: Group): SlackMessage {
  const names = group.members.map((m) => m.displayName).sort((a, b) => a.localeCompare(b));
  const count = Math.max(group.membersCount, group.members.length);
  const members = names.length ? nameList(names, MEMBERS_SHOWN, 2800) : '_no members_';
  return message(`Group ${esc(group.name)}: manager ${managerText(group)}, ${count} member${count === 1 ? '' : 's'}`, [
    { type: 'header', text: plain(group.name, LIMITS.headerText) },
    {
      type: 'section',
      fields: [
        mrkdwn(`*Manager*\n${managerText(group)}`, LIMITS.fieldText),
        mrkdwn(`*Members*\n${count}`, LIMITS.fieldText),
        mrkdwn(`*ID*\n\`${group.id}\``, LIMITS.fieldText),
      ],
    },
    section(`*Members:* ${members}`),
  ]);
}

/** Asks before deleting a group; the buttons carry `value` (by default the group id; the listener adds the reason). */
export function buildDeleteConfirmation(group: GroupSummary, value: string = group.id): SlackMessage {
  const members = `${group.membersCount} member${group.membersCount === 1 ? '' : 's'}`;
  const question = `Delete group *${esc(group.name, 128)}* (\`${group.id}\`, ${members})? This cannot be undone: a delete has no Undo.`;
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

/** Reply to the requester after a change was queued for approval (new, or joined an identical pending one). */
export function buildRequestQueuedReply(request: ChangeRequest, created: boolean, channelId: string): SlackMessage {
  const where = channelLink(channelId);
  const head = created
    ? `Your request \`${request.id}\` is waiting for approval in ${where}.`
    : `An identical request (\`${request.id}\`) was already pending; you were added to it. Approvers decide in ${where}.`;
  return message(`${head} ${describeChangeInline(request)}`, [
    section(head),
    section(describeChange(request)),
    ...requestDryRunBlocks(request),
    context(`It expires ${slackDate(request.expiresAt)}. You will get a DM when it is decided.`),
  ]);
}

const SECTIONS: readonly { readonly title: string; readonly subcommands: readonly Subcommand[] }[] = [
  { title: 'Groups', subcommands: ['create', 'manager', 'add', 'remove', 'rename', 'delete', 'show', 'list'] },
  { title: 'You', subcommands: ['whoami', 'requests', 'grants', 'help'] },
  { title: 'Access reviews', subcommands: ['review'] },
  { title: 'Admins only', subcommands: SUBCOMMANDS.filter((sub) => SUBCOMMAND_HELP[sub].adminOnly) },
];

const EXAMPLES = [
  `${COMMAND} create "Development Team" manager @alice members @bob @carol reason: new project`,
  `${COMMAND} add "Development Team" @dave dave.smith@example.com`,
  `${COMMAND} rename “Development Team” “Platform Team” reason: reorg`,
  `${COMMAND} add "Finance" @carol for 1w reason: audit week`,
];

function commandLine(sub: Subcommand): string {
  return `\`${escapeMrkdwn(usageLine(sub))}\` ${escapeMrkdwn(SUBCOMMAND_HELP[sub].summary)}`;
}

/** The help as mrkdwn parts: intro, one part per command family, notes, examples. */
function helpParts(): string[] {
  const changes = [...MUTATING_SUBCOMMANDS].join(', ');
  const intro = `*Manage DocSpace groups from Slack.* \`${COMMAND}\` on its own opens a menu.`;
  const families = SECTIONS.map(({ title, subcommands }) => [`*${title}*`, ...subcommands.map(commandLine)].join('\n'));
  const notes = [
    '*Good to know*',
    `• Changes (${changes}) may end with \`reason: ${escapeMrkdwn('<text>')}\`; it is recorded with the change.`,
    '• Put names with spaces in quotes: "Dev Team" or “Dev Team”. A group can also be given by its DocSpace id.',
    '• People are @mentions (pick them from Slack’s suggestions) or email addresses.',
    '• `create` or `manager` without arguments opens a form.',
    `• \`add\` and \`manager\` may end with \`for 30m\`, \`8h\`, \`3d\` or \`2w\` (before any reason): the bot ends that access by itself, reminds first, and \`grants\` lists it with Renew and End now.`,
  ].join('\n');
  const examples = ['*Examples*', ...EXAMPLES.map((line) => `\`${escapeMrkdwn(line)}\``)].join('\n');
  return [intro, ...families, notes, examples];
}

/** The grammar of `/docspace-group` with one-line explanations and examples, as mrkdwn. */
export function buildHelpText(): string {
  return helpParts().join('\n\n');
}

/** The same help as Block Kit: one mrkdwn section per part. */
export function buildHelpBlocks(): SectionBlock[] {
  return helpParts().map(section);
}
