import type { AuditEntry } from '../model/audit.js';
import type { IdentityFailure } from '../model/failures.js';
import type { GroupSummary } from '../model/group.js';
import type { SlackUserId } from '../model/ids.js';
import type { UserMapping } from '../model/mapping.js';
import type { ChangeRequest } from '../model/request.js';
import type { Role } from '../policy.js';

/** How many rows each Home list holds at most; the rest is counted ("and N more"). */
export const HOME_LIMITS = {
  groups: 15,
  waiting: 10,
  mine: 10,
  recent: 10,
} as const;

/** One list on the Home: the first rows, and how many there are in all. */
export interface HomeList<T> {
  readonly items: readonly T[];
  readonly total: number;
}

/** The person's groups, from the two DocSpace reads of a render (or reused from one less than 30 s old). */
export interface HomeGroups {
  /** GET /group?userId=…&manager=true */
  readonly managed: HomeList<GroupSummary>;
  /** GET /group?userId=…, without the groups already under `managed`. */
  readonly member: HomeList<GroupSummary>;
  /** When DocSpace answered these reads. */
  readonly readAt: Date;
}

/** Everything a Home shows, from storage and at most two DocSpace reads. */
export type HomeFacts =
  | {
      /** No usable DocSpace account: the Home explains linking, nothing else. */
      readonly kind: 'unlinked';
      readonly viewer: SlackUserId;
      readonly role: Role;
      /** Why there is no account; null when it could not be checked (docspaceDown). */
      readonly why: IdentityFailure | null;
      readonly docspaceDown: boolean;
    }
  | {
      readonly kind: 'linked';
      readonly viewer: SlackUserId;
      readonly role: Role;
      readonly mapping: UserMapping;
      /** null when DocSpace did not answer: the rest is still shown, with a line saying so. */
      readonly groups: HomeGroups | null;
      /** Approvers only: pending requests they may decide (not their own), oldest first. */
      readonly waiting: HomeList<ChangeRequest> | null;
      /** Their own pending requests, oldest first. */
      readonly mine: HomeList<ChangeRequest>;
      /** Admins only: the newest audit entries. */
      readonly recent: readonly AuditEntry[] | null;
    };
