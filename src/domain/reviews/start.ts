import { recordAudit } from '../audit-log.js';
import { resolveGroup } from '../groups/lookup.js';
import type { Caller } from '../identity/actor.js';
import { identify } from '../identity/actor.js';
import type { AuditEntry } from '../model/audit.js';
import type { DocSpaceUser, Group, GroupSummary } from '../model/group.js';
import type { DocSpaceUserId, GroupRef, SlackTeamId, SlackUserId } from '../model/ids.js';
import { err, ok, type Result } from '../model/result.js';
import { DAY_MS, type ReviewDeps, tellSafely } from './deps.js';
import type { AccessReview, ReviewerReason, ReviewFailure, ReviewMember, ReviewTrigger } from './model.js';

type Answer<T> = Promise<Result<T, ReviewFailure>>;

interface Reviewer {
  readonly slackUserId: SlackUserId;
  readonly docspaceUserId: DocSpaceUserId;
  readonly reason: ReviewerReason;
}

/** Admins only, from fresh facts. */
export async function requireReviewAdmin(deps: ReviewDeps, caller: Caller): Answer<null> {
  const who = await identify(deps, caller);
  return who.role === 'admin' ? ok(null) : err({ code: 'review_admins_only' });
}

/** The group's manager as a Slack user (their stored mapping), or the reviewer the admin named. */
async function pickReviewer(
  deps: ReviewDeps,
  teamId: SlackTeamId,
  group: GroupSummary,
  chosen: SlackUserId | null,
): Answer<Reviewer> {
  if (chosen) {
    const resolved = await deps.identity.resolve(teamId, chosen);
    if (!resolved.ok) return err({ code: 'identity', failures: [resolved.error] });
    const reason = group.manager?.id === resolved.value.user.id ? 'manager' : 'chosen';
    return ok({ slackUserId: chosen, docspaceUserId: resolved.value.user.id, reason });
  }
  const manager = group.manager;
  const mapping = manager ? await deps.mappings.getByDocSpaceUser(teamId, manager.id) : null;
  if (!manager || !mapping) {
    return err({ code: 'review_no_reviewer', groupName: group.name, managerName: manager?.displayName ?? null });
  }
  return ok({ slackUserId: mapping.slackUserId, docspaceUserId: manager.id, reason: 'manager' });
}

/** When the audit log last saw each member added to the group (newest entries first, so the latest add wins). */
function membersSince(entries: readonly AuditEntry[]): Map<string, Date> {
  const since = new Map<string, Date>();
  for (const entry of entries) {
    if (entry.outcome !== 'succeeded' && entry.outcome !== 'partial') continue;
    const change = (entry.after as { change?: { kind?: string; add?: unknown; memberIds?: unknown } } | null)?.change;
    const added = change?.kind === 'members' ? change.add : change?.kind === 'create' ? change.memberIds : null;
    if (!Array.isArray(added)) continue;
    for (const id of added) if (typeof id === 'string' && !since.has(id)) since.set(id, entry.at);
  }
  return since;
}

async function snapshotMembers(deps: ReviewDeps, teamId: SlackTeamId, group: Group): Promise<ReviewMember[]> {
  const audit = await deps.audit.list({ teamId, groupId: group.id, limit: 1000 });
  const since = membersSince(audit);
  const grants = deps.grantReader ? await deps.grantReader.listActiveForGroup(teamId, group.id) : [];
  const endsAt = new Map(grants.map((g) => [g.docspaceUserId as string, g.endsAt]));
  const byName = (a: DocSpaceUser, b: DocSpaceUser) => a.displayName.localeCompare(b.displayName);
  return [...group.members].sort(byName).map((m) => ({
    id: m.id,
    name: m.displayName,
    email: m.email,
    memberSince: since.get(m.id) ?? null,
    grantEndsAt: endsAt.get(m.id) ?? null,
  }));
}

function alreadyOpen(open: AccessReview): ReviewFailure {
  return {
    code: 'review_already_open',
    reviewId: open.id,
    groupName: open.groupName,
    reviewerSlackId: open.reviewerSlackId,
    dueAt: open.dueAt,
  };
}

/**
 * Starts a review of one group (read with its members): stored first (at most one open per group, checked by
 * storage), audited, then DMed to the reviewer; a failed DM is logged and the review stays open.
 */
