import { describe, expect, it } from 'vitest';
import { submitChange } from '../../../../src/domain/groups/service.js';
import type { AuditEntry } from '../../../../src/domain/model/audit.js';
import type { GroupId } from '../../../../src/domain/model/ids.js';
import { invert } from '../../../../src/domain/undo/inverse.js';
import { undoSourceOf } from '../../../../src/domain/undo/source.js';
import { offerUndo, undoChange } from '../../../../src/domain/undo/undo.js';
import {
  callerOf,
  type DomainTestDeps,
  docspaceIdOf,
  groupNamed,
  makeDomainDeps,
  mention,
  seedDevTeam,
} from '../../../helpers/domain-fakes.js';

const alice = docspaceIdOf('alice');
const bob = docspaceIdOf('bob');
const carol = docspaceIdOf('carol');
const devTeam = groupNamed('Development Team');

/** An admin's direct change; returns the audit entry id its reply's Undo names. */
async function adminChanges(deps: DomainTestDeps, ask: Parameters<typeof submitChange>[2]): Promise<number> {
  const result = await submitChange(deps, callerOf('owner'), ask, null);
  if (!result.ok || result.value.kind !== 'executed') throw new Error(`expected execution: ${JSON.stringify(result)}`);
  const offered = offerUndo(deps, result.value.report).undo;
  if (!offered) throw new Error('expected an Undo offer');
  return offered.entryId;
}

function entry(overrides: Partial<AuditEntry>): AuditEntry {
  return {
    id: 1,
    at: new Date(0),
    teamId: null,
    actorSlackId: null,
    actorDocSpaceId: null,
    onBehalfOf: [],
    requestId: null,
    action: 'members',
    groupId: null,
    groupName: null,
    before: null,
    after: null,
    outcome: 'succeeded',
    detail: null,
    ...overrides,
  };
}

describe('undoSourceOf: what an audit entry says a change did', () => {
  const group = { id: 'g-1', name: 'Ops', managerId: alice, membersCount: 2, memberIds: [alice, bob] };

  it('reads an entry written before entries kept names (no names, no undoes)', () => {
    const source = undoSourceOf(
      entry({ after: { ...group, change: { kind: 'members', groupId: 'g-1', add: [bob], remove: [] } } }),
    );
    expect(source.ok && source.value.names).toEqual({});
    expect(source.ok && source.value.after.memberIds).toEqual([alice, bob]);
  });

  it('answers delete for a delete, and not_applied for a change that failed or did nothing', () => {
    expect(undoSourceOf(entry({ action: 'delete', after: { change: { kind: 'delete', groupId: 'g-1' } } }))).toEqual({
      ok: false,
      error: 'delete',
    });
    const failed = entry({ outcome: 'failed', after: null });
    expect(undoSourceOf(failed)).toEqual({ ok: false, error: 'not_applied' });
    expect(undoSourceOf(entry({ outcome: 'no_op', after: { change: { kind: 'rename' } } }))).toEqual({
      ok: false,
      error: 'not_applied',
    });
  });

  it('answers not_a_change for decisions and for a stored after it cannot read', () => {
    expect(undoSourceOf(entry({ action: 'approve', outcome: 'recorded' }))).toEqual({
      ok: false,
      error: 'not_a_change',
    });
    expect(undoSourceOf(entry({ after: { ...group, change: { kind: 'members', add: 'x' } } }))).toEqual({
      ok: false,
      error: 'not_a_change',
    });
  });
});

describe('invert: the inverse against the group as it is now', () => {
  const now = (memberIds: string[], managerId: string | null = alice, name = 'Ops') => ({
    id: 'g-1' as GroupId,
    name,
    manager: managerId
      ? { id: managerId as never, displayName: 'M', email: null, status: 'active' as const, type: 'user' as const }
      : null,
    membersCount: memberIds.length,
    members: memberIds.map((id) => ({
      id: id as never,
      displayName: id,
      email: null,
      status: 'active' as const,
      type: 'user' as const,
    })),
  });

  it('reverses only what DocSpace applied: an added id it skipped is not removed', () => {
    const source = undoSourceOf(
      entry({
        after: {
          id: 'g-1',
          name: 'Ops',
          managerId: alice,
          memberIds: [alice, bob],
          change: { kind: 'members', groupId: 'g-1', add: [bob, carol], remove: [] },
        },
      }),
    );
    if (!source.ok) throw new Error('unreadable');
    expect(invert(source.value, now([alice, bob]))).toEqual({
      change: { kind: 'members', groupId: 'g-1', add: [], remove: [bob] },
      leftAlone: [],
    });
  });

  it('cannot restore "no manager": DocSpace has no way to unset one', () => {
    const source = undoSourceOf(
      entry({
        action: 'set_manager',
        before: { id: 'g-1', name: 'Ops', managerId: null, membersCount: 1 },
        after: {
          id: 'g-1',
          name: 'Ops',
          managerId: bob,
          change: { kind: 'set_manager', groupId: 'g-1', managerId: bob },
        },
      }),
    );
    if (!source.ok) throw new Error('unreadable');
    expect(invert(source.value, now([bob], bob))).toEqual({
      change: null,
      leftAlone: [{ kind: 'no_previous_manager' }],
    });
  });

  it('leaves everything alone when the group is gone', () => {
    const source = undoSourceOf(
      entry({
        after: { id: 'g-1', name: 'Ops', managerId: null, change: { kind: 'rename', groupId: 'g-1', name: 'Ops' } },
      }),
    );
    if (!source.ok) throw new Error('unreadable');
    expect(invert(source.value, null)).toEqual({ change: null, leftAlone: [{ kind: 'group_gone' }] });
  });
});

