import type { DomainFailure } from '../model/failures.js';
import { readFailure } from '../model/failures.js';
import type { Group, GroupChange, GroupSummary } from '../model/group.js';
import type { GroupId, SlackTeamId } from '../model/ids.js';
import { fingerprintOf } from '../model/request.js';
import type { NameReservation } from '../model/reservation.js';
import { err, ok, type Result } from '../model/result.js';
import type { Clock, DocSpaceGateway, Logger, NameReservationRepo } from '../ports.js';
import { isGatewayError } from '../ports.js';
import { groupNameKey } from './lookup.js';

/**
 * Exactly one group per name. DocSpace accepts duplicate names and its name search and POST /group are separate calls,
 * so a create or rename first reserves the name in storage (unique per team and name key), then checks DocSpace, then
 * writes, then confirms the reservation (linked to the group) or releases it.
 *
 * A reservation whose owner crashed or lost DocSpace's answer lapses after NAME_LEASE_MS: until then it blocks other
 * owners; after it, the next claimer looks the name up in DocSpace and takes the reservation over only when no group
 * has the name. Its owner (the same request, or the same person asking for the identical direct change) may claim it
 * again at once, and then recognises the group its earlier attempt made instead of reporting the name as taken.
 */

/** As long as an execution may take (INTERRUPTED_AFTER_MS): a write still running is never overtaken. */
export const NAME_LEASE_MS = 15 * 60 * 1000;

export interface NameClaim {
  readonly reservation: NameReservation;
  /** The group an earlier attempt of the same owner created (its answer was lost): nothing is to be written. */
  readonly recognised: Group | null;
}

export interface NamesDeps {
  readonly names: NameReservationRepo;
  readonly docspace: DocSpaceGateway;
  readonly clock: Clock;
  readonly logger: Logger;
}

interface Target {
  readonly name: string;
  readonly kind: 'create' | 'rename';
  /** A rename's own group does not take the name from itself. */
  readonly exceptId: GroupId | null;
}

function targetOf(change: GroupChange): Target | null {
  if (change.kind === 'create') return { name: change.name, kind: 'create', exceptId: null };
  if (change.kind === 'rename') return { name: change.name, kind: 'rename', exceptId: change.groupId };
  return null;
}

/** Who a reservation belongs to: an approved request, or one person asking for one exact direct change. */
export function nameOwner(ctx: { requestId: string | null; actorSlackId: string | null }, change: GroupChange) {
  return ctx.requestId ? `request:${ctx.requestId}` : `direct:${ctx.actorSlackId ?? '-'}:${fingerprintOf(change)}`;
}

const busy = (name: string): DomainFailure => ({ code: 'group_name_busy', name });

async function groupsNamed(deps: NamesDeps, target: Target): Promise<GroupSummary[]> {
  return (await deps.docspace.findGroupsByName(target.name)).filter((g) => g.id !== target.exceptId);
}

/** Whether the one group found under the name is the one this owner's earlier, unanswered attempt created. */
function madeByEarlierAttempt(prior: NameReservation, found: readonly GroupSummary[]): GroupSummary | null {
  const only = found.length === 1 ? (found[0] as GroupSummary) : null;
  if (!only) return null;
  // Held or unknown: the owner held the name since it found it free, so a group under it came from that attempt.
  return prior.state === 'confirmed' && prior.groupId !== only.id ? null : only;
}

/** Holding the reservation now: DocSpace must not have the name, unless the group there is this owner's own. */
async function verifyHeld(
  deps: NamesDeps,
  mine: NameReservation,
  target: Target,
  prior: NameReservation | null,
): Promise<Result<NameClaim, DomainFailure>> {
  const found = await groupsNamed(deps, target);
  if (found.length === 0) return ok({ reservation: mine, recognised: null });
  const own = prior && target.kind === 'create' ? madeByEarlierAttempt(prior, found) : null;
  if (own) {
    deps.logger.info({ groupId: own.id, owner: mine.owner }, 'recognised the group an earlier attempt created');
    return ok({ reservation: mine, recognised: await deps.docspace.getGroup(own.id, { includeMembers: true }) });
  }
  await deps.names.release(mine.teamId, mine.nameKey, mine.token);
  return err({ code: 'group_name_taken', name: target.name, existing: found });
}

