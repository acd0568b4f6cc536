import { recordAudit } from '../audit-log.js';
import type { DomainDeps } from '../deps.js';
import type { AuditAction, AuditOutcome } from '../model/audit.js';
import type { Handover } from '../model/handover.js';
import type { DocSpaceUserId, SlackUserId } from '../model/ids.js';

/** One audit entry about a handover: team, group, request and the incoming manager come from the handover. */
export function auditHandover(
  deps: Pick<DomainDeps, 'audit' | 'logger' | 'clock'>,
  handover: Handover,
  fields: {
    readonly action: AuditAction;
    readonly actorSlackId: SlackUserId | null;
    readonly actorDocSpaceId: DocSpaceUserId | null;
    readonly outcome: AuditOutcome;
    readonly detail?: string | null;
  },
) {
  return recordAudit(deps, {
    at: deps.clock.now(),
    teamId: handover.teamId,
    actorSlackId: fields.actorSlackId,
    actorDocSpaceId: fields.actorDocSpaceId,
    onBehalfOf: [handover.requestedBy],
    requestId: handover.requestId,
    action: fields.action,
    groupId: handover.groupId,
    groupName: handover.snapshot.groupName,
    before: { managerId: handover.snapshot.managerBefore?.id ?? null },
    after: { handoverId: handover.id, incomingManagerId: handover.incomingDocSpaceId, status: handover.status },
    outcome: fields.outcome,
    detail: fields.detail ?? null,
  });
}

/** Slack failures never undo a state change storage already made: they are logged with the handover id. */
export async function safelyTell(
  deps: Pick<DomainDeps, 'logger'>,
  what: string,
  handover: Handover,
  fn: () => Promise<unknown>,
) {
  try {
    await fn();
  } catch (error) {
    deps.logger.error({ err: error, handoverId: handover.id, status: handover.status }, `could not ${what}`);
  }
}
