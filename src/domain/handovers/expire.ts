import { announce } from '../approvals/notify.js';
import type { DomainDeps } from '../deps.js';
import type { Handover } from '../model/handover.js';
import type { DocSpaceUserId, SlackUserId } from '../model/ids.js';
import { auditHandover, safelyTell } from './record.js';

/** The plain outcome kept on a handover that ends without the change (declined or expired). */
function unacceptedOutcome(handover: Handover): string {
  const group = handover.snapshot.groupName;
  if (handover.status === 'declined') {
    return `${handover.incomingName} declined to become the manager of ${group}; nothing was changed.`;
  }
  return `${handover.incomingName} did not accept becoming the manager of ${group} in time; nothing was changed.`;
}

/**
 * After the compare-and-set to declined or expired: records why, updates the incoming manager's message, and tells the
 * requester: the admin by DM, or, for a request, its card and requesters (the request fails, not to be retried).
 */
export async function endUnaccepted(
  deps: DomainDeps,
  ended: Handover,
  actor: { slackUserId: SlackUserId | null; docspaceId: DocSpaceUserId | null },
): Promise<Handover> {
  const outcome = unacceptedOutcome(ended);
  await deps.handover.repo.recordOutcome(ended.id, outcome);
  const final: Handover = { ...ended, outcome };
  await auditHandover(deps, final, {
    action: final.status === 'declined' ? 'handover_decline' : 'handover_expire',
    actorSlackId: actor.slackUserId,
    actorDocSpaceId: actor.docspaceId,
    outcome: 'recorded',
  });
  await safelyTell(deps, 'update the handover message', final, () => deps.handover.notifier.updateAsk(final));
  if (final.requestId) {
    const failed = await deps.requests.transition(final.requestId, {
      from: ['approved'],
      to: 'failed',
      at: deps.clock.now(),
      outcome,
      retryable: false,
    });
    if (failed) await announce(deps, failed);
  } else {
    await safelyTell(deps, 'tell the requester', final, () => deps.handover.notifier.tellRequester(final));
  }
  return final;
}

/** waiting -> expired once its time is up; true only for the caller that won the compare-and-set. */
export async function expireHandover(deps: DomainDeps, handover: Handover): Promise<boolean> {
  if (handover.status !== 'waiting' || handover.expiresAt.getTime() > deps.clock.now().getTime()) return false;
  const expired = await deps.handover.repo.transition(handover.id, { to: 'expired', at: deps.clock.now() });
  if (!expired) return false;
  await endUnaccepted(deps, expired, { slackUserId: null, docspaceId: null });
  return true;
}

/** Expires every waiting handover past HANDOVER_TTL_HOURS; returns how many this call expired. */
export async function expireDueHandovers(deps: DomainDeps, limit = 100): Promise<number> {
  const due = await deps.handover.repo.listExpired(deps.clock.now(), limit);
  let count = 0;
  for (const handover of due) if (await expireHandover(deps, handover)) count++;
  return count;
}
