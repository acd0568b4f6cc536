import { type ApprovalDeps, safely } from './approval-deps.js';
import { recordAudit } from './audit-log.js';
import type { ChangeRequest } from './ports.js';

/** pending -> expired when its time is up; true when this call expired it. */
export async function expireOverdue(deps: ApprovalDeps, request: ChangeRequest): Promise<boolean> {
  if (request.status !== 'pending' || request.expiresAt.getTime() > deps.clock.now().getTime()) return false;
  const expired = await deps.requests.transition(request.id, {
    from: ['pending'],
    to: 'expired',
    at: deps.clock.now(),
  });
  if (expired) {
    await recordAudit(deps, {
      at: deps.clock.now(),
      teamId: expired.teamId,
      actorSlackId: null,
      actorDocSpaceId: null,
      onBehalfOf: expired.requesterIds,
      requestId: expired.id,
      action: 'expire',
      groupId: expired.change.kind === 'create' ? null : expired.change.groupId,
      groupName: expired.snapshot.groupName,
      before: null,
      after: { status: 'expired' },
      outcome: 'recorded',
      detail: null,
    });
    await safely(deps, 'update the approval card', expired, () => deps.notifier.updateCard(expired));
    await safely(deps, 'notify the requester', expired, () => deps.notifier.notifyRequesters(expired));
  }
  return true;
}
