import type { DomainFailure } from '../model/failures.js';
import type { ChangeReport, GroupChange } from '../model/group.js';
import type { Names } from './plan.js';

const list = (ids: readonly string[], names: Names) => ids.map((id) => names[id] ?? id).join(', ');

/** Plain text (not mrkdwn) one-liner of a change; callers escape it before it reaches Slack. */
export function describeChangePlain(change: GroupChange, groupName: string, names: Names): string {
  switch (change.kind) {
    case 'create': {
      const manager = change.managerId ? ` with manager ${names[change.managerId] ?? change.managerId}` : '';
      const members = change.memberIds.length > 0 ? `, members ${list(change.memberIds, names)}` : '';
      return `Create group ${change.name}${manager}${members}`;
    }
    case 'set_manager':
      return `Make ${names[change.managerId] ?? change.managerId} the manager of ${groupName}`;
    case 'members': {
      const parts = [
        change.add.length > 0 ? `add ${list(change.add, names)}` : '',
        change.remove.length > 0 ? `remove ${list(change.remove, names)}` : '',
      ].filter(Boolean);
      return `In ${groupName}: ${parts.join('; ')}`;
    }
    case 'rename':
      return `Rename ${groupName} to ${change.name}`;
    case 'delete':
      return `Delete group ${groupName}`;
  }
}

/** Plain text outcome kept on a request after execution. */
export function describeReport(report: ChangeReport): string {
  const after = report.after;
  if (!after) return `Deleted ${report.before?.name ?? 'the group'}.`;
  const manager = after.manager ? after.manager.displayName : 'no manager';
  const ignored = report.ignored;
  const skippedIds = [
    ...ignored.notAdded,
    ...ignored.notRemoved,
    ...(ignored.managerNotSet ? [ignored.managerNotSet] : []),
  ];
  const note = skippedIds.length > 0 ? ` DocSpace ignored: ${list(skippedIds, report.names)}.` : '';
  return `${after.name}: manager ${manager}, ${after.membersCount} member${after.membersCount === 1 ? '' : 's'}.${note}`;
}

/** Plain text reason a request could not be executed. */
export function describeFailurePlain(failure: DomainFailure): string {
  switch (failure.code) {
    case 'docspace_failed': {
      const beforeWrite = /^(re-read|look up|find|list|show)/.test(failure.operation);
      if (beforeWrite) return `DocSpace failed while the bot was reading (${failure.kind}); nothing was changed.`;
      if (['timeout', 'network', 'server_error', 'unexpected_response'].includes(failure.kind)) {
        return `DocSpace did not confirm the change (${failure.kind}); it may or may not have been applied. Retry re-reads the group and applies only what is missing.`;
      }
      return `DocSpace refused the change (${failure.kind}).`;
    }
    case 'group_gone':
      return `The group ${failure.groupName} no longer exists.`;
    case 'group_not_found':
      return 'The group no longer exists.';
    case 'group_name_taken':
      return `A group named ${failure.name} already exists.`;
    case 'no_change':
      return failure.explanation;
    default:
      return failure.code.replaceAll('_', ' ');
  }
}
