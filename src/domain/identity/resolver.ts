import type { IdentityFailure, IdentityFailureCode } from '../model/failures.js';
import type { DocSpaceUser } from '../model/group.js';
import type { SlackTeamId, SlackUserId } from '../model/ids.js';
import { newMapping, type UserMapping } from '../model/mapping.js';
import { err, ok, type Result } from '../model/result.js';
import type { Clock, DocSpaceGateway, Logger, MappingRepo, SlackDirectory, SlackProfile } from '../ports.js';
import { isGatewayError } from '../ports.js';

export interface IdentityDeps {
  readonly mappings: MappingRepo;
  readonly slack: SlackDirectory;
  readonly docspace: DocSpaceGateway;
  readonly clock: Clock;
  /** A mapping verified within this many ms is used with no network call. */
  readonly ttlMs: number;
  readonly logger: Logger;
}

interface ResolvedIdentity {
  readonly slackUserId: SlackUserId;
  readonly user: DocSpaceUser;
  readonly mapping: UserMapping;
  /** fresh: from the store, no network; reverified: stale mapping checked again; matched: new email match. */
  readonly via: 'fresh' | 'reverified' | 'matched';
}

export type IdentityResult = Result<ResolvedIdentity, IdentityFailure>;

const slackFailure = (code: IdentityFailureCode, id: SlackUserId): IdentityFailure => ({
  code,
  who: { kind: 'slack', id },
});

/** Users who may hold a mapping: not disabled, not a guest. Pending invitees are fine. */
export function unusableReason(user: DocSpaceUser): IdentityFailureCode | null {
  if (user.status === 'disabled') return 'docspace_user_disabled';
  if (user.type === 'guest') return 'docspace_user_guest';
  return null;
}

export function userFromMapping(mapping: UserMapping): DocSpaceUser {
  return {
    id: mapping.docspaceUserId,
    displayName: mapping.docspaceDisplayName,
    email: mapping.docspaceEmail,
    status: 'active',
    type: mapping.docspaceType,
  };
}

/** Looks a DocSpace user up; a failure code on 404 and 403, throws on outages. */
export async function lookupDocSpaceUser(
  find: () => Promise<DocSpaceUser>,
): Promise<DocSpaceUser | 'docspace_user_not_found' | 'docspace_lookup_forbidden'> {
  try {
    return await find();
  } catch (error) {
    if (isGatewayError(error) && error.code === 'not_found') return 'docspace_user_not_found';
    if (isGatewayError(error) && error.code === 'forbidden') return 'docspace_lookup_forbidden';
    throw error;
  }
}

/** A DocSpace account that may be mapped or put in a group: found, not disabled, not a guest. Throws on outages. */
export async function findUsableDocSpaceUser(
  find: () => Promise<DocSpaceUser>,
  who: IdentityFailure['who'],
): Promise<Result<DocSpaceUser, IdentityFailure>> {
  const found = await lookupDocSpaceUser(find);
  if (typeof found === 'string') return err({ code: found, who });
  const unusable = unusableReason(found);
  return unusable ? err({ code: unusable, who }) : ok(found);
}

/** A Slack account that may act or be named: it exists, is a person and is not deactivated. */
export function checkSlackProfile(profile: SlackProfile | null, id: SlackUserId): IdentityFailure | null {
  if (!profile) return slackFailure('slack_user_not_found', id);
  if (profile.isBot) return slackFailure('slack_user_is_bot', id);
  if (profile.deleted) return slackFailure('slack_user_deleted', id);
  return null;
}

/**
 * Slack user -> DocSpace user. Order: fresh stored mapping (no network), stale mapping re-verified, then email match.
 * Fails closed with a specific reason; nothing is stored on failure.
 */
export function createIdentityResolver(deps: IdentityDeps) {
  const isFresh = (m: UserMapping) => deps.clock.now().getTime() - m.verifiedAt.getTime() < deps.ttlMs;

  async function reverify(mapping: UserMapping): Promise<IdentityResult | null> {
    const found = await lookupDocSpaceUser(() => deps.docspace.getUserById(mapping.docspaceUserId));
    if (found === 'docspace_user_not_found' && mapping.source === 'email') {
      // The matched account is gone: forget the automatic match and try the email again.
      await deps.mappings.delete(mapping.teamId, mapping.slackUserId);
      return null;
    }
    if (typeof found === 'string') return err(slackFailure(found, mapping.slackUserId));
    const unusable = unusableReason(found);
    if (unusable) return err(slackFailure(unusable, mapping.slackUserId));
    const seen = { at: deps.clock.now(), email: found.email, displayName: found.displayName, type: found.type };
    await deps.mappings.markVerified(mapping.teamId, mapping.slackUserId, seen);
    const updated: UserMapping = {
      ...mapping,
      verifiedAt: seen.at,
      docspaceEmail: seen.email,
      docspaceDisplayName: seen.displayName,
      docspaceType: seen.type,
    };
    return ok({ slackUserId: mapping.slackUserId, user: found, mapping: updated, via: 'reverified' });
  }

  async function matchByEmail(teamId: SlackTeamId, slackUserId: SlackUserId): Promise<IdentityResult> {
    const profile = await deps.slack.getUser(slackUserId);
    const refused = checkSlackProfile(profile, slackUserId);
    if (refused) return err(refused);
    if (!profile?.email) return err(slackFailure('slack_no_email', slackUserId));
    const email = profile.email.trim().toLowerCase();
    const found = await findUsableDocSpaceUser(() => deps.docspace.getUserByEmail(email), {
      kind: 'slack',
      id: slackUserId,
    });
    if (!found.ok) return found;
    const mapping = newMapping({
      teamId,
      slackUserId,
      user: found.value,
      source: 'email',
      createdBy: null,
      now: deps.clock.now(),
    });
    const saved = await deps.mappings.save(mapping);
    if (!saved.ok) {
      return err({
        code: 'mapping_conflict',
        who: { kind: 'slack', id: slackUserId },
        heldBy: saved.conflict.slackUserId,
      });
    }
    deps.logger.info({ teamId, slackUserId, docspaceUserId: found.value.id }, 'mapped Slack user by email');
    return ok({ slackUserId, user: found.value, mapping, via: 'matched' });
  }

  async function resolve(teamId: SlackTeamId, slackUserId: SlackUserId): Promise<IdentityResult> {
    const mapping = await deps.mappings.get(teamId, slackUserId);
    if (mapping && isFresh(mapping)) {
      return ok({ slackUserId, user: userFromMapping(mapping), mapping, via: 'fresh' });
    }
    if (mapping) {
      const verified = await reverify(mapping);
      if (verified) return verified;
    }
    return matchByEmail(teamId, slackUserId);
  }

  return { resolve };
}

export type IdentityResolver = ReturnType<typeof createIdentityResolver>;
