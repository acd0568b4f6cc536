import { auditTrail, linkUser, listMappings, listRequests, unlinkUser, whoAmI } from './admin.js';
import { approveRequest, cancelRequest, denyRequest, expireDueRequests, retryRequest } from './approvals/decide.js';
import { recoverInterrupted } from './approvals/recover.js';
import type { DomainDeps } from './deps.js';
import type { ChangeAsk } from './groups/ask.js';
import { listGroups, searchGroups, showGroup, submitChange } from './groups/service.js';
import type { Caller } from './identity/actor.js';
import { userFromMapping } from './identity/resolver.js';
import type { GroupRef, LinkTarget, RequestId, SlackUserId } from './model/ids.js';
import { isApprover, type Role, roleOf } from './policy.js';

/** How long an execution may take before a request stuck in `approved` counts as interrupted. */
export const INTERRUPTED_AFTER_MS = 15 * 60 * 1000;

/** The use cases the Slack layer calls, bound to their dependencies. */
export function createBotServices(deps: DomainDeps) {
  return {
    submit: (caller: Caller, ask: ChangeAsk, reason: string | null) => submitChange(deps, caller, ask, reason),
    show: (ref: GroupRef) => showGroup(deps, ref),
    list: (filter: string | null) => listGroups(deps, filter),
    searchGroups: (text: string) => searchGroups(deps, text),
    approve: (caller: Caller, id: RequestId) => approveRequest(deps, caller, id),
    deny: (caller: Caller, id: RequestId, note: string | null) => denyRequest(deps, caller, id, note),
    retry: (caller: Caller, id: RequestId) => retryRequest(deps, caller, id),
    cancel: (caller: Caller, id: RequestId) => cancelRequest(deps, caller, id),
    link: (caller: Caller, user: SlackUserId, to: LinkTarget) => linkUser(deps, caller, user, to),
    unlink: (caller: Caller, user: SlackUserId) => unlinkUser(deps, caller, user),
    mappings: (caller: Caller, user: SlackUserId | null) => listMappings(deps, caller, user),
    whoami: (caller: Caller) => whoAmI(deps, caller),
    requests: (caller: Caller) => listRequests(deps, caller),
    audit: (caller: Caller, group: GroupRef | null) => auditTrail(deps, caller, group),
    getRequest: (id: RequestId) => deps.requests.get(id),
    /** Role from the config and the stored mapping only: no network, for fast UI hints. Checks stay on the server. */
    quickRole: async (caller: Caller): Promise<Role> => {
      const mapping = await deps.mappings.get(caller.teamId, caller.slackUserId);
      return roleOf(deps.policy, {
        slackUserId: caller.slackUserId,
        docspace: mapping ? userFromMapping(mapping) : null,
      });
    },
    isApprover,
    /** Periodic upkeep: expire overdue requests and fail executions a crash interrupted. */
    maintain: async () => ({
      expired: await expireDueRequests(deps),
      recovered: await recoverInterrupted(deps, INTERRUPTED_AFTER_MS),
    }),
  };
}

export type BotServices = ReturnType<typeof createBotServices>;
