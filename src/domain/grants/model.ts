import type { DocSpaceUserId, GroupId, RequestId, SlackTeamId, SlackUserId } from '../model/ids.js';

export const GRANT_KINDS = ['member', 'acting_manager'] as const;
type GrantKind = (typeof GRANT_KINDS)[number];

/**
 * active: running until endsAt. expiring: a sweep claimed it (lease) and is ending it, or failed to and retries at
 * leaseUntil. ended: over (expired, ended early, superseded, group gone). failed: every retry failed; admins were told.
 */
export const GRANT_STATES = ['active', 'expiring', 'ended', 'failed'] as const;
type GrantState = (typeof GRANT_STATES)[number];

/** Why a grant ended, kept on it and in the audit log. */
export const GRANT_OUTCOMES = [
  'removed',
  'restored',
  'already_removed',
  'manager_changed',
  'no_previous_manager',
  'group_deleted',
  'superseded',
  'failed',
] as const;
export type GrantOutcome = (typeof GRANT_OUTCOMES)[number];

/** Time-bound access: a membership, or an acting manager, that the bot ends by itself at endsAt. */
export interface Grant {
  readonly id: string;
  readonly teamId: SlackTeamId;
  readonly groupId: GroupId;
  /** The group's name when the grant started (for messages after the group is gone). */
  readonly groupName: string;
  readonly kind: GrantKind;
  /** The member, or the acting manager. */
  readonly userId: DocSpaceUserId;
  readonly userName: string;
  /** Their Slack account, when it is known (for DMs). */
  readonly memberSlackId: SlackUserId | null;
  /** Who asked (the admin who made it directly, or the first requester of the request). */
  readonly requesterSlackId: SlackUserId | null;
  /** For an acting manager: the manager to restore at expiry. */
  readonly previousManagerId: DocSpaceUserId | null;
  readonly previousManagerName: string | null;
  readonly durationMs: number;
  readonly startsAt: Date;
  readonly endsAt: Date;
  /** When the reminder is due; null once it was sent. */
  readonly remindAt: Date | null;
  readonly state: GrantState;
  /** While expiring: who holds it until when, or when the next retry is due. */
  readonly leaseUntil: Date | null;
  /** Expiry attempts started (each claim counts one). */
  readonly attempts: number;
  readonly lastError: string | null;
  readonly requestId: RequestId | null;
  readonly endedAt: Date | null;
  readonly outcome: GrantOutcome | null;
  readonly updatedAt: Date;
}

/** How long a claimed expiry may run before another sweep may take it over (a crash mid-expiry). */
export const GRANT_LEASE_MS = 2 * 60_000;
/** Expiry attempts before admins are told and the grant is marked failed. */
export const GRANT_MAX_ATTEMPTS = 5;

/** Backoff before the next expiry attempt: 30 s, 1 min, 2 min, 4 min … at most 30 min. */
export function grantRetryDelayMs(attempts: number): number {
  return Math.min(30 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * REMIND_BEFORE before the end; a grant too short for that (REMIND_BEFORE is more than half of it) is reminded a tenth
 * of its duration before the end instead (a 1-hour grant 6 minutes before).
 */
export function remindAtOf(startsAt: Date, endsAt: Date, remindBeforeMs: number): Date {
  const duration = endsAt.getTime() - startsAt.getTime();
  const before = remindBeforeMs * 2 <= duration ? remindBeforeMs : Math.floor(duration / 10);
  return new Date(endsAt.getTime() - before);
}

/** Random grant ids like G7KQ2M9XA4. */
export function randomGrantId(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(10));
  return `G${Array.from(bytes, (b) => alphabet[b % 32]).join('')}`;
}

/** What changed an active grant's end (a renewal), as a compare-and-set on the end it had. */
export interface GrantRenewal {
  readonly fromEndsAt: Date;
  readonly endsAt: Date;
  readonly remindAt: Date | null;
  readonly at: Date;
}

/** How a grant's expiry ended: the CAS holds only for the claim that made this attempt. */
export interface GrantFinish {
  readonly attempts: number;
  readonly state: 'ended' | 'failed';
  readonly outcome: GrantOutcome;
  readonly at: Date;
  readonly error?: string | null;
}
