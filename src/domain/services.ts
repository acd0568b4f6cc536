import {
  auditTrail,
  linkUser,
  listMappings,
  listRequests,
  type RequestsView,
  unlinkUser,
  type WhoAmI,
  whoAmI,
} from './admin.js';
import { repostMissingCards } from './approvals/cards.js';
import { approveRequest, cancelRequest, denyRequest, previewDecision, retryRequest } from './approvals/decide.js';
import type { Execution } from './approvals/execute.js';
import { expireDueRequests } from './approvals/expire.js';
import { recoverInterrupted } from './approvals/recover.js';
import type { DomainDeps } from './deps.js';
import { sweepGrants } from './grants/expire.js';
import { endGrantNow, groupGrants, listGrants, type RenewOutcome, renewGrant } from './grants/manage.js';
import type { Grant } from './grants/model.js';
import type { ChangeAsk } from './groups/ask.js';
import { listGroups, searchGroups, showGroup, submitChange } from './groups/service.js';
import { acceptHandover, declineHandover } from './handovers/answer.js';
import { expireDueHandovers } from './handovers/expire.js';
import type { Caller } from './identity/actor.js';
import { userFromMapping } from './identity/resolver.js';
import type { AuditEntry } from './model/audit.js';
import { catchReadFailure, type DocSpaceReadStep, type DomainFailure } from './model/failures.js';
import type { Group, GroupSummary, SubmitOutcome } from './model/group.js';
import type { Handover, HandoverId } from './model/handover.js';
import type { GroupId, GroupRef, LinkTarget, RequestId, SlackUserId } from './model/ids.js';
import type { UserMapping } from './model/mapping.js';
import type { ChangeRequest } from './model/request.js';
import { ok, type Result } from './model/result.js';
import type { UndoOutcome, UndoTarget } from './model/undo.js';
import { type Role, roleOf } from './policy.js';
import { withRefusalTrace } from './refusals.js';
import { offerUndo, undoChange } from './undo/undo.js';

/** How long an execution may take before a request stuck in `approved` counts as interrupted. */
export const INTERRUPTED_AFTER_MS = 15 * 60 * 1000;

type Answer<T> = Promise<Result<T, DomainFailure>>;

/**
 * The use cases the Slack layer calls. One error contract: every expected outcome, DocSpace being down included, is a
 * Result; only programming errors and storage failures throw. Who may do what is decided here, never by the caller.
 */
export interface BotServices {
  /** A change from a command or a modal: admins' changes run now, other mapped people's become requests. */
  submit(caller: Caller, ask: ChangeAsk, reason: string | null): Answer<SubmitOutcome>;
  show(ref: GroupRef): Answer<Group>;
  list(filter: string | null): Answer<{ groups: GroupSummary[]; total: number }>;
  /** Group picker typeahead: up to 100 groups whose names contain the text. */
  searchGroups(text: string): Answer<GroupSummary[]>;
  approve(caller: Caller, id: RequestId): Answer<Execution>;
  deny(caller: Caller, id: RequestId, note: string | null): Answer<Execution>;
  retry(caller: Caller, id: RequestId): Answer<Execution>;
  cancel(caller: Caller, id: RequestId): Answer<Execution>;
  /**
   * May this person decide this request now? From stored facts only (no network), so a Deny click can open its form
   * in time; approve, deny and retry check again, fully, when they run.
   */
  previewDecision(caller: Caller, id: RequestId): Answer<ChangeRequest>;
  /** The caller's role from the config and their stored mapping only (no network), for UI hints such as modal labels. */
  roleHint(caller: Caller): Answer<Role>;
  link(caller: Caller, user: SlackUserId, to: LinkTarget): Answer<UserMapping>;
  unlink(caller: Caller, user: SlackUserId): Answer<{ removed: boolean; before: UserMapping | null }>;
  mappings(caller: Caller, user: SlackUserId | null): Answer<UserMapping[]>;
  whoami(caller: Caller): Answer<WhoAmI>;
  /** One page (1-based, 25 each) of pending requests, oldest first, with the total. */
  requests(caller: Caller, page?: number): Answer<RequestsView>;
  audit(caller: Caller, group: GroupRef | null): Answer<AuditEntry[]>;
  /**
   * Undo of an executed change (by its audit entry, or by the request that made it): admins' run now, others' become
   * requests; once per change, within UNDO_WINDOW_MINUTES.
   */
  undo(caller: Caller, target: UndoTarget): Answer<UndoOutcome>;
  /** Periodic upkeep: expire overdue requests, fail executions a crash interrupted, re-post missing cards. */
  /** `grants`: the caller's own live time-bound access (every one in the team, for admins). */
  grants(caller: Caller): Answer<{ grants: Grant[]; all: boolean }>;
  /** A group's live time-bound access, soonest end first (anyone may look, like show). */
  groupGrants(caller: Caller, groupId: GroupId): Answer<Grant[]>;
  /** End now: the member, the group's manager or an admin ends a grant at once. */
  endGrant(caller: Caller, grantId: string): Answer<Grant>;
  /** Renew (the same duration again): applied for admins, a request for anyone else allowed on the grant. */
  renewGrant(caller: Caller, grantId: string): Answer<RenewOutcome>;
  /** The expiry sweep: ends due grants (each claimed once across replicas) and sends due reminders. */
  sweepGrants(): Answer<{ expired: number; reminded: number }>;
  maintain(): Answer<{ expired: number; recovered: number; reposted: number; handoversExpired: number }>;
  /** The incoming manager accepts a handover: exactly once, then the manager change runs (re-validated). */
  acceptHandover(caller: Caller, id: HandoverId): Answer<Handover>;
  /** The incoming manager declines a handover: nothing is written to DocSpace; the requester is told. */
  declineHandover(caller: Caller, id: HandoverId): Answer<Handover>;
}

