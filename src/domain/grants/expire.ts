import { type DomainDeps, isDryRun } from '../deps.js';
import type { AuditOutcome } from '../model/audit.js';
import type { Group } from '../model/group.js';
import type { SlackUserId } from '../model/ids.js';
import { isGatewayError } from '../ports.js';
import { auditGrant, BOT, type GrantActor } from './audit.js';
import { GRANT_LEASE_MS, GRANT_MAX_ATTEMPTS, type Grant, type GrantOutcome, grantRetryDelayMs } from './model.js';
import type { GrantSettings } from './settings.js';

/** The sweep runs at least this often (GRANT_SWEEP is the container's timer). */
export const GRANT_SWEEP_INTERVAL_MS = 30_000;

const DETAIL: Readonly<Record<GrantOutcome, string>> = {
  removed: 'time-bound membership ended: removed from the group',
  restored: 'acting manager ended: the previous manager is the manager again',
  already_removed: 'time-bound membership ended: they were no longer a member, nothing written',
  manager_changed: 'acting manager ended: someone else is the manager now, left as it is',
  no_previous_manager: 'acting manager ended: there was no previous manager to restore, left as it is',
  group_deleted: 'the group no longer exists: grant ended',
  superseded: 'a later change without a duration superseded it',
  failed: 'every attempt to end it failed',
};

const AUDIT_OUTCOME: Readonly<Record<GrantOutcome, AuditOutcome>> = {
  removed: 'succeeded',
  restored: 'succeeded',
  already_removed: 'no_op',
  manager_changed: 'no_op',
  no_previous_manager: 'no_op',
  group_deleted: 'no_op',
  superseded: 'recorded',
  failed: 'failed',
};

type Step =
  | { readonly kind: 'done'; readonly outcome: GrantOutcome }
  | { readonly kind: 'retry'; readonly error: string };

function settings(deps: DomainDeps): GrantSettings {
  if (!deps.grants) throw new Error('grants are not configured');
  return deps.grants;
}

/** Re-reads the group; null when it is gone. A DocSpace failure is a retry. */
async function readGroup(deps: DomainDeps, grant: Grant): Promise<{ group: Group | null } | Step> {
  try {
    return { group: await deps.docspace.getGroup(grant.groupId, { includeMembers: true }) };
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    if (error.code === 'not_found') return { group: null };
    return { kind: 'retry', error: `reading the group: ${error.code}` };
  }
}

/** The one DocSpace write of an expiry, on the world as it is now. */
async function endInDocSpace(deps: DomainDeps, grant: Grant, group: Group): Promise<Step> {
  try {
    if (grant.kind === 'member') {
      if (!group.members.some((m) => m.id === grant.userId)) return { kind: 'done', outcome: 'already_removed' };
      const written = await deps.docspace.removeMembers(grant.groupId, [grant.userId]);
      if (written.ignored.notRemoved.includes(grant.userId))
        return { kind: 'retry', error: 'DocSpace did not remove them' };
      return { kind: 'done', outcome: 'removed' };
    }
    if (group.manager?.id !== grant.userId) return { kind: 'done', outcome: 'manager_changed' };
    if (!grant.previousManagerId) return { kind: 'done', outcome: 'no_previous_manager' };
    const written = await deps.docspace.setManager(grant.groupId, grant.previousManagerId);
    if (written.ignored.managerNotSet) return { kind: 'retry', error: 'DocSpace did not set the previous manager' };
    return { kind: 'done', outcome: 'restored' };
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    return { kind: 'retry', error: `writing to DocSpace: ${error.code}` };
  }
}

/** The member, the group's manager (now) and whoever asked: everyone told how a grant ended, each once. */
async function recipients(deps: DomainDeps, grant: Grant, group: Group | null): Promise<SlackUserId[]> {
  const managerId = group?.manager?.id ?? null;
  const manager = managerId ? await deps.mappings.getByDocSpaceUser(grant.teamId, managerId) : null;
  const ids = [grant.memberSlackId, manager?.slackUserId ?? null, grant.requesterSlackId];
  return [...new Set(ids.filter((id): id is SlackUserId => id !== null))];
}

async function tell(deps: DomainDeps, what: string, grant: Grant, send: () => Promise<void>) {
  try {
    await send();
  } catch (error) {
    deps.logger.error({ err: error, grantId: grant.id }, `could not ${what}`);
  }
}

