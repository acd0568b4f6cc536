import type { AuditAction, AuditEntry, AuditOutcome, NewAuditEntry } from './model/audit.js';
import type { Group, GroupSummary } from './model/group.js';
import type { DocSpaceUserId, SlackUserId } from './model/ids.js';
import type { ChangeRequest } from './model/request.js';
import type { AuditRepo, Clock, Logger } from './ports.js';

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

/** What differs between the audit entries written about one change request. */
export interface RequestAuditFields {
  readonly actorSlackId: SlackUserId | null;
  readonly actorDocSpaceId: DocSpaceUserId | null;
  readonly action: AuditAction;
  readonly after: unknown;
  readonly outcome: AuditOutcome;
  readonly before?: unknown;
  readonly detail?: string | null;
  /** Defaults to the request's requesters. */
  readonly onBehalfOf?: readonly SlackUserId[];
}

/** An audit entry about a change request: team, request id, group and requesters come from the request itself. */
export function recordRequestAudit(
  deps: { audit: AuditRepo; logger: Logger; clock: Clock },
  request: ChangeRequest,
  fields: RequestAuditFields,
): Promise<AuditEntry> {
  return recordAudit(deps, {
    at: deps.clock.now(),
    teamId: request.teamId,
    actorSlackId: fields.actorSlackId,
    actorDocSpaceId: fields.actorDocSpaceId,
    onBehalfOf: fields.onBehalfOf ?? request.requesterIds,
    requestId: request.id,
    action: fields.action,
    groupId: request.change.kind === 'create' ? null : request.change.groupId,
    groupName: request.snapshot.groupName,
    before: fields.before ?? null,
    after: fields.after,
    outcome: fields.outcome,
    detail: fields.detail ?? null,
  });
}
