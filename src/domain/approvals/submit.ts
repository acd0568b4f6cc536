import { recordRequestAudit } from '../audit-log.js';
import type { DomainDeps } from '../deps.js';
import type { Plan } from '../groups/plan.js';
import type { IdentifiedActor } from '../identity/actor.js';
import type { SubmitOutcome } from '../model/group.js';
import { type ChangeRequest, fingerprintOf } from '../model/request.js';
import { expireIfOverdue } from './expire.js';
import { safely } from './notify.js';

function newRequest(deps: DomainDeps, who: IdentifiedActor, plan: Plan, reason: string | null): ChangeRequest {
  const now = deps.clock.now();
  const groupName = plan.change.kind === 'create' ? plan.change.name : (plan.before?.name ?? '');
  return {
    id: deps.newRequestId(),
    teamId: who.caller.teamId,
    fingerprint: fingerprintOf(plan.change),
    change: plan.change,
    snapshot: { groupName, names: plan.names, managerBefore: plan.before?.manager?.id ?? null },
    requesterIds: [who.caller.slackUserId],
    requesterDocSpaceId: who.actor.docspace?.id ?? null,
    reason: reason?.trim() || null,
    status: 'pending',
    createdAt: now,
    updatedAt: now,
    expiresAt: new Date(now.getTime() + deps.requestTtlMs),
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
    attempts: 0,
    retryable: true,
    outcome: null,
    card: null,
  };
}

/**
 * Records in the snapshot whether other groups share the target group's name, for how cards and DMs show its id:
 * known when the ask named the group and exactly one matched, else one name search. A failed search leaves it
 * unknown (the full id is shown). Creates have no group yet.
 */
async function withNameShared(
  deps: DomainDeps,
  request: ChangeRequest,
  plan: Plan,
  known: boolean | undefined,
): Promise<ChangeRequest> {
  const group = plan.before;
  if (!group) return request;
  let nameShared = known;
  if (nameShared === undefined) {
    try {
      nameShared = (await deps.docspace.findGroupsByName(group.name)).some((g) => g.id !== group.id);
    } catch (error) {
      deps.logger.debug({ err: error, groupId: group.id }, 'could not check whether other groups share the name');
      return request;
    }
  }
  return { ...request, snapshot: { ...request.snapshot, nameShared } };
}

/** Joins an identical pending request only while it can still be approved; an overdue one is expired first. */
async function insertOrJoinLive(deps: DomainDeps, fresh: ChangeRequest) {
  const first = await deps.requests.insertOrJoin(fresh);
  if (first.created || first.request.expiresAt.getTime() > deps.clock.now().getTime()) return first;
  await expireIfOverdue(deps, first.request);
  return deps.requests.insertOrJoin(fresh);
}

/**
 * Stores a pending request (or joins the identical pending one), audits it, and posts or refreshes its card.
 * The request is stored before anything is posted, so a Slack failure never loses it.
 */
export async function createRequest(
  deps: DomainDeps,
  who: IdentifiedActor,
  plan: Plan,
  reason: string | null,
  options: { readonly nameShared?: boolean } = {},
): Promise<SubmitOutcome> {
  const fresh = await withNameShared(deps, newRequest(deps, who, plan, reason), plan, options.nameShared);
  const { request, created } = await insertOrJoinLive(deps, fresh);
  await recordRequestAudit(deps, request, {
    actorSlackId: who.caller.slackUserId,
    actorDocSpaceId: who.actor.docspace?.id ?? null,
    onBehalfOf: [],
    action: 'request',
    after: { change: plan.change, reason: request.reason },
    outcome: 'recorded',
    detail: created ? null : 'joined an identical pending request',
  });
  if (!created && request.card) {
    await safely(deps, 'refresh the approval card', request, () => deps.notifier.updateCard(request));
    return { kind: 'requested', request, created, cardError: null };
  }
  // A new request, or a joined one whose card could not be posted before: post it now.
  let card: { channelId: string; ts: string } | null = null;
  const cardError = await safely(deps, 'post the approval card', request, async () => {
    card = await deps.notifier.postCard(request);
  });
  const posted = card as { channelId: string; ts: string } | null;
  if (posted) await deps.requests.setCard(request.id, posted);
  return { kind: 'requested', request: { ...request, card: posted }, created, cardError };
}
