import type { CardPostProblem } from './card.js';
import type { DryRunMark } from './dry-run.js';
import type { Handover } from './handover.js';
import type { DocSpaceUserId, GroupId } from './ids.js';
import type { ChangeRequest } from './request.js';

export const GROUP_NAME_MAX = 128;

export const DOCSPACE_USER_STATUSES = ['active', 'pending', 'disabled'] as const;
export type DocSpaceUserStatus = (typeof DOCSPACE_USER_STATUSES)[number];
export const DOCSPACE_USER_TYPES = ['owner', 'admin', 'room_admin', 'user', 'guest'] as const;
export type DocSpaceUserType = (typeof DOCSPACE_USER_TYPES)[number];

/** A DocSpace account as the bot sees it; displayName is already HTML-decoded. */
export interface DocSpaceUser {
  readonly id: DocSpaceUserId;
  readonly displayName: string;
  readonly email: string | null;
  readonly status: DocSpaceUserStatus;
  readonly type: DocSpaceUserType;
}

/** A group as listed (GET /group): no members. */
export interface GroupSummary {
  readonly id: GroupId;
  readonly name: string;
  readonly manager: DocSpaceUser | null;
  readonly membersCount: number;
}

/** A group with its members (GET /group/{id}, every write response). */
export interface Group extends GroupSummary {
  readonly members: readonly DocSpaceUser[];
}

/** One change the bot can make to DocSpace groups. */
export type GroupChange =
  | {
      readonly kind: 'create';
      readonly name: string;
      readonly managerId: DocSpaceUserId | null;
      readonly memberIds: readonly DocSpaceUserId[];
    }
  | {
      readonly kind: 'set_manager';
      readonly groupId: GroupId;
      readonly managerId: DocSpaceUserId;
      /** Time-bound: an acting manager for this many ms, then the previous manager is restored. */
      readonly duration?: number;
    }
  | {
      readonly kind: 'members';
      readonly groupId: GroupId;
      readonly add: readonly DocSpaceUserId[];
      readonly remove: readonly DocSpaceUserId[];
      /** Time-bound: the added people are members for this many ms, then removed. */
      readonly duration?: number;
      /** A renewal of this grant (the people are already members): no DocSpace write, the grant's end moves. */
      readonly renews?: string;
    }
  | { readonly kind: 'rename'; readonly groupId: GroupId; readonly name: string }
  | { readonly kind: 'delete'; readonly groupId: GroupId };

export type GroupChangeKind = GroupChange['kind'];
export const GROUP_CHANGE_KINDS = [
  'create',
  'set_manager',
  'members',
  'rename',
  'delete',
] as const satisfies readonly GroupChangeKind[];

/** What DocSpace silently ignored in a write: it answers 200 and skips unknown, guest and disabled ids. */
export interface IgnoredByDocSpace {
  readonly managerNotSet: DocSpaceUserId | null;
  readonly notAdded: readonly DocSpaceUserId[];
  readonly notRemoved: readonly DocSpaceUserId[];
  readonly nameNotApplied: string | null;
}

export const NOTHING_IGNORED: IgnoredByDocSpace = {
  managerNotSet: null,
  notAdded: [],
  notRemoved: [],
  nameNotApplied: null,
};

export function somethingIgnored(ignored: IgnoredByDocSpace): boolean {
  return (
    ignored.managerNotSet !== null ||
    ignored.notAdded.length > 0 ||
    ignored.notRemoved.length > 0 ||
    ignored.nameNotApplied !== null
  );
}

export interface WriteOutcome {
  readonly group: Group;
  readonly ignored: IgnoredByDocSpace;
}

export function isDocSpaceAdmin(user: DocSpaceUser): boolean {
  return user.type === 'owner' || user.type === 'admin';
}

/** Names: 1..128 characters after trimming; DocSpace rejects blank names and silently accepts none longer. */
export function checkGroupName(raw: string): { ok: true; name: string } | { ok: false; reason: 'blank' | 'too_long' } {
  const name = raw.trim();
  if (name.length === 0) return { ok: false, reason: 'blank' };
  if (name.length > GROUP_NAME_MAX) return { ok: false, reason: 'too_long' };
  return { ok: true, name };
}

/** Asked-for users dropped before writing because the change would do nothing for them. */
export interface SkippedUsers {
  readonly alreadyMembers: readonly DocSpaceUser[];
  readonly notMembers: readonly DocSpaceUser[];
}

/** What an executed change did, for the reply, the card and the audit log. */
export interface ChangeReport {
  /** The change as executed (no-op parts already removed). */
  readonly change: GroupChange;
  readonly before: GroupSummary | null;
  /** null after a delete. */
  readonly after: Group | null;
  readonly ignored: IgnoredByDocSpace;
  readonly skipped: SkippedUsers;
  /** DocSpace user id -> display name, for every id in change, before and after. */
  readonly names: Readonly<Record<string, string>>;
  /** A create that found the group an earlier attempt of the same request made (that answer was lost): nothing written now. */
  readonly recognised?: boolean;
  /** A dry-run rehearsal: nothing was written; `after` is the group as the calls would have left it. */
  readonly dryRun?: DryRunMark;
  /** The audit entry that records this execution. */
  readonly auditId?: number;
  /** Set when the change can be undone: the entry an Undo names, and until when it may. */
  readonly undo?: { readonly entryId: number; readonly until: Date };
}

/** The result of a mutating command or modal: done now, or waiting for an approver. */
export type SubmitOutcome =
  | { readonly kind: 'executed'; readonly report: ChangeReport }
  | {
      readonly kind: 'requested';
      readonly request: ChangeRequest;
      /** false when an identical pending request existed and the caller was added to it. */
      readonly created: boolean;
      /**
       * Why the approvals card could not be posted just now (the request is stored anyway, and maintenance posts the
       * card later). null with no card on the request: another try is under way or not due yet.
       */
      readonly cardError: CardPostProblem | null;
    }
  /** HANDOVER_ACCEPTANCE=on: an admin's manager change waits for the incoming manager to accept; nothing written yet. */
  | { readonly kind: 'handover'; readonly handover: Handover };