/** Binds the use cases to their dependencies; a DocSpace error escaping a read becomes a `docspace_failed` value. */
export function createBotServices(deps: DomainDeps): BotServices {
  const guard =
    <A extends unknown[], T>(step: DocSpaceReadStep, run: (...args: A) => Answer<T>) =>
    (...args: A): Answer<T> =>
      catchReadFailure(step, () => run(...args));
  const roleHint = async (caller: Caller): Answer<Role> => {
    const mapping = await deps.mappings.get(caller.teamId, caller.slackUserId);
    const docspace = mapping ? userFromMapping(mapping) : null;
    return ok(roleOf(deps.policy, { slackUserId: caller.slackUserId, docspace }));
  };
  return withRefusalTrace(deps, {
    submit: async (caller, ask, reason) => {
      const result = await submitChange(deps, caller, ask, reason);
      if (!result.ok || result.value.kind !== 'executed') return result;
      return ok({ kind: 'executed' as const, report: offerUndo(deps, result.value.report) });
    },
    undo: guard('read_group', async (caller, target) => {
      const result = await undoChange(deps, caller, target);
      if (!result.ok || result.value.kind !== 'executed') return result;
      return ok({ ...result.value, report: offerUndo(deps, result.value.report) });
    }),
    show: (ref) => showGroup(deps, ref),
    list: (filter) => listGroups(deps, filter),
    searchGroups: (text) => searchGroups(deps, text),
    approve: guard('check_caller', (caller, id) => approveRequest(deps, caller, id)),
    deny: guard('check_caller', (caller, id, note) => denyRequest(deps, caller, id, note)),
    retry: guard('check_caller', (caller, id) => retryRequest(deps, caller, id)),
    cancel: guard('check_caller', (caller, id) => cancelRequest(deps, caller, id)),
    previewDecision: async (caller, id) => {
      const role = await roleHint(caller);
      return role.ok ? previewDecision(deps, caller, id, role.value) : role;
    },
    roleHint,
    link: (caller, user, to) => linkUser(deps, caller, user, to),
    unlink: guard('check_caller', (caller, user) => unlinkUser(deps, caller, user)),
    mappings: guard('check_caller', (caller, user) => listMappings(deps, caller, user)),
    whoami: guard('check_caller', (caller) => whoAmI(deps, caller)),
    requests: guard('check_caller', (caller, page?: number) => listRequests(deps, caller, page)),
    audit: guard('check_caller', (caller, group) => auditTrail(deps, caller, group)),
    maintain: async () =>
      ok({
        expired: await expireDueRequests(deps),
        recovered: await recoverInterrupted(deps, INTERRUPTED_AFTER_MS),
        reposted: await repostMissingCards(deps),
        handoversExpired: await expireDueHandovers(deps),
      }),
    grants: guard('check_caller', (caller) => listGrants(deps, caller)),
    groupGrants: async (caller, groupId) => ok(await groupGrants(deps, caller.teamId, groupId)),
    endGrant: guard('check_caller', (caller, id) => endGrantNow(deps, caller, id)),
    renewGrant: guard('check_caller', (caller, id) => renewGrant(deps, caller, id)),
    sweepGrants: async () => ok(await sweepGrants(deps)),
    acceptHandover: guard('check_caller', (caller, id) => acceptHandover(deps, caller, id)),
    declineHandover: guard('check_caller', (caller, id) => declineHandover(deps, caller, id)),
  });
}
