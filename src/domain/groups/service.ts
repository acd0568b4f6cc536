import { createRequest } from '../approvals/submit.js';
import type { DomainDeps } from '../deps.js';
import { checkAskDuration } from '../grants/check.js';
import { makePermanent } from '../grants/permanent.js';
import { recordGrants } from '../grants/record.js';
import { needsAcceptance, startDirectHandover } from '../handovers/start.js';
import { type Caller, type IdentifiedActor, identify } from '../identity/actor.js';
import type { DomainFailure } from '../model/failures.js';
import { catchReadFailure } from '../model/failures.js';
import type { Group, GroupSummary, SubmitOutcome } from '../model/group.js';
import type { GroupRef } from '../model/ids.js';
import { checkReason, REASON_MAX } from '../model/request.js';
import { err, ok, type Result } from '../model/result.js';
import { routeSubmission } from '../policy.js';
import { type ChangeAsk, peopleIn, resolveAsk } from './ask.js';
import { executePlan } from './execute.js';
import { resolveGroup } from './lookup.js';
import { claimName, nameOwner } from './names.js';
import { planChange } from './plan.js';

/** Who may change groups is decided before any group is looked up, so refusals cost no DocSpace call. */
async function admit(deps: DomainDeps, caller: Caller, reason: string | null) {
  const who = await identify(deps, caller);
  const route = routeSubmission(deps.policy, who.role, reason);
  if (route.route === 'refuse') {
    const failure: DomainFailure =
      who.identityFailure && who.role === 'none'
        ? { code: 'actor_not_mapped', failure: who.identityFailure }
        : route.failure;
    return err<DomainFailure>(failure);
  }
  return ok({ who, route: route.route });
}

async function act(
  deps: DomainDeps,
  who: IdentifiedActor,
  route: 'execute' | 'request',
  ask: ChangeAsk,
  reason: string | null,
) {
  // A direct change checks the new name once, under its claim below; a request checks it now and again at execution.
  const resolved = await resolveAsk(deps, who.caller.teamId, ask, { checkNewName: route === 'request' });
  if (!resolved.ok) return resolved;
  const now = ask.kind === 'set_manager' && ask.now === true;
  const managed = now ? resolved.value.current?.manager : null;
  if (managed) {
    const groupName = resolved.value.current?.name ?? '';
    return err<DomainFailure>({ code: 'manager_now_has_manager', groupName, managerName: managed.displayName });
  }
  const plan = planChange(resolved.value.change, resolved.value.current, resolved.value.names);
  if (!plan.ok && route === 'execute') return makePermanent(deps, who, resolved.value.change, plan.error);
  if (!plan.ok) return plan;
  if (route === 'request') {
    // A group named in the ask resolved to exactly one match, so no other group has its name.
    const named = 'group' in ask && ask.group.kind === 'name' ? { nameShared: false } : {};
    return createRequest(deps, who, plan.value, reason, named);
  }
  if (
    !now &&
    plan.value.change.kind === 'set_manager' &&
    needsAcceptance(deps, plan.value.change, who.actor.docspace?.id ?? null)
  ) {
    const started = await startDirectHandover(deps, who, plan.value.change, plan.value.names, reason);
    return started.ok ? ok<SubmitOutcome>({ kind: 'handover', handover: started.value }) : started;
  }
  const ctx = {
    teamId: who.caller.teamId,
    actorSlackId: who.caller.slackUserId,
    actorDocSpaceId: who.actor.docspace?.id ?? null,
    onBehalfOf: [],
    requestId: null,
  };
  const owner = nameOwner(ctx, plan.value.change);
  const claimed = await claimName(deps, ctx.teamId, owner, plan.value.change, { runsAlone: false });
  if (!claimed.ok) return claimed;
  const report = await executePlan(deps, plan.value, ctx, claimed.value);
  if (report.ok) {
    const actor = { slackUserId: ctx.actorSlackId, docspaceId: ctx.actorDocSpaceId };
    await recordGrants(deps, report.value, {
      teamId: ctx.teamId,
      requesterSlackId: ctx.actorSlackId,
      requestId: null,
      actor,
    });
  }
  return report.ok ? ok<SubmitOutcome>({ kind: 'executed', report: report.value }) : report;
}

/**
 * A change someone asks for, from a command or a modal: admins' changes are executed now, other mapped users'
 * become pending requests, and a change that would do nothing is answered at once with no request made.
 */
export async function submitChange(
  deps: DomainDeps,
  caller: Caller,
  ask: ChangeAsk,
  reason: string | null,
): Promise<Result<SubmitOutcome, DomainFailure>> {
  const checked = checkReason(reason);
  if (!checked.ok) return err({ code: 'reason_too_long', max: REASON_MAX });
  // Before any look-up, the caller's own included: a flood of mentions costs no Slack or DocSpace call.
  const people = peopleIn(ask);
  const limit = deps.limits.maxPeoplePerChange;
  if (people > limit) return err({ code: 'too_many_people', count: people, limit });
  const timed = checkAskDuration(deps, ask);
  if (timed) return err(timed);
  return catchReadFailure('look_up_people', async () => {
    const admitted = await admit(deps, caller, checked.reason);
    if (!admitted.ok) return admitted;
    // `now` skips the incoming manager's acceptance: admins only (decided before any group is looked up).
    if (ask.kind === 'set_manager' && ask.now && admitted.value.route !== 'execute') {
      return err<DomainFailure>({ code: 'manager_now_not_admin' });
    }
    return act(deps, admitted.value.who, admitted.value.route, ask, checked.reason);
  });
}

/** Anyone may look: no policy check, no mapping needed. */
export async function showGroup(
  deps: Pick<DomainDeps, 'docspace'>,
  ref: GroupRef,
): Promise<Result<Group, DomainFailure>> {
  return catchReadFailure('find_group', async () => {
    const found = await resolveGroup(deps.docspace, ref, { withMembers: true });
    return found.ok ? ok(found.value as Group) : found;
  });
}

export async function listGroups(
  deps: Pick<DomainDeps, 'docspace'>,
  filter: string | null,
  limit = 50,
): Promise<Result<{ groups: GroupSummary[]; total: number }, DomainFailure>> {
  return catchReadFailure('list_groups', async () => {
    const page = await deps.docspace.listGroups({ count: limit, ...(filter ? { filterValue: filter } : {}) });
    return ok(page);
  });
}

/** Group picker typeahead: up to 100 groups whose names contain the text. */
export async function searchGroups(
  deps: Pick<DomainDeps, 'docspace'>,
  text: string,
): Promise<Result<GroupSummary[], DomainFailure>> {
  return catchReadFailure('search_groups', async () => {
    const query = text.trim();
    const page = await deps.docspace.listGroups({ count: 100, ...(query ? { filterValue: query } : {}) });
    return ok(page.groups);
  });
}
