import { createRequest } from '../approvals/submit.js';
import type { DomainDeps } from '../deps.js';
import { type ExecutionContext, executePlan } from '../groups/execute.js';
import { claimName, nameOwner } from '../groups/names.js';
import { namesOf, type Plan } from '../groups/plan.js';
import { type Caller, identify } from '../identity/actor.js';
import type { DomainFailure } from '../model/failures.js';
import { readFailure } from '../model/failures.js';
import type { ChangeReport, Group, GroupChange, SubmitOutcome } from '../model/group.js';
import type { GroupId } from '../model/ids.js';
import type { ChangeRequest } from '../model/request.js';
import { err, ok, type Result } from '../model/result.js';
import type { LeftAlone, UndoClaim, UndoLink, UndoOutcome, UndoTarget } from '../model/undo.js';
import { routeSubmission } from '../policy.js';
import { isGatewayError } from '../ports.js';
import { invert } from './inverse.js';
import { type UndoSource, undoSourceOf } from './source.js';

/** The entry an Undo button names, in the caller's team. */
async function findEntry(deps: DomainDeps, caller: Caller, target: UndoTarget) {
  const entry =
    target.kind === 'entry' ? await deps.undo.entry(target.entryId) : await deps.undo.executionOf(target.requestId);
  return entry && entry.teamId === caller.teamId ? entry : null;
}

/** Which group an undo re-reads: the one the change made or changed. */
function groupOf(source: UndoSource): GroupId {
  return source.change.kind === 'create' ? source.after.id : source.change.groupId;
}

/** The group as it is now, with members; null when DocSpace no longer has it. */
async function readNow(deps: DomainDeps, groupId: GroupId): Promise<Group | null> {
  try {
    return await deps.docspace.getGroup(groupId, { includeMembers: true });
  } catch (error) {
    if (isGatewayError(error) && error.code === 'not_found') return null;
    throw error;
  }
}

function takenFailure(claim: UndoClaim): DomainFailure {
  return { code: 'undo_taken', by: claim.claimedBy, at: claim.claimedAt, requestId: claim.requestId };
}

/** Everyone a left-alone line or the inverse names, from the entry's own names and the group read now. */
function namesFor(source: UndoSource, current: Group | null): Record<string, string> {
  return { ...source.names, ...namesOf(current?.members ?? [], [current?.manager]) };
}

function nothingLeft(source: UndoSource, leftAlone: readonly LeftAlone[], current: Group | null): DomainFailure {
  const groupName = current?.name ?? source.after.name;
  return { code: 'undo_nothing_left', groupName, leftAlone, names: namesFor(source, current) };
}

/** The inverse as a plan, against the group read now (its summary is the audit entry's before). */
function planOf(change: GroupChange, current: Group, names: Record<string, string>): Plan {
  const before = { id: current.id, name: current.name, manager: current.manager, membersCount: current.membersCount };
  return { change, before, skipped: { alreadyMembers: [], notMembers: [] }, names };
}

/** Checks an Undo may run at all, from storage alone: the entry, its kind and outcome, the window and the claim. */
async function checkUndoable(
  deps: DomainDeps,
  caller: Caller,
  target: UndoTarget,
): Promise<Result<UndoSource, DomainFailure>> {
  const entry = await findEntry(deps, caller, target);
  if (!entry) return err({ code: 'undo_unavailable', reason: 'not_found' });
  const source = undoSourceOf(entry);
  if (!source.ok) return err({ code: 'undo_unavailable', reason: source.error });
  const closedAt = new Date(entry.at.getTime() + deps.undoWindowMs);
  if (deps.clock.now().getTime() > closedAt.getTime()) return err({ code: 'undo_window_passed', closedAt });
  const claimed = await deps.undo.get(entry.id);
  return claimed ? err(takenFailure(claimed)) : ok(source.value);
}

/** Runs the inverse now (an admin's Undo), under the undo claim; the claim is released when nothing was written. */
async function executeInverse(
  deps: DomainDeps,
  ctx: ExecutionContext,
  plan: Plan,
  claim: UndoClaim,
): Promise<Result<ChangeReport, DomainFailure>> {
  const owner = nameOwner(ctx, plan.change);
  const named = await claimName(deps, ctx.teamId, owner, plan.change, { runsAlone: false });
  if (!named.ok) {
    await deps.undo.release(claim.entryId, claim.token);
    return named;
  }
  const report = await executePlan(deps, plan, ctx, named.value);
  if (!report.ok) {
    const failure = report.error;
    const written = failure.code === 'docspace_failed' && failure.phase === 'write' && failure.mayHaveApplied;
    if (!written) await deps.undo.release(claim.entryId, claim.token);
  }
  return report;
}