async function claim(
  deps: NamesDeps,
  mine: NameReservation,
  target: Target,
  runsAlone: boolean,
): Promise<Result<NameClaim, DomainFailure>> {
  const now = deps.clock.now().getTime();
  // Each lost compare-and-set means another claimer changed the row meanwhile: look again, a few times at most.
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await deps.names.insert(mine)) return verifyHeld(deps, mine, target, null);
    const held = await deps.names.get(mine.teamId, mine.nameKey);
    if (!held) continue;
    const live = held.state !== 'confirmed' && held.leaseUntil.getTime() > now;
    if (held.owner === mine.owner) {
      // The same owner twice at once (a double delivery) waits for the first's answer; an owner that runs alone
      // (an approved request) holding it can only be an attempt that was cut off.
      if (held.state === 'held' && live && !runsAlone) return err(busy(target.name));
      if (await deps.names.swap(held.token, mine)) return verifyHeld(deps, mine, target, held);
      continue;
    }
    const found = await groupsNamed(deps, target);
    if (found.length > 0) return err({ code: 'group_name_taken', name: target.name, existing: found });
    if (live) return err(busy(target.name));
    // Confirmed for a group that no longer has the name, or lapsed without a group: DocSpace says it is free.
    if (await deps.names.swap(held.token, mine)) {
      deps.logger.info({ name: target.name, previous: held.state }, 'took over a name reservation DocSpace shows free');
      return ok({ reservation: mine, recognised: null });
    }
  }
  return err(busy(target.name));
}

/**
 * Reserves the name a create or rename writes (null for other changes) and checks DocSpace while holding it. Refused
 * with group_name_taken or group_name_busy; a DocSpace failure while checking releases it and is a read failure.
 * `runsAlone`: no other attempt of this owner can be running (an approved request executes under its compare-and-set).
 */
export async function claimName(
  deps: NamesDeps,
  teamId: SlackTeamId,
  owner: string,
  change: GroupChange,
  options: { readonly runsAlone: boolean },
): Promise<Result<NameClaim | null, DomainFailure>> {
  const target = targetOf(change);
  if (!target) return ok(null);
  const now = deps.clock.now();
  const mine: NameReservation = {
    teamId,
    nameKey: groupNameKey(target.name),
    name: target.name,
    owner,
    token: globalThis.crypto.randomUUID(),
    state: 'held',
    groupId: null,
    leaseUntil: new Date(now.getTime() + NAME_LEASE_MS),
    updatedAt: now,
  };
  try {
    return await claim(deps, mine, target, options.runsAlone);
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    await deps.names.release(teamId, mine.nameKey, mine.token);
    return err(readFailure(error, 'find_group'));
  }
}

/** What the write under a claim did: applied (to that group), refused, or unknown (its answer was lost). */
export type WriteResult =
  | { readonly kind: 'applied'; readonly groupId: GroupId }
  | { readonly kind: 'refused' }
  | { readonly kind: 'unknown' };

async function settle(deps: NamesDeps, claimed: NameClaim, result: WriteResult): Promise<void> {
  const mine = claimed.reservation;
  const now = deps.clock.now();
  if (result.kind === 'refused') {
    await deps.names.release(mine.teamId, mine.nameKey, mine.token);
    return;
  }
  if (result.kind === 'unknown') {
    // The write may still land: keep others out for a lease; the owner's own retry recognises the group.
    const leaseUntil = new Date(now.getTime() + NAME_LEASE_MS);
    await deps.names.swap(mine.token, { ...mine, state: 'unknown', leaseUntil, updatedAt: now });
    return;
  }
  const confirmed: NameReservation = { ...mine, state: 'confirmed', groupId: result.groupId, updatedAt: now };
  await deps.names.swap(mine.token, { ...confirmed, leaseUntil: now });
  // A renamed group gives its old name back.
  await deps.names.releaseGroup(mine.teamId, result.groupId, mine.nameKey);
}

/**
 * Records what the write did on the reservation. DocSpace already answered, so a storage failure here is logged, never
 * thrown: the reservation then lapses after its lease and DocSpace decides.
 */
export async function settleName(deps: NamesDeps, claimed: NameClaim | null, result: WriteResult): Promise<void> {
  if (!claimed) return;
  try {
    await settle(deps, claimed, result);
  } catch (error) {
    deps.logger.error({ err: error, name: claimed.reservation.name }, 'could not record the name reservation');
  }
}

/** A deleted group gives its name back. */
export async function releaseGroupNames(deps: NamesDeps, teamId: SlackTeamId, groupId: GroupId): Promise<void> {
  try {
    await deps.names.releaseGroup(teamId, groupId, null);
  } catch (error) {
    deps.logger.error({ err: error, groupId }, 'could not release the name reservations of a deleted group');
  }
}
