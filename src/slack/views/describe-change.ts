import type { ChangeRequest, GroupChange } from '../../domain/index.js';
import { esc, nameList } from './blocks.js';

type Described = Pick<ChangeRequest, 'change' | 'snapshot'>;

const NO_MANAGER = '_no manager_';

function namer(request: Described): (id: string) => string {
  return (id) => request.snapshot.names[id] ?? id;
}

function describeCreate(change: Extract<GroupChange, { kind: 'create' }>, nameOf: (id: string) => string): string {
  const manager = change.managerId ? `manager ${esc(nameOf(change.managerId))}` : 'no manager';
  const members = change.memberIds.length
    ? `members ${nameList(change.memberIds.map(nameOf), 30, 1200)}`
    : 'no members';
  return `Create group *${esc(change.name)}* with ${manager} and ${members}`;
}

/**
 * What a request would do, in plain words, from the snapshot taken when it was made (no DocSpace call).
 * Returns escaped mrkdwn, one line per part, e.g. "Change group *Sales*\nAdd: Carol, Dave".
 */
export function describeChange(request: Described): string {
  const { change } = request;
  const nameOf = namer(request);
  const group = `*${esc(request.snapshot.groupName)}*`;
  switch (change.kind) {
    case 'create':
      return describeCreate(change, nameOf);
    case 'set_manager': {
      const before = request.snapshot.managerBefore ? esc(nameOf(request.snapshot.managerBefore)) : NO_MANAGER;
      return `Change group ${group}\nManager: ${before} → ${esc(nameOf(change.managerId))}`;
    }
    case 'members': {
      const lines = [`Change group ${group}`];
      if (change.add.length) lines.push(`Add: ${nameList(change.add.map(nameOf), 30, 1200)}`);
      if (change.remove.length) lines.push(`Remove: ${nameList(change.remove.map(nameOf), 30, 1200)}`);
      return lines.join('\n');
    }
    case 'rename':
      return `Rename: ${group} → *${esc(change.name)}*`;
    case 'delete':
      return `Delete group ${group}`;
  }
}

/** One line for notification fallbacks and lists. */
export function describeChangeInline(request: Described): string {
  return describeChange(request).replace(/\n/g, '; ');
}