describe('undoChange', () => {
  it('changes nothing and stays available when DocSpace fails while re-reading the group', async () => {
    const deps = makeDomainDeps();
    seedDevTeam(deps.docspace);
    const entryId = await adminChanges(deps, { kind: 'members', group: devTeam, add: [mention('carol')], remove: [] });
    deps.docspace.failNext('timeout', 1, 'getGroup');
    const first = await undoChange(deps, callerOf('owner'), { kind: 'entry', entryId });
    expect(first.ok ? 'ok' : first.error.code).toBe('docspace_failed');
    const second = await undoChange(deps, callerOf('owner'), { kind: 'entry', entryId });
    expect(second.ok && second.value.kind).toBe('executed');
    expect(deps.docspace.peekGroups()[0]?.members.map((m) => m.id)).not.toContain(carol);
  });

  it('keeps the claim when a write may have been applied, so the undo is never run twice', async () => {
    const deps = makeDomainDeps();
    seedDevTeam(deps.docspace);
    const entryId = await adminChanges(deps, { kind: 'members', group: devTeam, add: [mention('carol')], remove: [] });
    deps.docspace.failNext('timeout', 1, 'removeMembers');
    const first = await undoChange(deps, callerOf('owner'), { kind: 'entry', entryId });
    expect(!first.ok && first.error.code === 'docspace_failed' && first.error.phase).toBe('write');
    const second = await undoChange(deps, callerOf('owner'), { kind: 'entry', entryId });
    expect(second.ok ? 'ok' : second.error.code).toBe('undo_taken');
  });

  it('refuses an entry of another workspace as unknown', async () => {
    const deps = makeDomainDeps();
    seedDevTeam(deps.docspace);
    const entryId = await adminChanges(deps, { kind: 'members', group: devTeam, add: [mention('carol')], remove: [] });
    const stranger = { ...callerOf('owner'), teamId: 'T0OTHER001' as never };
    const result = await undoChange(deps, stranger, { kind: 'entry', entryId });
    expect(result.ok ? 'ok' : result.error).toEqual({ code: 'undo_unavailable', reason: 'not_found' });
  });

  it('renames back only while the old name is free', async () => {
    const deps = makeDomainDeps();
    seedDevTeam(deps.docspace);
    const entryId = await adminChanges(deps, { kind: 'rename', group: devTeam, name: 'Platform Team' });
    deps.docspace.seedGroup({ name: 'Development Team', managerId: bob, memberIds: [bob] });
    const result = await undoChange(deps, callerOf('owner'), { kind: 'entry', entryId });
    expect(result.ok ? 'ok' : result.error.code).toBe('group_name_taken');
    expect(deps.docspace.writeCalls()).toEqual(['updateGroup']);
  });

  it('offers no Undo when UNDO_WINDOW_MINUTES is 0, and none for a delete', async () => {
    const deps = { ...makeDomainDeps(), undoWindowMs: 0 };
    seedDevTeam(deps.docspace);
    const result = await submitChange(deps, callerOf('owner'), { kind: 'rename', group: devTeam, name: 'X' }, null);
    expect(result.ok && result.value.kind === 'executed' && offerUndo(deps, result.value.report).undo).toBe(undefined);
    const open = makeDomainDeps();
    seedDevTeam(open.docspace);
    const deleted = await submitChange(open, callerOf('owner'), { kind: 'delete', group: devTeam }, null);
    expect(deleted.ok && deleted.value.kind === 'executed' && offerUndo(open, deleted.value.report).undo).toBe(
      undefined,
    );
  });
});
