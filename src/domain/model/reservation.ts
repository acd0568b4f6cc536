import type { GroupId, SlackTeamId } from './ids.js';

/**
 * held: its owner is writing (or crashed while writing) the name to DocSpace; unknown: DocSpace's answer to that write
 * was lost, so it may have been applied; confirmed: the write succeeded and the name belongs to `groupId`.
 */
export const NAME_RESERVATION_STATES = ['held', 'unknown', 'confirmed'] as const;
type NameReservationState = (typeof NAME_RESERVATION_STATES)[number];

/** One team's claim on a group name while a create or rename writes it, and what became of that write. */
export interface NameReservation {
  readonly teamId: SlackTeamId;
  /** The name as compared (groupNameKey): unique per team. */
  readonly nameKey: string;
  /** The name as written. */
  readonly name: string;
  /** Who asked: `request:<id>` for an approved request, `direct:<user>:<fingerprint>` for a direct change. */
  readonly owner: string;
  /** New at every claim; every change to the row is a compare-and-set on it. */
  readonly token: string;
  readonly state: NameReservationState;
  readonly groupId: GroupId | null;
  /** Until then a held or unknown reservation blocks other owners; after it, DocSpace decides. */
  readonly leaseUntil: Date;
  readonly updatedAt: Date;
}
