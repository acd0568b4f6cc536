import { recordAudit } from '../audit-log.js';
import type { AuditOutcome } from '../model/audit.js';
import type { DocSpaceUserId, SlackUserId } from '../model/ids.js';
import type { AuditRepo, Clock, Logger } from '../ports.js';
import type { Grant } from './model.js';

/** Who acted on a grant: a person (End now, Renew, a change that superseded it) or, when null, the bot itself. */
export interface GrantActor {
  readonly slackUserId: SlackUserId | null;
  readonly docspaceId: DocSpaceUserId | null;
}

export const BOT: GrantActor = { slackUserId: null, docspaceId: null };

/** The grant as the audit log keeps it. */
function grantForAudit(grant: Grant): unknown {
  return {
    grantId: grant.id,
    kind: grant.kind,
    userId: grant.userId,
    previousManagerId: grant.previousManagerId,
    durationMs: grant.durationMs,
    startsAt: grant.startsAt.toISOString(),
    endsAt: grant.endsAt.toISOString(),
    state: grant.state,
    outcome: grant.outcome,
  };
}

export function auditGrant(
  deps: { audit: AuditRepo; logger: Logger; clock: Clock },
  grant: Grant,
  entry: {
    readonly action: 'grant_start' | 'grant_end' | 'grant_renew';
    readonly actor: GrantActor;
    readonly outcome: AuditOutcome;
    readonly detail: string | null;
  },
) {
  return recordAudit(deps, {
    at: deps.clock.now(),
    teamId: grant.teamId,
    actorSlackId: entry.actor.slackUserId,
    actorDocSpaceId: entry.actor.docspaceId,
    onBehalfOf: grant.requesterSlackId ? [grant.requesterSlackId] : [],
    requestId: grant.requestId,
    action: entry.action,
    groupId: grant.groupId,
    groupName: grant.groupName,
    before: null,
    after: grantForAudit(grant),
    outcome: entry.outcome,
    detail: entry.detail,
  });
}
