import type { IdentityFailure } from '../model/failures.js';
import type { SlackTeamId, SlackUserId } from '../model/ids.js';
import type { UserMapping } from '../model/mapping.js';
import { type Actor, type PolicyConfig, type Role, roleOf } from '../policy.js';
import type { IdentityResolver } from './resolver.js';

/** Who is calling, as Slack says (team and user ids come from the signed request, never from user text). */
export interface Caller {
  readonly teamId: SlackTeamId;
  readonly slackUserId: SlackUserId;
}

export interface IdentifiedActor {
  readonly caller: Caller;
  readonly actor: Actor;
  readonly role: Role;
  /** Why the caller has no DocSpace account here, when they have none. */
  readonly identityFailure: IdentityFailure | null;
  /** The caller's mapping, when they have one. */
  readonly mapping: UserMapping | null;
}

/** Resolves the caller's DocSpace account and role; checked again on every command, submit and click. */
export async function identify(
  deps: { identity: IdentityResolver; policy: PolicyConfig },
  caller: Caller,
): Promise<IdentifiedActor> {
  const listed =
    deps.policy.adminSlackIds.has(caller.slackUserId) || deps.policy.approverSlackIds.has(caller.slackUserId);
  let resolved: Awaited<ReturnType<IdentityResolver['resolve']>>;
  try {
    resolved = await deps.identity.resolve(caller.teamId, caller.slackUserId);
  } catch (error) {
    // Admins and approvers named in the config keep their role while DocSpace or Slack is unreachable.
    if (!listed) throw error;
    const actor: Actor = { slackUserId: caller.slackUserId, docspace: null };
    return { caller, actor, role: roleOf(deps.policy, actor), identityFailure: null, mapping: null };
  }
  const actor: Actor = { slackUserId: caller.slackUserId, docspace: resolved.ok ? resolved.value.user : null };
  return {
    caller,
    actor,
    role: roleOf(deps.policy, actor),
    identityFailure: resolved.ok ? null : resolved.error,
    mapping: resolved.ok ? resolved.value.mapping : null,
  };
}
