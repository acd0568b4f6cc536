import { authorityUnconfirmed, type IdentityFailure, RefusedError } from '../model/failures.js';
import type { SlackTeamId, SlackUserId } from '../model/ids.js';
import type { UserMapping } from '../model/mapping.js';
import { type Actor, type PolicyConfig, type Role, roleOf } from '../policy.js';
import { isGatewayError } from '../ports.js';
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

/**
 * Resolves the caller's DocSpace account and role; checked again on every command, submit and click. What the account
 * may do is at most AUTHORITY_TTL_SECONDS old. Throws a RefusedError (returned as a value by the use case's
 * catchReadFailure) when the account is disabled, or when its authority was due a re-read and DocSpace did not answer:
 * nothing is done on facts older than the window. Admins and approvers named in the config keep that role meanwhile.
 */
export async function identify(
  deps: { identity: IdentityResolver; policy: PolicyConfig },
  caller: Caller,
): Promise<IdentifiedActor> {
  const listed =
    deps.policy.adminSlackIds.has(caller.slackUserId) || deps.policy.approverSlackIds.has(caller.slackUserId);
  let resolved: Awaited<ReturnType<IdentityResolver['resolveCaller']>>;
  try {
    resolved = await deps.identity.resolveCaller(caller.teamId, caller.slackUserId);
  } catch (error) {
    // Admins and approvers named in the config keep their role while DocSpace or Slack is unreachable.
    if (listed) {
      const actor: Actor = { slackUserId: caller.slackUserId, docspace: null };
      return { caller, actor, role: roleOf(deps.policy, actor), identityFailure: null, mapping: null };
    }
    if (isGatewayError(error)) throw new RefusedError(authorityUnconfirmed(error));
    throw error;
  }
  // Disabled in DocSpace means out, whatever the config lists: the bot acts for no one DocSpace has shut out.
  if (!resolved.ok && resolved.error.code === 'docspace_user_disabled')
    throw new RefusedError({ code: 'account_disabled' });
  const actor: Actor = { slackUserId: caller.slackUserId, docspace: resolved.ok ? resolved.value.user : null };
  return {
    caller,
    actor,
    role: roleOf(deps.policy, actor),
    identityFailure: resolved.ok ? null : resolved.error,
    mapping: resolved.ok ? resolved.value.mapping : null,
  };
}
