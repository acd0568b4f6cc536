import type { KnownBlock } from '@slack/types';
import type { ChangeReport } from '../../domain/index.js';
import { esc, message, nameList, packLines, type SlackMessage, section } from './blocks.js';

type NameOf = (id: string) => string;

function groupName(report: ChangeReport): string {
  if (report.change.kind === 'create') return report.after?.name ?? report.change.name;
  return report.after?.name ?? report.before?.name ?? report.change.groupId;
}

function headline(report: ChangeReport): string {
  const name = `*${esc(groupName(report), 128)}*`;
  switch (report.change.kind) {
    case 'create':
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
      return [`Manager: ${before ? esc(before) : '_none_'} → ${esc(nameOf(change.managerId))}`];
    }
    case 'members': {
      const added = kept(change.add, ignored.notAdded).map(nameOf);
      const removed = kept(change.remove, ignored.notRemoved).map(nameOf);
      return [
        ...(added.length ? [`Added: ${nameList(added, 50, 1200)}`] : []),
        ...(removed.length ? [`Removed: ${nameList(removed, 50, 1200)}`] : []),
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
  const manager = report.after.manager ? esc(report.after.manager.displayName) : '_no manager_';
  const count = Math.max(report.after.membersCount, report.after.members.length);
  return [`Now: manager ${manager}, ${count} member${count === 1 ? '' : 's'} · \`${report.after.id}\``];
}

/** The reply after a change was executed: what changed, what was skipped, what DocSpace ignored, the state after. */
export function buildChangeResult(report: ChangeReport): SlackMessage {
  const nameOf: NameOf = (id) => report.names[id] ?? id;
  const head = headline(report);
  const details = [...changeLines(report, nameOf), ...skippedLines(report)];
  const ignored = ignoredLines(report, nameOf);
  const blocks: KnownBlock[] = [section(head), ...packLines(details, 6), ...packLines(ignored, 6)];
  const after = nowLine(report);
  if (after.length) blocks.push(section(after.join('\n')));
  const warn = ignored.length ? ' (DocSpace ignored part of it)' : '';
  return message(`${head}${warn}`, blocks);
}
