import { createRequest } from '../approvals/submit.js';
import type { DomainDeps } from '../deps.js';
import type { Plan } from '../groups/plan.js';
import { type Caller, type IdentifiedActor, identify } from '../identity/actor.js';
import type { DomainFailure } from '../model/failures.js';
import type { SubmitOutcome } from '../model/group.js';
import type { GroupId, SlackTeamId } from '../model/ids.js';
import type { ChangeRequest } from '../model/request.js';
import { err, ok, type Result } from '../model/result.js';
import { isGatewayError } from '../ports.js';
import { auditGrant, type GrantActor } from './audit.js';
import { DAY_MS } from './duration.js';
import { expireClaimed } from './expire.js';
import { GRANT_LEASE_MS, type Grant, remindAtOf } from './model.js';
import type { GrantSettings } from './settings.js';

type Answer<T> = Promise<Result<T, DomainFailure>>;

function settings(deps: DomainDeps): GrantSettings {
  if (!deps.grants) throw new Error('grants are not configured');
  return deps.grants;
}

const actorOf = (who: IdentifiedActor): GrantActor => ({
  slackUserId: who.caller.slackUserId,
  docspaceId: who.actor.docspace?.id ?? null,
});

/** The caller's own live grants (those they hold or asked for), or every live grant of the team for an admin. */
export async function listGrants(deps: DomainDeps, caller: Caller): Answer<{ grants: Grant[]; all: boolean }> {
  const who = await identify(deps, caller);
  const all = who.role === 'admin';
  const grants = await settings(deps).repo.listActive(caller.teamId, {
    ...(all ? {} : { slackUserId: caller.slackUserId }),
    limit: 50,
  });
  return ok({ grants, all });
}

/** A group's live grants, soonest end first (`show`, access reviews). */
export async function groupGrants(deps: DomainDeps, teamId: SlackTeamId, groupId: GroupId): Promise<Grant[]> {
  return deps.grants ? deps.grants.repo.listActiveForGroup(teamId, groupId) : [];
}

/**
 * The grant, still active, and the caller, who must be its member, the group's manager now, or an admin (or, for a
 * renewal, whoever asked for it).
 */
async function admitOnGrant(
  deps: DomainDeps,
  caller: Caller,
  grantId: string,
  options: { readonly requesterMay: boolean } = { requesterMay: false },
): Answer<{ grant: Grant; who: IdentifiedActor }> {
  const grant = await settings(deps).repo.get(grantId);
  if (!grant || grant.teamId !== caller.teamId) return err({ code: 'grant_not_found', grantId });
  if (grant.state !== 'active') return err({ code: 'grant_not_active', grantId, state: grant.state });
  const who = await identify(deps, caller);
  if (who.role === 'admin') return ok({ grant, who });
  const asked = options.requesterMay && grant.requesterSlackId === caller.slackUserId;
  const mine = asked || grant.memberSlackId === caller.slackUserId || who.actor.docspace?.id === grant.userId;
  if (mine) return ok({ grant, who });
  const me = who.actor.docspace?.id;
  if (me) {
    try {
      const group = await deps.docspace.getGroup(grant.groupId);
      if (group.manager?.id === me) return ok({ grant, who });
    } catch (error) {
      if (!isGatewayError(error) || error.code !== 'not_found') throw error;
    }
  }
  return err({ code: 'grant_not_allowed' });
}

/** End now: the grant's end moves to now (a compare-and-set on its end), then its expiry runs at once, claimed. */
export async function endGrantNow(deps: DomainDeps, caller: Caller, grantId: string): Answer<Grant> {
  const g = settings(deps);
  const admitted = await admitOnGrant(deps, caller, grantId);
  if (!admitted.ok) return admitted;
  const { grant, who } = admitted.value;
  const now = deps.clock.now();
  const moved = await g.repo.reschedule(grant.id, { fromEndsAt: grant.endsAt, endsAt: now, remindAt: null, at: now });
  if (!moved) return err({ code: 'grant_not_active', grantId, state: 'changed' });
  const claimed = await g.repo.claimExpiry(grant.id, { now, leaseUntil: new Date(now.getTime() + GRANT_LEASE_MS) });
  // Not claimed: a sweep took it first and ends it now.
  if (!claimed) return ok(moved);
  const ended = await expireClaimed(deps, claimed, actorOf(who));
  return ok(ended ?? (await g.repo.get(grant.id)) ?? moved);
}