/** Files the inverse as a request (anyone else's Undo) whose card says what it undoes; the claim notes the request. */
async function requestInverse(
  deps: DomainDeps,
  who: Awaited<ReturnType<typeof identify>>,
  plan: Plan,
  claim: UndoClaim,
  undoes: UndoLink,
): Promise<Result<SubmitOutcome, DomainFailure>> {
  const what = undoes.requestId ? `request ${undoes.requestId}` : `audit entry ${undoes.entryId}`;
  const filed = await createRequest(deps, who, plan, `Undo of ${what}`, { undoes });
  if (!filed.ok || filed.value.kind !== 'requested') {
    await deps.undo.release(claim.entryId, claim.token);
    return filed;
  }
  await deps.undo.attachRequest(claim.entryId, claim.token, filed.value.request.id);
  return filed;
}

/**
 * Undo of an executed change: within UNDO_WINDOW_MINUTES, once per change (a claim in storage, so concurrent clicks
 * and replicas cannot both undo), under the same policy as any change (admins execute, others file a request).
 * It re-reads the group and reverses only what is still as the change left it, reporting what it left alone.
 */
export async function undoChange(
  deps: DomainDeps,
  caller: Caller,
  target: UndoTarget,
): Promise<Result<UndoOutcome, DomainFailure>> {
  const checked = await checkUndoable(deps, caller, target);
  if (!checked.ok) return checked;
  const source = checked.value;
  const entry = source.entry;
  const undoes: UndoLink = { entryId: entry.id, requestId: entry.requestId };
  const who = await identify(deps, caller);
  const route = routeSubmission(deps.policy, who.role, `Undo of audit entry ${entry.id}`);
  if (route.route === 'refuse') {
    if (who.identityFailure && who.role === 'none')
      return err({ code: 'actor_not_mapped', failure: who.identityFailure });
    return err(route.failure);
  }
  let current: Group | null;
  try {
    current = await readNow(deps, groupOf(source));
  } catch (error) {
    return err(readFailure(error, 'read_group'));
  }
  const inverse = invert(source, current);
  if (!inverse.change || !current) return err(nothingLeft(source, inverse.leftAlone, current));
  const claim: UndoClaim = {
    entryId: entry.id,
    teamId: caller.teamId,
    token: globalThis.crypto.randomUUID(),
    claimedBy: caller.slackUserId,
    claimedAt: deps.clock.now(),
    requestId: null,
  };
  if (!(await deps.undo.claim(claim))) {
    const holder = await deps.undo.get(entry.id);
    return err(holder ? takenFailure(holder) : { code: 'undo_unavailable', reason: 'not_found' });
  }
  const plan = planOf(inverse.change, current, namesFor(source, current));
  const leftAlone = inverse.leftAlone;
  if (route.route === 'request') {
    const filed = await requestInverse(deps, who, plan, claim, undoes);
    if (!filed.ok) return filed;
    if (filed.value.kind !== 'requested') throw new Error('createRequest answered with an execution');
    const { request, created, cardError } = filed.value;
    return ok({ kind: 'requested', request, created, cardError, leftAlone, undoes });
  }
  const ctx: ExecutionContext = {
    teamId: caller.teamId,
    actorSlackId: caller.slackUserId,
    actorDocSpaceId: who.actor.docspace?.id ?? null,
    onBehalfOf: [],
    requestId: null,
    undoes: entry.id,
  };
  const report = await executeInverse(deps, ctx, plan, claim);
  if (!report.ok) return report;
  return ok({ kind: 'executed', report: report.value, leftAlone, undoes });
}

/**
 * An approved undo request runs against the group as it is at execution time: the inverse is computed again from the
 * original entry, so what someone changed after the request was filed is left alone too.
 */
export async function replanUndo(
  deps: DomainDeps,
  request: ChangeRequest,
  current: Group | null,
): Promise<Result<{ plan: Plan; leftAlone: readonly LeftAlone[] }, DomainFailure>> {
  const link = request.snapshot.undoes;
  const entry = link ? await deps.undo.entry(link.entryId) : null;
  const source = entry ? undoSourceOf(entry) : null;
  if (!source?.ok) return err({ code: 'undo_unavailable', reason: 'not_found' });
  const inverse = invert(source.value, current);
  if (!inverse.change || !current) return err(nothingLeft(source.value, inverse.leftAlone, current));
  return ok({
    plan: planOf(inverse.change, current, { ...request.snapshot.names, ...namesFor(source.value, current) }),
    leftAlone: inverse.leftAlone,
  });
}

/** The Undo a change's reply offers: for every executed change but a delete, until the window closes. */
export function offerUndo(deps: Pick<DomainDeps, 'undoWindowMs' | 'clock'>, report: ChangeReport): ChangeReport {
  // A rehearsal (DRY_RUN) changed nothing, so there is nothing to undo.
  if (report.auditId === undefined || report.change.kind === 'delete' || report.recognised || report.dryRun)
    return report;
  if (deps.undoWindowMs <= 0) return report;
  const until = new Date(deps.clock.now().getTime() + deps.undoWindowMs);
  return { ...report, undo: { entryId: report.auditId, until } };
}
