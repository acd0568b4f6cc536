import { recordRequestAudit } from '../audit-log.js';
import { type DomainDeps, isDryRun } from '../deps.js';
import type { Plan } from '../groups/plan.js';
import type { IdentifiedActor } from '../identity/actor.js';
import { NO_CALLS_YET } from '../model/dry-run.js';
import type { DomainFailure } from '../model/failures.js';
import type { SubmitOutcome } from '../model/group.js';
import { type ChangeRequest, fingerprintOf } from '../model/request.js';
import { err, ok, type Result } from '../model/result.js';
import type { UndoLink } from '../model/undo.js';
import { postApprovalCard } from './cards.js';
import { expireIfOverdue } from './expire.js';
import { safely } from './notify.js';

function newRequest(
  deps: DomainDeps,
  who: IdentifiedActor,
  plan: Plan,
  reason: string | null,
  undoes: UndoLink | undefined,
): ChangeRequest {
  const now = deps.clock.now();
  const groupName = plan.change.kind === 'create' ? plan.change.name : (plan.before?.name ?? '');
  return {
    id: deps.newRequestId(),
    teamId: who.caller.teamId,
    // A dry-run request never joins a live one (nor the reverse): it must never be executed. An undo is its own
    // request (one per undone entry), never joined to an equal change asked for otherwise.
    fingerprint: `${isDryRun(deps) ? 'dry_run:' : ''}${undoes ? JSON.stringify(['undo', undoes.entryId]) : fingerprintOf(plan.change)}`,
    change: plan.change,
    snapshot: {
      groupName,
      names: plan.names,
      managerBefore: plan.before?.manager?.id ?? null,
      ...(undoes ? { undoes } : {}),
    },
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
    ...(isDryRun(deps) ? { dryRun: NO_CALLS_YET } : {}),
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
 * MAX_PENDING_PER_REQUESTER: a new request is refused once its requester has that many pending (joined ones count:
 * they are what `requests` lists and can cancel). Joining an identical live request needs no free place: it posts no
 * card and adds no request, only a name to one approvers already see. Checked just before filing, so one person's
 * submissions racing each other may pass it together; the limit is against floods, not an exact quota.
 */
async function pendingLimitFailure(deps: DomainDeps, fresh: ChangeRequest): Promise<DomainFailure | null> {
  const limit = deps.limits.maxPendingPerRequester;
  const requester = fresh.requesterIds[0] as ChangeRequest['requesterIds'][number];
  const pending = await deps.requests.countPendingBy(fresh.teamId, requester);
  if (pending < limit) return null;
  const twin = await deps.requests.findPendingTwin(fresh.teamId, fresh.fingerprint);
  if (twin && twin.expiresAt.getTime() > deps.clock.now().getTime()) return null;
  return { code: 'too_many_pending', pending, limit };
}

/**
 * Stores a pending request (or joins the identical pending one), audits it, and posts or refreshes its card.
 * The request is stored before anything is posted, so a Slack failure never loses it: maintenance posts the card later.
 * Refused, with nothing stored, when the requester already has MAX_PENDING_PER_REQUESTER pending.
 */
export async function createRequest(
  deps: DomainDeps,
  who: IdentifiedActor,
  plan: Plan,
  reason: string | null,
  options: { readonly nameShared?: boolean; readonly undoes?: UndoLink } = {},
): Promise<Result<SubmitOutcome, DomainFailure>> {
  const fresh = newRequest(deps, who, plan, reason, options.undoes);
  const refused = await pendingLimitFailure(deps, fresh);
  if (refused) return err(refused);
  return ok(await fileRequest(deps, who, plan, await withNameShared(deps, fresh, plan, options.nameShared)));
}

async function fileRequest(
  deps: DomainDeps,
  who: IdentifiedActor,
  plan: Plan,
  fresh: ChangeRequest,
): Promise<SubmitOutcome> {
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
  if (request.card) {
    if (!created) await safely(deps, 'refresh the approval card', request, () => deps.notifier.updateCard(request));
    return { kind: 'requested', request, created, cardError: null };
  }
  // A new request, or a joined one whose card is still missing: post it now, unless its next try is not due yet.
  const posting = await postApprovalCard(deps, request);
  if (posting.kind === 'posted')
    return { kind: 'requested', request: { ...request, card: posting.card }, created, cardError: null };
  return { kind: 'requested', request, created, cardError: posting.kind === 'failed' ? posting.problem : null };
}
