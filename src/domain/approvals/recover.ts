import { recordRequestAudit } from '../audit-log.js';
import type { DomainDeps } from '../deps.js';
import { announce } from './notify.js';

export const INTERRUPTED_OUTCOME =
  'Interrupted: the bot stopped before DocSpace confirmed the change. Check the group, then Retry if it is still needed.';

/**
 * A request left in `approved` longer than any execution can take was interrupted by a crash or restart. It becomes
 * `failed` (with Retry), never re-executed automatically: the change may or may not have reached DocSpace.
 */
export async function recoverInterrupted(deps: DomainDeps, olderThanMs: number, limit = 100): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - olderThanMs);
  const stuck = await deps.requests.listStuck('approved', cutoff, limit);
  let count = 0;
  for (const request of stuck) {
    // An approved manager change waiting for its incoming manager to accept is not stuck.
    if ((await deps.handover.repo.findByRequest(request.id))?.status === 'waiting') continue;
    const failed = await deps.requests.transition(request.id, {
      from: ['approved'],
      to: 'failed',
      at: deps.clock.now(),
      outcome: INTERRUPTED_OUTCOME,
    });
    if (!failed) continue;
    count++;
    await recordRequestAudit(deps, failed, {
      actorSlackId: null,
      actorDocSpaceId: null,
      action: 'recover',
      before: { status: 'approved' },
      after: { status: 'failed' },
      outcome: 'failed',
      detail: INTERRUPTED_OUTCOME,
    });
    await announce(deps, failed);
  }
  return count;
}
