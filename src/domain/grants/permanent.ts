import type { DomainDeps } from '../deps.js';
import type { IdentifiedActor } from '../identity/actor.js';
import type { DomainFailure } from '../model/failures.js';
import type { GroupChange } from '../model/group.js';
import { err, type Result } from '../model/result.js';
import { auditGrant } from './audit.js';

/**
 * An admin's permanent add of people who are already members through time-bound access: nothing to write in DocSpace,
 * but the later change supersedes the grants, so they keep the membership. Any other no-op stays what it was.
 */
export async function makePermanent(
  deps: DomainDeps,
  who: IdentifiedActor,
  change: GroupChange,
  failure: DomainFailure,
): Promise<Result<never, DomainFailure>> {
  const g = deps.grants;
  const permanent = change.kind === 'members' && change.duration === undefined ? change.add : [];
  if (!g || failure.code !== 'no_change' || change.kind !== 'members' || permanent.length === 0) return err(failure);
  const live = await g.repo.listActiveForGroup(who.caller.teamId, change.groupId);
  const actor = { slackUserId: who.caller.slackUserId, docspaceId: who.actor.docspace?.id ?? null };
  const made: string[] = [];
  for (const grant of live.filter((x) => x.kind === 'member' && permanent.includes(x.userId))) {
    const ended = await g.repo.endActive(grant.id, { at: deps.clock.now(), outcome: 'superseded' });
    if (!ended) continue;
    made.push(ended.userName);
    const detail = 'made permanent by a later add without a duration';
    await auditGrant(deps, ended, { action: 'grant_end', actor, outcome: 'recorded', detail });
  }
  if (made.length === 0) return err(failure);
  const whose = made.length === 1 ? 'Their' : 'Those';
  const explanation = `${failure.explanation} ${whose} time-bound membership is now permanent: the bot will not remove ${made.join(', ')}.`;
  return err({ code: 'no_change', explanation });
}
