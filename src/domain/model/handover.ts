import type { DocSpaceUserId, GroupId, RequestId, SlackTeamId, SlackUserId } from './ids.js';

/**
 * waiting: the incoming manager was asked and has not answered. accepted: they accepted (the change then ran; its
 * result is in `outcome`). declined: they said no. expired: nobody answered within HANDOVER_TTL_HOURS.
 */
export const HANDOVER_STATUSES = ['waiting', 'accepted', 'declined', 'expired'] as const;
export type HandoverStatus = (typeof HANDOVER_STATUSES)[number];

export type HandoverId = string & { readonly __brand: 'HandoverId' };

/** What the incoming manager is shown, captured when they were asked (no DocSpace read to render it). */
export interface HandoverSnapshot {
  readonly groupName: string;
  readonly managerBefore: { readonly id: DocSpaceUserId; readonly displayName: string } | null;
  readonly members: readonly { readonly id: DocSpaceUserId; readonly displayName: string }[];
  /** How many members the group had (members may be cut short for large groups). */
  readonly membersCount: number;
  /** An admin's direct `manager … for <duration>`: the acting manager's time, which starts when the change runs. */
  readonly durationMs?: number;
}

/**
 * A manager change that waits for the incoming manager to accept (HANDOVER_ACCEPTANCE=on): asked directly by an admin
 * (requestId null), or an approved request (requestId set; the request stays `approved` until the answer).
 */
export interface Handover {
  readonly id: HandoverId;
  readonly teamId: SlackTeamId;
  readonly groupId: GroupId;
  readonly incomingDocSpaceId: DocSpaceUserId;
  readonly incomingSlackId: SlackUserId;
  readonly incomingName: string;
  /** The admin who asked, or the request's first requester. */
  readonly requestedBy: SlackUserId;
  /** The approver of the request; null for an admin's direct change. */
  readonly approvedBy: SlackUserId | null;
  readonly requestId: RequestId | null;
  readonly reason: string | null;
  readonly snapshot: HandoverSnapshot;
  readonly status: HandoverStatus;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly decidedAt: Date | null;
  /** Plain text: what the accepted change did, or why it did not run. */
  readonly outcome: string | null;
  /** Where the Accept / Decline message went, so it is updated once answered. */
  readonly dm: { readonly channelId: string; readonly ts: string } | null;
}

/** A compare-and-set on one handover: applies only while it is `waiting`. */
export interface HandoverTransition {
  readonly to: Exclude<HandoverStatus, 'waiting'>;
  readonly at: Date;
}

/** Random, URL-safe ids like H7KQ2M9XA4. */
export function randomHandoverId(): HandoverId {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(10));
  return `H${Array.from(bytes, (b) => alphabet[b % 32]).join('')}` as HandoverId;
}

const HANDOVER_ID = /^H[0-9A-Z]{10}$/;

export function toHandoverId(value: string): HandoverId | null {
  return HANDOVER_ID.test(value) ? (value as HandoverId) : null;
}
