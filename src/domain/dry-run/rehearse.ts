import { groupForAudit, recordAudit } from '../audit-log.js';
import { type NameClaim, type NamesDeps, settleName } from '../groups/names.js';
import type { Plan } from '../groups/plan.js';
import type { NewAuditEntry } from '../model/audit.js';
import type { PlannedCall } from '../model/dry-run.js';
import { type ChangeReport, NOTHING_IGNORED, type WriteOutcome } from '../model/group.js';
import type { AuditRepo } from '../ports.js';

/** DRY_RUN: how an execution that sent nothing ends. The domain flow ran as usual up to the write; nothing lasts. */

type RehearsalDeps = NamesDeps & { readonly audit: AuditRepo };

/** The audit fields every outcome of one execution shares (auditBase in groups/execute.ts). */
type AuditBase = Omit<NewAuditEntry, 'groupId' | 'groupName' | 'after' | 'outcome' | 'detail'>;

export const DRY_RUN_NOTE = 'dry run: nothing was changed';

/**
 * A rehearsed write: audited as `dry_run` with the calls it would have sent, its name claim released (no group was
 * created or renamed, so the name must stay free), and reported with the group as the calls would have left it.
 */
export async function finishRehearsal(
  deps: RehearsalDeps,
  plan: Plan,
  base: AuditBase,
  claimed: NameClaim | null,
  rehearsed: { readonly outcome: WriteOutcome | null; readonly calls: readonly PlannedCall[] },
): Promise<ChangeReport> {
  await settleName(deps, claimed, { kind: 'refused' });
  const change = plan.change;
  const after = rehearsed.outcome?.group ?? null;
  await recordAudit(deps, {
    ...base,
    action: 'dry_run',
    groupId: change.kind === 'create' ? null : change.groupId,
    groupName: change.kind === 'create' ? change.name : (plan.before?.name ?? null),
    after: { change, calls: rehearsed.calls, wouldLeave: groupForAudit(after) },
    outcome: 'recorded',
    detail: DRY_RUN_NOTE,
  });
  // Names the plan already knows win: a simulated member read by id carries the same name anyway.
  const names: Record<string, string> = {};
  for (const m of after?.members ?? []) names[m.id] = m.displayName;
  if (after?.manager) names[after.manager.id] = after.manager.displayName;
  return {
    change,
    before: plan.before,
    after: change.kind === 'delete' ? null : after,
    ignored: rehearsed.outcome?.ignored ?? NOTHING_IGNORED,
    skipped: plan.skipped,
    names: { ...names, ...plan.names },
    dryRun: { calls: rehearsed.calls },
  };
}
