import type { Group, GroupSummary } from './group.js';
import type { AuditEntry, AuditRepo, Logger, NewAuditEntry } from './ports.js';

/** Appends to the audit table and writes the same entry as one structured log line. */
export async function recordAudit(
  deps: { audit: AuditRepo; logger: Logger },
  entry: NewAuditEntry,
): Promise<AuditEntry> {
  const saved = await deps.audit.append(entry);
  deps.logger.info({ audit: { ...saved, at: saved.at.toISOString() } }, 'audit');
  return saved;
}

/** The compact group state kept in audit before/after columns. */
export function groupForAudit(group: GroupSummary | Group | null): unknown {
  if (!group) return null;
  const base = {
    id: group.id,
    name: group.name,
    managerId: group.manager?.id ?? null,
    membersCount: group.membersCount,
  };
  return 'members' in group ? { ...base, memberIds: group.members.map((m) => m.id) } : base;
}
