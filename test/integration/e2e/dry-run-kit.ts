import type { AuditEntry } from '../../../src/domain/model/audit.js';
import type { PlannedCall } from '../../../src/domain/model/dry-run.js';
import type { Harness } from '../../helpers/harness.js';

/** Shared steps of the dry-run end-to-end tests (DRY_RUN=true). */

export const DRY_RUN_ENV = { DRY_RUN: 'true' } as const;

export const DRY_RUN_LINE = 'Dry run: nothing was changed.';

/** Every DocSpace request the double received that could change something: in dry-run there must be none. */
export function nonGetRequests(h: Harness) {
  return h.docspace.requests.filter((r) => r.method !== 'GET');
}

/** Audit entries, oldest first. */
export async function auditEntries(h: Harness): Promise<AuditEntry[]> {
  return (await h.container.storage.audit.list({ limit: 500 })).reverse();
}

/** The calls a `dry_run` audit entry says the change would have sent. */
export function callsIn(entry: AuditEntry | undefined): PlannedCall[] {
  return ((entry?.after ?? {}) as { calls?: PlannedCall[] }).calls ?? [];
}

export const mentionOf = (slackId: string) => `<@${slackId}>`;
