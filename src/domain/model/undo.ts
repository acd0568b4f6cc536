import type { CardPostProblem } from './card.js';
import type { ChangeReport } from './group.js';
import type { DocSpaceUserId, RequestId, SlackTeamId, SlackUserId } from './ids.js';
import type { ChangeRequest } from './request.js';

/** What an Undo button names: an audit entry (on a direct change's reply) or a request (on its card). */
export type UndoTarget =
  | { readonly kind: 'entry'; readonly entryId: number }
  | { readonly kind: 'request'; readonly requestId: RequestId };

/** The change an undo reverses: its audit entry, and the request it was made for (null for a direct change). */
export interface UndoLink {
  readonly entryId: number;
  readonly requestId: RequestId | null;
}

/**
 * A part of a change that Undo did not reverse, because the group is no longer as the change left it (someone changed
 * it since), or because DocSpace cannot go back to it.
 */
export type LeftAlone =
  /** The change added them; they have left the group since, so there is nothing to remove. */
  | { readonly kind: 'member_left'; readonly userId: DocSpaceUserId }
  /** The change removed them; they are back in the group since, so there is nothing to re-add. */
  | { readonly kind: 'member_back'; readonly userId: DocSpaceUserId }
  /** The change made `expected` the manager; the manager is someone else (or nobody) now. */
  | { readonly kind: 'manager_moved'; readonly expected: DocSpaceUserId; readonly current: DocSpaceUserId | null }
  /** The group had no manager before the change, and DocSpace has no way to unset a manager. */
  | { readonly kind: 'no_previous_manager' }
  /** The change renamed the group to `expected`; it is called `current` now. */
  | { readonly kind: 'renamed_since'; readonly expected: string; readonly current: string }
  /** The change created the group; it was changed since (these parts differ), so it is not deleted. */
  | { readonly kind: 'group_changed'; readonly parts: readonly ('name' | 'manager' | 'members')[] }
  /** The group is not in DocSpace any more. */
  | { readonly kind: 'group_gone' };

/** What an Undo did: executed now (admins), or filed as a request that says what it undoes (everyone else). */
export type UndoOutcome =
  | {
      readonly kind: 'executed';
      readonly report: ChangeReport;
      readonly leftAlone: readonly LeftAlone[];
      readonly undoes: UndoLink;
    }
  | {
      readonly kind: 'requested';
      readonly request: ChangeRequest;
      readonly created: boolean;
      readonly cardError: CardPostProblem | null;
      readonly leftAlone: readonly LeftAlone[];
      readonly undoes: UndoLink;
    };

/** The one undo of an audit entry: whoever stores it first holds it (a compare-and-set across replicas). */
export interface UndoClaim {
  readonly entryId: number;
  readonly teamId: SlackTeamId;
  /** Only the holder's token can release it or attach a request to it. */
  readonly token: string;
  readonly claimedBy: SlackUserId;
  readonly claimedAt: Date;
  /** The request filed for the undo, when it waits for approval. */
  readonly requestId: RequestId | null;
}
