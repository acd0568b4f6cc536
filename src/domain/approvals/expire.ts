import { recordRequestAudit } from '../audit-log.js';
import type { DomainDeps } from '../deps.js';
import type { ChangeRequest } from '../model/request.js';
import { announce } from './notify.js';

/**
 * not_due: still pending and in time. expired: this call moved it pending -> expired (and audited and announced it).
 * lost: it was due, but another caller changed it first (a second replica expired it, or someone decided or cancelled).
 */
export type ExpiryResult = 'not_due' | 'expired' | 'lost';

/** pending -> expired when its time is up; only the caller that wins the compare-and-set reports `expired`. */
export async function expireIfOverdue(deps: DomainDeps, request: ChangeRequest): Promise<ExpiryResult> {
  if (request.status !== 'pending' || request.expiresAt.getTime() > deps.clock.now().getTime()) return 'not_due';
  const expired = await deps.requests.transition(request.id, {
    from: ['pending'],
    to: 'expired',
    at: deps.clock.now(),
  });
  if (!expired) return 'lost';
  await recordRequestAudit(deps, expired, {
    actorSlackId: null,
    actorDocSpaceId: null,
    action: 'expire',
    after: { status: 'expired' },
    outcome: 'recorded',
  });
  await announce(deps, expired);
  return 'expired';
}

/** Expires every pending request past its time; returns how many this call expired (not those another replica did). */
export async function expireDueRequests(deps: DomainDeps, limit = 100): Promise<number> {
  const due = await deps.requests.listExpired(deps.clock.now(), limit);
  let count = 0;
  for (const request of due) if ((await expireIfOverdue(deps, request)) === 'expired') count++;
  return count;
}
