import type { Execution } from '../approvals/execute.js';
import { announce } from '../approvals/notify.js';
import type { DomainDeps } from '../deps.js';
import type { IdentifiedActor } from '../identity/actor.js';
import type { DomainFailure } from '../model/failures.js';
import type { Group, GroupChange, GroupSummary } from '../model/group.js';
import { type Handover, type HandoverSnapshot, randomHandoverId } from '../model/handover.js';
import type { DocSpaceUserId, GroupId, RequestId, SlackTeamId, SlackUserId } from '../model/ids.js';
import type { ChangeRequest } from '../model/request.js';
import { err, ok, type Result } from '../model/result.js';
import { expireHandover } from './expire.js';
import { auditHandover, safelyTell } from './record.js';

/** The most members a handover message lists (the count is always shown). */
const HANDOVER_MEMBERS_SHOWN = 50;

/**
 * Whether this change must first be accepted by the incoming manager: a manager change, unless the one who asks for it
 * is the incoming manager (asking is accepting).
 */
export function needsAcceptance(
  deps: Pick<DomainDeps, 'handover'>,
  change: GroupChange,
  askedBy: DocSpaceUserId | null,
): boolean {
  return deps.handover.acceptance && change.kind === 'set_manager' && change.managerId !== askedBy;
}

interface HandoverAsk {
  readonly teamId: SlackTeamId;
  readonly groupId: GroupId;
  readonly incomingId: DocSpaceUserId;
  readonly requestedBy: SlackUserId;
  readonly approvedBy: SlackUserId | null;
  readonly requestId: RequestId | null;
  readonly reason: string | null;
  /** An admin's direct time-bound manager change (acting manager): kept with the handover until it runs. */
  readonly durationMs?: number;
  readonly names: Readonly<Record<string, string>>;
}

/**
 * What must hold before anyone is asked: the incoming manager has a linked Slack account (someone to ask), and no other
 * handover of the group is waiting (an overdue one is expired first). Returns their Slack id.
 */
async function checkAskable(deps: DomainDeps, ask: HandoverAsk): Promise<Result<SlackUserId, DomainFailure>> {
  const mapping = await deps.mappings.getByDocSpaceUser(ask.teamId, ask.incomingId);
  if (!mapping) return err({ code: 'handover_unreachable', displayName: ask.names[ask.incomingId] ?? ask.incomingId });
  let waiting = await deps.handover.repo.findWaiting(ask.teamId, ask.groupId);
  if (waiting && waiting.expiresAt.getTime() <= deps.clock.now().getTime()) {
    await expireHandover(deps, waiting);
    waiting = await deps.handover.repo.findWaiting(ask.teamId, ask.groupId);
  }
  if (waiting) {
    return err({
      code: 'handover_waiting',
      groupName: waiting.snapshot.groupName,
      incomingSlackId: waiting.incomingSlackId,
    });
  }
  return ok(mapping.slackUserId);
}

function snapshotOf(group: Group | GroupSummary): HandoverSnapshot {
  const members = 'members' in group ? group.members : [];
  return {
    groupName: group.name,
    managerBefore: group.manager ? { id: group.manager.id, displayName: group.manager.displayName } : null,
    members: members.slice(0, HANDOVER_MEMBERS_SHOWN).map((m) => ({ id: m.id, displayName: m.displayName })),
    membersCount: group.membersCount,
  };
}

/** Stores a waiting handover, audits it and asks the incoming manager (a Slack failure leaves it waiting, logged). */
async function openHandover(
  deps: DomainDeps,
  ask: HandoverAsk,
  incomingSlackId: SlackUserId,
  actorDocSpaceId: DocSpaceUserId | null,
): Promise<Result<Handover, DomainFailure>> {
  const group = await deps.docspace.getGroup(ask.groupId, { includeMembers: true });
  const now = deps.clock.now();
  const handover: Handover = {
    id: randomHandoverId(),
    teamId: ask.teamId,
    groupId: ask.groupId,
    incomingDocSpaceId: ask.incomingId,
    incomingSlackId,
    incomingName: ask.names[ask.incomingId] ?? ask.incomingId,
    requestedBy: ask.requestedBy,
    approvedBy: ask.approvedBy,
    requestId: ask.requestId,
    reason: ask.reason,
    snapshot: { ...snapshotOf(group), ...(ask.durationMs === undefined ? {} : { durationMs: ask.durationMs }) },
    status: 'waiting',
    createdAt: now,
    expiresAt: new Date(now.getTime() + deps.handover.ttlMs),
    decidedAt: null,
    outcome: null,
    dm: null,
  };
  if (!(await deps.handover.repo.insert(handover))) {
    const other = await deps.handover.repo.findWaiting(ask.teamId, ask.groupId);
    return err({
      code: 'handover_waiting',
      groupName: group.name,
      incomingSlackId: other?.incomingSlackId ?? incomingSlackId,
    });
  }
  await auditHandover(deps, handover, {
    action: 'handover_ask',
    actorSlackId: ask.approvedBy ?? ask.requestedBy,
    actorDocSpaceId,
    outcome: 'recorded',
  });
  let dm: { channelId: string; ts: string };
  try {
    dm = await deps.handover.notifier.askIncoming(handover);
  } catch (error) {
    deps.logger.error({ err: error, handoverId: handover.id }, 'could not ask the incoming manager');
    return dropUndelivered(deps, handover);
  }
  await deps.handover.repo.setDm(handover.id, dm);
  return ok({ ...handover, dm });
}

