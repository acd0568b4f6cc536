/**
 * Dry-run mode (DRY_RUN=true): the bot reads DocSpace as usual but sends no write. What it would have sent is kept as
 * typed calls, for replies, cards and the audit log.
 */

/** One DocSpace write the bot would have sent: exactly the method, path and JSON body the real client sends. */
export interface PlannedCall {
  /** The gateway operation, e.g. `addMembers`. */
  readonly operation: string;
  readonly method: 'POST' | 'PUT' | 'DELETE';
  /** Relative to the portal origin, e.g. `/api/2.0/group/{id}/members`. */
  readonly path: string;
  /** null when the call has no body (DELETE /group/{id}). */
  readonly body: unknown;
}

/** Marks a request made or decided in dry-run: it is never executed, and `calls` is what its rehearsal would send. */
export interface DryRunMark {
  readonly calls: readonly PlannedCall[];
}

export const NO_CALLS_YET: DryRunMark = { calls: [] };
