import type { AuditEntry } from '../model/audit.js';
import type { UndoUnavailableReason } from '../model/failures.js';
import type { GroupChange } from '../model/group.js';
import type { DocSpaceUserId, GroupId } from '../model/ids.js';
import { err, ok, type Result } from '../model/result.js';

/** The group as an audit entry recorded it (groupForAudit): memberIds only where the group was read with members. */
interface AuditedGroup {
  readonly id: GroupId;
  readonly name: string;
  readonly managerId: DocSpaceUserId | null;
  readonly memberIds: readonly DocSpaceUserId[] | null;
}

/** An executed change as its audit entry records it: what Undo reverses. */
export interface UndoSource {
  readonly entry: AuditEntry;
  readonly change: GroupChange;
  /** null for a create. */
  readonly before: AuditedGroup | null;
  readonly after: AuditedGroup;
  /** Names the entry kept for the people of the change (empty for entries written before it kept them). */
  readonly names: Readonly<Record<string, string>>;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

function auditedGroup(raw: unknown): AuditedGroup | null {
  if (!isObject(raw) || !isString(raw['id']) || !isString(raw['name'])) return null;
  const manager = raw['managerId'];
  const members = raw['memberIds'];
  return {
    id: raw['id'] as GroupId,
    name: raw['name'],
    managerId: isString(manager) ? (manager as DocSpaceUserId) : null,
    memberIds: isStringList(members) ? (members as DocSpaceUserId[]) : null,
  };
}

/** The change stored in an entry's after (executePlan writes it), checked field by field: stored rows are input. */
function auditedChange(raw: unknown): GroupChange | null {
  if (!isObject(raw)) return null;
  const groupId = raw['groupId'] as GroupId;
  switch (raw['kind']) {
    case 'create':
      if (!isString(raw['name']) || !isStringList(raw['memberIds'])) return null;
      return {
        kind: 'create',
        name: raw['name'],
        managerId: isString(raw['managerId']) ? (raw['managerId'] as DocSpaceUserId) : null,
        memberIds: raw['memberIds'] as DocSpaceUserId[],
      };
    case 'set_manager':
      if (!isString(groupId) || !isString(raw['managerId'])) return null;
      return { kind: 'set_manager', groupId, managerId: raw['managerId'] as DocSpaceUserId };
    case 'members':
      if (!isString(groupId) || !isStringList(raw['add']) || !isStringList(raw['remove'])) return null;
      return {
        kind: 'members',
        groupId,
        add: raw['add'] as DocSpaceUserId[],
        remove: raw['remove'] as DocSpaceUserId[],
      };
    case 'rename':
      return isString(groupId) && isString(raw['name']) ? { kind: 'rename', groupId, name: raw['name'] } : null;
    case 'delete':
      return isString(groupId) ? { kind: 'delete', groupId } : null;
    default:
      return null;
  }
}

const CHANGE_ACTIONS: ReadonlySet<string> = new Set(['create', 'set_manager', 'members', 'rename', 'delete', 'undo']);

/**
 * Reads what an executed change did from its audit entry: the change, and the group before and after. Entries of
 * every schema version since the first carry enough (the after state holds the created group's id and members).
 */
export function undoSourceOf(entry: AuditEntry): Result<UndoSource, UndoUnavailableReason> {
  if (!CHANGE_ACTIONS.has(entry.action)) return err('not_a_change');
  const afterJson = isObject(entry.after) ? entry.after : null;
  const change = auditedChange(afterJson?.['change']);
  if (change?.kind === 'delete') return err('delete');
  if (entry.outcome !== 'succeeded' && entry.outcome !== 'partial') return err('not_applied');
  const after = auditedGroup(afterJson);
  if (!change || !after) return err('not_a_change');
  const before = auditedGroup(entry.before);
  const rawNames = afterJson?.['names'];
  const names: Record<string, string> = {};
  if (isObject(rawNames)) for (const [id, name] of Object.entries(rawNames)) if (isString(name)) names[id] = name;
  return ok({ entry, change, before, after, names });
}