/**
 * Performs the expiry of a grant this caller has just claimed (the compare-and-set made it the only one): re-reads
 * the group, writes at most once, then records the outcome only while its claim still holds. A failure is retried
 * later with backoff (the grant stays expiring); after GRANT_MAX_ATTEMPTS it is marked failed and admins are told.
 */
export async function expireClaimed(deps: DomainDeps, claimed: Grant, actor: GrantActor = BOT): Promise<Grant | null> {
  const g = settings(deps);
  const read = await readGroup(deps, claimed);
  const step: Step =
    'kind' in read
      ? read
      : read.group
        ? await endInDocSpace(deps, claimed, read.group)
        : { kind: 'done', outcome: 'group_deleted' };
  const group = 'group' in read ? read.group : null;
  const now = deps.clock.now();
  if (step.kind === 'retry') {
    deps.logger.warn({ grantId: claimed.id, attempts: claimed.attempts, error: step.error }, 'grant expiry failed');
    if (claimed.attempts < GRANT_MAX_ATTEMPTS) {
      const retryAt = new Date(now.getTime() + grantRetryDelayMs(claimed.attempts));
      await g.repo.deferExpiry(claimed.id, claimed.attempts, { error: step.error, retryAt });
      return null;
    }
    const failed = await g.repo.finishExpiry(claimed.id, {
      attempts: claimed.attempts,
      state: 'failed',
      outcome: 'failed',
      at: now,
      error: step.error,
    });
    if (!failed) return null;
    await auditGrant(deps, failed, {
      action: 'grant_end',
      actor,
      outcome: 'failed',
      detail: `${DETAIL.failed}: ${step.error}`,
    });
    g.onEvent?.('failed');
    await tell(deps, 'tell admins a grant expiry failed', failed, () =>
      g.notifier.expiryFailed(failed, [...deps.policy.adminSlackIds] as SlackUserId[]),
    );
    return failed;
  }
  const ended = await g.repo.finishExpiry(claimed.id, {
    attempts: claimed.attempts,
    state: 'ended',
    outcome: step.outcome,
    at: now,
  });
  if (!ended) {
    // The lease ran out and another sweep took the grant over; it re-reads the group, so nothing is written twice.
    deps.logger.warn({ grantId: claimed.id }, 'grant expiry finished after its lease was taken over');
    return null;
  }
  await auditGrant(deps, ended, {
    action: 'grant_end',
    actor,
    outcome: AUDIT_OUTCOME[step.outcome],
    detail: DETAIL[step.outcome],
  });
  g.onEvent?.('expired');
  const to = await recipients(deps, ended, group);
  await tell(deps, 'tell how a grant ended', ended, () => g.notifier.ended(ended, to));
  return ended;
}

/** Who gets a grant's reminder: the member, and for an acting manager the manager they stand in for. */
async function remindees(deps: DomainDeps, grant: Grant): Promise<SlackUserId[]> {
  const previous =
    grant.kind === 'acting_manager' && grant.previousManagerId
      ? await deps.mappings.getByDocSpaceUser(grant.teamId, grant.previousManagerId)
      : null;
  const ids = [grant.memberSlackId, previous?.slackUserId ?? null];
  return [...new Set(ids.filter((id): id is SlackUserId => id !== null))];
}

/**
 * The sweep: ends every due grant this call manages to claim (a due one is one past its end, or one whose earlier
 * claim's lease or retry time has passed), then sends due reminders, each claimed once. Counts only its own work.
 */
export async function sweepGrants(deps: DomainDeps, limit = 50): Promise<{ expired: number; reminded: number }> {
  const g = deps.grants;
  // DRY_RUN sends no DocSpace write, so grants that are due wait (untouched) until the mode is switched off.
  if (!g || isDryRun(deps)) return { expired: 0, reminded: 0 };
  let expired = 0;
  for (const due of await g.repo.listDue(deps.clock.now(), limit)) {
    const now = deps.clock.now();
    const claimed = await g.repo.claimExpiry(due.id, { now, leaseUntil: new Date(now.getTime() + GRANT_LEASE_MS) });
    if (claimed && (await expireClaimed(deps, claimed))) expired++;
  }
  let reminded = 0;
  for (const grant of await g.repo.listDueReminders(deps.clock.now(), limit)) {
    if (!(await g.repo.claimReminder(grant.id, deps.clock.now()))) continue;
    reminded++;
    const to = await remindees(deps, grant);
    await tell(deps, 'send a grant reminder', grant, () => g.notifier.remind(grant, to));
  }
  return { expired, reminded };
}
