import type { ChangeAsk } from '../../../domain/index.js';
import type { ParsedCommand } from '../../parse-types.js';

/** The mutating commands, as the domain's ChangeAsk; null for everything else. */
export function toAsk(command: ParsedCommand): ChangeAsk | null {
  switch (command.kind) {
    case 'create':
      return { kind: 'create', name: command.name, manager: command.manager, members: command.members };
    case 'manager':
      return { kind: 'set_manager', group: command.group, manager: command.user };
    case 'add':
      return { kind: 'members', group: command.group, add: command.users, remove: [] };
    case 'remove':
      return { kind: 'members', group: command.group, add: [], remove: command.users };
    case 'rename':
      return { kind: 'rename', group: command.group, name: command.name };
    case 'delete':
      return { kind: 'delete', group: command.group };
    default:
      return null;
  }
}