/** Nobody was asked (Slack refused the DM): the handover ends at once, as expired, and the caller is told why. */
async function dropUndelivered(deps: DomainDeps, handover: Handover): Promise<Result<Handover, DomainFailure>> {
  const dropped = await deps.handover.repo.transition(handover.id, { to: 'expired', at: deps.clock.now() });
  if (dropped) {
    await deps.handover.repo.recordOutcome(
      handover.id,
      'The incoming manager could not be messaged; nothing was changed.',
    );
    await auditHandover(deps, dropped, {
      action: 'handover_expire',
      actorSlackId: null,
      actorDocSpaceId: null,
      outcome: 'recorded',
      detail: 'the DM asking the incoming manager could not be sent',
    });
  }
  return err({ code: 'handover_not_delivered', incomingSlackId: handover.incomingSlackId });
}

/** An admin's direct manager change: nothing is written until the incoming manager accepts. */
export async function startDirectHandover(
  deps: DomainDeps,
  who: IdentifiedActor,
  change: Extract<GroupChange, { kind: 'set_manager' }>,
  names: Readonly<Record<string, string>>,
  reason: string | null,
): Promise<Result<Handover, DomainFailure>> {
  const ask: HandoverAsk = {
    teamId: who.caller.teamId,
    groupId: change.groupId,
    incomingId: change.managerId,
    requestedBy: who.caller.slackUserId,
    approvedBy: null,
    requestId: null,
    reason,
    names,
    ...(change.duration === undefined ? {} : { durationMs: change.duration }),
  };
  const askable = await checkAskable(deps, ask);
  if (!askable.ok) return askable;
  return openHandover(deps, ask, askable.value, who.actor.docspace?.id ?? null);
}

function requestAsk(request: ChangeRequest, approvedBy: SlackUserId): HandoverAsk | null {
  if (request.change.kind !== 'set_manager') return null;
  return {
    teamId: request.teamId,
    groupId: request.change.groupId,
    incomingId: request.change.managerId,
    requestedBy: request.requesterIds[0] ?? approvedBy,
    approvedBy,
    requestId: request.id,
    reason: request.reason,
    names: request.snapshot.names,
  };
}

/** Before an approval is recorded: refuses (nothing changed) when the incoming manager could not be asked. */
export async function checkRequestHandover(
  deps: DomainDeps,
  request: ChangeRequest,
  approvedBy: SlackUserId,
): Promise<DomainFailure | null> {
  const ask = requestAsk(request, approvedBy);
  if (!ask) return null;
  const askable = await checkAskable(deps, ask);
  return askable.ok ? null : askable.error;
}

/**
 * After the approval compare-and-set: the request stays `approved` while its incoming manager is asked, and its card
 * says so. Should the handover not open after all (a race for the group), the request fails and may be asked again.
 */
export async function handOverApproved(
  deps: DomainDeps,
  request: ChangeRequest,
  approver: { slackUserId: SlackUserId; docspaceId: DocSpaceUserId | null },
): Promise<Result<Execution, DomainFailure>> {
  const ask = requestAsk(request, approver.slackUserId) as HandoverAsk;
  const askable = await checkAskable(deps, ask);
  const opened = askable.ok ? await openHandover(deps, ask, askable.value, approver.docspaceId) : askable;
  if (!opened.ok) {
    const failed = await deps.requests.transition(request.id, {
      from: ['approved'],
      to: 'failed',
      at: deps.clock.now(),
      outcome: 'The incoming manager could not be asked to accept; nothing was changed. Ask again.',
      retryable: false,
    });
    if (failed) await announce(deps, failed);
    return err(opened.error);
  }
  await safelyTell(deps, 'show the handover on the card', opened.value, () =>
    deps.handover.notifier.showWaitingOnCard(request, opened.value),
  );
  return ok({ request, report: null });
}