export async function openReview(
  deps: ReviewDeps,
  teamId: SlackTeamId,
  group: Group,
  chosen: SlackUserId | null,
  trigger: { readonly kind: ReviewTrigger; readonly by: SlackUserId | null },
): Answer<AccessReview> {
  const open = await deps.reviews.findOpen(teamId, group.id);
  if (open) return err(alreadyOpen(open));
  if (group.members.length === 0) return err({ code: 'review_empty_group', groupName: group.name });
  const reviewer = await pickReviewer(deps, teamId, group, chosen);
  if (!reviewer.ok) return reviewer;
  const now = deps.clock.now();
  const review: AccessReview = {
    id: deps.newReviewId(),
    teamId,
    groupId: group.id,
    groupName: group.name,
    snapshot: {
      managerId: group.manager?.id ?? null,
      managerName: group.manager?.displayName ?? null,
      members: await snapshotMembers(deps, teamId, group),
    },
    reviewerSlackId: reviewer.value.slackUserId,
    reviewerDocSpaceId: reviewer.value.docspaceUserId,
    reviewerReason: reviewer.value.reason,
    trigger: trigger.kind,
    startedBy: trigger.by,
    createdAt: now,
    dueAt: new Date(now.getTime() + deps.reviewSettings.dueDays * DAY_MS),
    state: 'open',
    closedBy: null,
    closedAt: null,
    outcome: null,
    remindedHalfAt: null,
    remindedDueAt: null,
    escalatedAt: null,
  };
  if (!(await deps.reviews.insert(review))) {
    const raced = await deps.reviews.findOpen(teamId, group.id);
    if (raced) return err(alreadyOpen(raced));
    throw new Error(`storage refused review ${review.id} of group ${group.id}, yet no review of it is open`);
  }
  await recordAudit(deps, {
    at: now,
    teamId,
    actorSlackId: trigger.by,
    actorDocSpaceId: null,
    onBehalfOf: [],
    requestId: null,
    action: 'review_start',
    groupId: group.id,
    groupName: group.name,
    before: null,
    after: {
      reviewId: review.id,
      reviewer: review.reviewerSlackId,
      reviewerReason: review.reviewerReason,
      trigger: review.trigger,
      dueAt: review.dueAt.toISOString(),
      memberIds: review.snapshot.members.map((m) => m.id),
    },
    outcome: 'recorded',
    detail: null,
  });
  await tellSafely(deps, 'send the review to its reviewer', review.id, () =>
    deps.reviewNotifier.sendReview(review, []),
  );
  return ok(review);
}

/** `review "<group>" [@reviewer]`: admins start a review of one group. */
export async function startReview(
  deps: ReviewDeps,
  caller: Caller,
  ref: GroupRef,
  chosen: SlackUserId | null,
): Answer<AccessReview> {
  const admin = await requireReviewAdmin(deps, caller);
  if (!admin.ok) return admin;
  const found = await resolveGroup(deps.docspace, ref, { withMembers: true });
  if (!found.ok) return found;
  return openReview(deps, caller.teamId, found.value as Group, chosen, { kind: 'admin', by: caller.slackUserId });
}

/** Every group, page by page (DocSpace lists at most 100 at a time). */
export async function listAllGroups(deps: Pick<ReviewDeps, 'docspace'>): Promise<GroupSummary[]> {
  const all: GroupSummary[] = [];
  for (let startIndex = 0; ; startIndex += 100) {
    const page = await deps.docspace.listGroups({ startIndex, count: 100 });
    all.push(...page.groups);
    if (page.groups.length < 100 || all.length >= page.total) return all;
  }
}

export interface StartAllReport {
  readonly started: readonly AccessReview[];
  readonly skipped: readonly { readonly groupName: string; readonly failure: ReviewFailure }[];
}

/** `review all`: a review of every group that has a manager; groups that cannot be reviewed are listed with why. */
export async function startAllReviews(deps: ReviewDeps, caller: Caller): Answer<StartAllReport> {
  const admin = await requireReviewAdmin(deps, caller);
  if (!admin.ok) return admin;
  const started: AccessReview[] = [];
  const skipped: { groupName: string; failure: ReviewFailure }[] = [];
  for (const summary of await listAllGroups(deps)) {
    if (!summary.manager) continue;
    const group = await deps.docspace.getGroup(summary.id, { includeMembers: true });
    const opened = await openReview(deps, caller.teamId, group, null, { kind: 'admin', by: caller.slackUserId });
    if (opened.ok) started.push(opened.value);
    else skipped.push({ groupName: summary.name, failure: opened.error });
  }
  return ok({ started, skipped });
}
