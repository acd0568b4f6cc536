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
  /** What the caller's account may do (type, status) is trusted for this many ms after it was read, no longer. */
  readonly authorityTtlMs: number;
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

/** The account as last read: type and status are as old as mapping.authorityReadAt. */
export function userFromMapping(mapping: UserMapping): DocSpaceUser {
  return {
    id: mapping.docspaceUserId,
    displayName: mapping.docspaceDisplayName,
    email: mapping.docspaceEmail,
    status: mapping.docspaceStatus,
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
 * What a resolution is for: naming someone in a change needs only which account they are (MAPPING_TTL_HOURS); the
 * caller's own use (act, approve, link, audit, request) also needs what that account may do now (AUTHORITY_TTL_SECONDS).
 */
type Purpose = 'mapping' | 'authority';

/**
 * Slack user -> DocSpace user. Order: stored mapping (no network) while fresh enough for the purpose, else one
 * GET /people/{id} (shared by concurrent callers), then email match unless an admin unlinked them. Fails closed with a
 * specific reason; nothing is stored on failure but the facts a read returned.
 */
export function createIdentityResolver(deps: IdentityDeps) {
  const age = (at: Date | null) => (at === null ? Number.POSITIVE_INFINITY : deps.clock.now().getTime() - at.getTime());
  const authorityFresh = (m: UserMapping) => age(m.authorityReadAt) < deps.authorityTtlMs;
  /** One read per person at a time: concurrent resolutions of the same Slack user share it. */
  const inflight = new Map<string, Promise<IdentityResult>>();

  /** Whether the store answers without a read. A stored refusal (disabled, guest) holds only while authority is fresh. */
  function answersFromStore(m: UserMapping, purpose: Purpose): boolean {
    if (unusableReason(userFromMapping(m)) !== null) return authorityFresh(m);
    if (age(m.verifiedAt) >= deps.ttlMs) return false;
    return purpose === 'mapping' || authorityFresh(m);
  }

  function fromStore(m: UserMapping): IdentityResult {
    const user = userFromMapping(m);
    const unusable = unusableReason(user);
    if (unusable) return err(slackFailure(unusable, m.slackUserId));
    return ok({ slackUserId: m.slackUserId, user, mapping: m, via: 'fresh' });
  }

  async function reverify(mapping: UserMapping): Promise<IdentityResult | null> {
    const found = await lookupDocSpaceUser(() => deps.docspace.getUserById(mapping.docspaceUserId));
    if (found === 'docspace_user_not_found' && mapping.source === 'email') {
      // The matched account is gone: forget the automatic match and try the email again.
      await deps.mappings.delete(mapping.teamId, mapping.slackUserId);
      return null;
    }
    if (typeof found === 'string') return err(slackFailure(found, mapping.slackUserId));
    const at = deps.clock.now();
    if (mapping.docspaceType !== found.type || mapping.docspaceStatus !== found.status) {
      deps.logger.info(
        {
          teamId: mapping.teamId,
          slackUserId: mapping.slackUserId,
          docspaceUserId: found.id,
          was: { type: mapping.docspaceType, status: mapping.docspaceStatus },
          now: { type: found.type, status: found.status },
        },
        'DocSpace account type or status changed',
      );
    }
    const unusable = unusableReason(found);
    if (unusable) {
      // Kept so the refusal holds for the authority window without asking DocSpace again.
      await deps.mappings.recordAuthority(mapping.teamId, mapping.slackUserId, {
        at,
        type: found.type,
        status: found.status,
      });
      return err(slackFailure(unusable, mapping.slackUserId));
    }
    const seen = { at, email: found.email, displayName: found.displayName, type: found.type, status: found.status };
    await deps.mappings.markVerified(mapping.teamId, mapping.slackUserId, seen);
    const updated: UserMapping = {
      ...mapping,
      verifiedAt: at,
      docspaceEmail: seen.email,
      docspaceDisplayName: seen.displayName,
      docspaceType: seen.type,
      docspaceStatus: seen.status,
      authorityReadAt: at,
    };
    return ok({ slackUserId: mapping.slackUserId, user: found, mapping: updated, via: 'reverified' });
  }

  async function matchByEmail(teamId: SlackTeamId, slackUserId: SlackUserId): Promise<IdentityResult> {
    // Checked before any look-up; save() checks again in the same statement, against an unlink meanwhile.
    if (await deps.mappings.isBlocked(teamId, slackUserId)) return err(slackFailure('unlinked_by_admin', slackUserId));
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
      if ('blocked' in saved) return err(slackFailure('unlinked_by_admin', slackUserId));
      return err({
        code: 'mapping_conflict',
        who: { kind: 'slack', id: slackUserId },
        heldBy: saved.conflict.slackUserId,
      });
    }
    deps.logger.info({ teamId, slackUserId, docspaceUserId: found.value.id }, 'mapped Slack user by email');
    return ok({ slackUserId, user: found.value, mapping, via: 'matched' });
  }

  function read(teamId: SlackTeamId, slackUserId: SlackUserId, mapping: UserMapping | null): Promise<IdentityResult> {
    const key = `${teamId}\u0000${slackUserId}`;
    const running = inflight.get(key);
    if (running) return running;
    const reading = (async () => {
      const verified = mapping ? await reverify(mapping) : null;
      return verified ?? matchByEmail(teamId, slackUserId);
    })().finally(() => inflight.delete(key));
    inflight.set(key, reading);
    return reading;
  }

  async function resolveFor(teamId: SlackTeamId, slackUserId: SlackUserId, purpose: Purpose): Promise<IdentityResult> {
    const mapping = await deps.mappings.get(teamId, slackUserId);
    if (mapping && answersFromStore(mapping, purpose)) return fromStore(mapping);
    return read(teamId, slackUserId, mapping);
  }

  return {
    /** Someone named in a change: which DocSpace account they are (stored for MAPPING_TTL_HOURS). */
    resolve: (teamId: SlackTeamId, slackUserId: SlackUserId) => resolveFor(teamId, slackUserId, 'mapping'),
    /** The caller, before they act: also what their account may do now (re-read after AUTHORITY_TTL_SECONDS). */
    resolveCaller: (teamId: SlackTeamId, slackUserId: SlackUserId) => resolveFor(teamId, slackUserId, 'authority'),
  };
}

export type IdentityResolver = ReturnType<typeof createIdentityResolver>;
