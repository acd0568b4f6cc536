import type { DomainDeps } from '../deps.js';
import type { ChangeReport } from '../model/group.js';
import type { DocSpaceUserId, RequestId, SlackTeamId, SlackUserId } from '../model/ids.js';
import { auditGrant, type GrantActor } from './audit.js';
import { type Grant, type GrantOutcome, remindAtOf } from './model.js';
import type { GrantSettings } from './settings.js';

/** Where an executed change came from: who asked, for which request, and who carried it out. */
export interface ChangeOrigin {
  readonly teamId: SlackTeamId;
  readonly requesterSlackId: SlackUserId | null;
  readonly requestId: RequestId | null;
  readonly actor: GrantActor;
}

async function slackIdOf(deps: DomainDeps, teamId: SlackTeamId, userId: DocSpaceUserId): Promise<SlackUserId | null> {
  return (await deps.mappings.getByDocSpaceUser(teamId, userId))?.slackUserId ?? null;
}

/** Ends live grants a later change made moot (a permanent add or manager, a removal, a deleted group). */
async function endMoot(
  deps: DomainDeps,
  g: GrantSettings,
  grants: readonly Grant[],
  origin: ChangeOrigin,
  outcome: GrantOutcome,
  detail: string,
) {
  for (const grant of grants) {
    const ended = await g.repo.endActive(grant.id, { at: deps.clock.now(), outcome });
    if (ended) await auditGrant(deps, ended, { action: 'grant_end', actor: origin.actor, outcome: 'recorded', detail });
  }
}

function newGrant(
  deps: DomainDeps,
  g: GrantSettings,
  origin: ChangeOrigin,
  fields: Pick<Grant, 'groupId' | 'groupName' | 'kind' | 'userId' | 'userName' | 'memberSlackId' | 'durationMs'> &
    Partial<Pick<Grant, 'previousManagerId' | 'previousManagerName'>>,
): Grant {
  const now = deps.clock.now();
  const endsAt = new Date(now.getTime() + fields.durationMs);
  return {
    id: g.newGrantId(),
    teamId: origin.teamId,
    previousManagerId: null,
    previousManagerName: null,
    ...fields,
    requesterSlackId: origin.requesterSlackId,
    startsAt: now,
    endsAt,
    remindAt: remindAtOf(now, endsAt, g.remindBeforeMs),
    state: 'active',
    leaseUntil: null,
    attempts: 0,
    lastError: null,
    requestId: origin.requestId,
    endedAt: null,
    outcome: null,
    updatedAt: now,
  };
}

/**
 * After a change executed (directly or approved): starts the grants a time-bound change asked for, and ends the live
 * grants it superseded (a later permanent add or manager wins; a removal or a deleted group ends them too).
 */
export async function recordGrants(deps: DomainDeps, report: ChangeReport, origin: ChangeOrigin): Promise<Grant[]> {
  const g = deps.grants;
  const change = report.change;
  // A rehearsed change (DRY_RUN) changed nothing, so it starts or ends no grant.
  if (!g || report.dryRun || change.kind === 'create' || change.kind === 'rename') return [];
  const live = await g.repo.listActiveForGroup(origin.teamId, change.groupId);
  if (change.kind === 'delete') {
    await endMoot(deps, g, live, origin, 'group_deleted', 'the group was deleted');
    return [];
  }
  const groupName = report.after?.name ?? report.before?.name ?? change.groupId;
  const name = (id: string) => report.names[id] ?? id;
  const started: Grant[] = [];
  if (change.kind === 'members') {
    const permanent = change.duration === undefined ? change.add : [];
    const moot = live.filter(
      (x) => x.kind === 'member' && (permanent.includes(x.userId) || change.remove.includes(x.userId)),
    );
    await endMoot(deps, g, moot, origin, 'superseded', 'a later change without a duration superseded it');
    if (change.duration !== undefined) {
      const notAdded = new Set(report.ignored.notAdded);
      for (const userId of change.add.filter((id) => !notAdded.has(id))) {
        const memberSlackId = await slackIdOf(deps, origin.teamId, userId);
        const fields = { groupId: change.groupId, groupName, kind: 'member' as const, userId, userName: name(userId) };
        started.push(newGrant(deps, g, origin, { ...fields, memberSlackId, durationMs: change.duration }));
      }
    }
  } else {
    const acting = live.filter((x) => x.kind === 'acting_manager');
    await endMoot(deps, g, acting, origin, 'superseded', 'a later manager change superseded it');
    if (change.duration !== undefined && report.ignored.managerNotSet === null) {
      // An acting manager replacing another one hands back to the manager before both.
      const previousManagerId = acting[0]?.previousManagerId ?? report.before?.manager?.id ?? null;
      started.push(
        newGrant(deps, g, origin, {
          groupId: change.groupId,
          groupName,
          kind: 'acting_manager',
          userId: change.managerId,
          userName: name(change.managerId),
          memberSlackId: await slackIdOf(deps, origin.teamId, change.managerId),
          durationMs: change.duration,
          previousManagerId,
          previousManagerName: previousManagerId ? name(previousManagerId) : null,
        }),
      );
    }
  }
  for (const grant of started) {
    await g.repo.insert(grant);
    await auditGrant(deps, grant, { action: 'grant_start', actor: origin.actor, outcome: 'recorded', detail: null });
    g.onEvent?.('started');
  }
  return started;
}