/** The end a renewal gives: one more duration after the current end, within MAX_GRANT_DAYS from now. */
function renewedEnd(deps: DomainDeps, grant: Grant): Result<Date, DomainFailure> {
  const g = settings(deps);
  const endsAt = new Date(grant.endsAt.getTime() + grant.durationMs);
  if (endsAt.getTime() - deps.clock.now().getTime() > g.maxDays * DAY_MS) {
    return err({ code: 'grant_too_long', maxDays: g.maxDays });
  }
  return ok(endsAt);
}

async function applyRenewal(deps: DomainDeps, grant: Grant, actor: GrantActor): Answer<Grant> {
  const g = settings(deps);
  const endsAt = renewedEnd(deps, grant);
  if (!endsAt.ok) return endsAt;
  const now = deps.clock.now();
  const remindAt = remindAtOf(grant.startsAt, endsAt.value, g.remindBeforeMs);
  const renewed = await g.repo.reschedule(grant.id, {
    fromEndsAt: grant.endsAt,
    endsAt: endsAt.value,
    remindAt: remindAt.getTime() > now.getTime() ? remindAt : null,
    at: now,
  });
  if (!renewed) return err({ code: 'grant_not_active', grantId: grant.id, state: 'changed' });
  await auditGrant(deps, renewed, {
    action: 'grant_renew',
    actor,
    outcome: 'succeeded',
    detail: `renewed until ${endsAt.value.toISOString()}`,
  });
  g.onEvent?.('renewed');
  return ok(renewed);
}

export type RenewOutcome =
  | { readonly kind: 'renewed'; readonly grant: Grant }
  | { readonly kind: 'requested'; readonly outcome: SubmitOutcome };

/** Renew (the same duration again): an admin's applies now; anyone else allowed on the grant files a request. */
export async function renewGrant(deps: DomainDeps, caller: Caller, grantId: string): Answer<RenewOutcome> {
  const admitted = await admitOnGrant(deps, caller, grantId, { requesterMay: true });
  if (!admitted.ok) return admitted;
  const { grant, who } = admitted.value;
  if (who.role === 'admin') {
    const renewed = await applyRenewal(deps, grant, actorOf(who));
    return renewed.ok ? ok({ kind: 'renewed', grant: renewed.value }) : renewed;
  }
  if (who.role === 'none') return err({ code: 'not_authorized', action: 'request_changes' });
  if (!deps.policy.approvalChannelId) return err({ code: 'approvals_not_configured' });
  const checked = renewedEnd(deps, grant);
  if (!checked.ok) return checked;
  const group = await deps.docspace.getGroup(grant.groupId);
  const plan: Plan = {
    change: {
      kind: 'members',
      groupId: grant.groupId,
      add: [grant.userId],
      remove: [],
      duration: grant.durationMs,
      renews: grant.id,
    },
    before: { id: group.id, name: group.name, manager: group.manager, membersCount: group.membersCount },
    skipped: { alreadyMembers: [], notMembers: [] },
    names: { [grant.userId]: grant.userName },
  };
  const filed = await createRequest(deps, who, plan, null);
  return filed.ok ? ok({ kind: 'requested', outcome: filed.value }) : filed;
}

/** An approved renewal request: renews its grant (nothing is written to DocSpace). The outcome text for the request. */
export async function executeRenewalRequest(
  deps: DomainDeps,
  request: ChangeRequest,
  actor: GrantActor,
): Promise<{ to: 'executed' | 'failed'; outcome: string }> {
  const change = request.change;
  const grantId = change.kind === 'members' ? change.renews : undefined;
  const grant = grantId ? await settings(deps).repo.get(grantId) : null;
  if (grant?.state !== 'active') {
    return { to: 'failed', outcome: 'The time-bound access it renews has already ended; nothing was changed.' };
  }
  const renewed = await applyRenewal(deps, grant, actor);
  if (!renewed.ok) {
    const why =
      renewed.error.code === 'grant_too_long'
        ? `it would last longer than ${settings(deps).maxDays} days`
        : 'it changed meanwhile';
    return { to: 'failed', outcome: `Not renewed: ${why}.` };
  }
  return { to: 'executed', outcome: `Renewed until ${renewed.value.endsAt.toISOString()}.` };
}
