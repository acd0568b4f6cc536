import type { DocSpaceUser, Group, GroupChange, GroupSummary, IgnoredByDocSpace } from './group.js';
import type { ChangeRequest } from './ports.js';

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
}

/** The result of a mutating command or modal: done now, or waiting for an approver. */
export type SubmitOutcome =
  | { readonly kind: 'executed'; readonly report: ChangeReport }
  | {
      readonly kind: 'requested';
      readonly request: ChangeRequest;
      /** false when an identical pending request existed and the caller was added to it. */
      readonly created: boolean;
      /** Set when the approvals card could not be posted; the request is stored anyway. */
      readonly cardError: string | null;
    };
