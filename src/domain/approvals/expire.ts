import { recordRequestAudit } from '../audit-log.js';
import type { DomainDeps } from '../deps.js';
import type { ChangeRequest } from '../model/request.js';
import { announce } from './notify.js';

/** pending -> expired when its time is up; true when this call expired it. */
export async function expireOverdue(deps: DomainDeps, request: ChangeRequest): Promise<boolean> {
  if (request.status !== 'pending' || request.expiresAt.getTime() > deps.clock.now().getTime()) return false;
  const expired = await deps.requests.transition(request.id, {
    from: ['pending'],
    to: 'expired',
    at: deps.clock.now(),
  });
  if (expired) {
    await recordRequestAudit(deps, expired, {
      actorSlackId: null,
      actorDocSpaceId: null,
      action: 'expire',
      after: { status: 'expired' },
      outcome: 'recorded',
    });
    await announce(deps, expired);
  }
  return true;
}
