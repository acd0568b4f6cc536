import { describe, expect, it } from 'vitest';
import type { ChangeAsk } from '../../../../src/domain/groups/ask.js';
import { submitChange } from '../../../../src/domain/groups/service.js';
import {
  callerOf,
  type DomainTestDeps,
  docspaceIdOf,
  groupNamed,
  makeDomainDeps,
  mention,
  seedDevTeam,
  slackIdOf,
} from '../../../helpers/domain-fakes.js';

const devTeam = groupNamed('Development Team');

async function adminSubmits(deps: DomainTestDeps, ask: ChangeAsk) {
  const result = await submitChange(deps, callerOf('owner'), ask, null);
  if (!result.ok || result.value.kind !== 'executed')
    throw new Error(`expected execution, got ${JSON.stringify(result)}`);
  return result.value.report;
}

async function onlyAuditEntry(deps: DomainTestDeps) {
  const entries = await deps.audit.list({ limit: 10 });
  expect(entries).toHaveLength(1);
  return entries[0];
}

describe('submitChange by an admin', () => {
  it('creates a group with one DocSpace write, the manager among the members', async () => {
    const deps = makeDomainDeps();
    const ask: ChangeAsk = {
      kind: 'create',
      name: 'Development Team',
      manager: mention('alice'),
      members: [mention('bob')],
    };
    const report = await adminSubmits(deps, ask);
    expect(deps.docspace.writeCalls()).toEqual(['createGroup']);
    expect(report.after?.manager?.id).toBe(docspaceIdOf('alice'));
    expect(report.after?.members.map((m) => m.id)).toEqual([docspaceIdOf('alice'), docspaceIdOf('bob')]);
  });

  it('audits a create with no before-state, the group after and who did it', async () => {
    const deps = makeDomainDeps();
    await adminSubmits(deps, { kind: 'create', name: 'Development Team', manager: mention('alice'), members: [] });
    const created = deps.docspace.peekGroups()[0];
    expect(await onlyAuditEntry(deps)).toMatchObject({
      action: 'create',
      actorSlackId: slackIdOf('owner'),
      actorDocSpaceId: docspaceIdOf('owner'),
      requestId: null,
      groupId: created?.id,
      groupName: 'Development Team',
      before: null,
      after: { name: 'Development Team', managerId: docspaceIdOf('alice'), memberIds: [docspaceIdOf('alice')] },
      outcome: 'succeeded',
    });
  });

  it('sets a manager with one write, keeps the old manager as a member and audits before and after', async () => {
    const deps = makeDomainDeps();
    const group = seedDevTeam(deps.docspace);
    const report = await adminSubmits(deps, { kind: 'set_manager', group: devTeam, manager: mention('dave') });
    expect(deps.docspace.writeCalls()).toEqual(['setManager']);
    expect(report.after?.members.map((m) => m.id)).toContain(docspaceIdOf('alice'));
    expect(await onlyAuditEntry(deps)).toMatchObject({
      action: 'set_manager',
      groupId: group.id,
      before: { managerId: docspaceIdOf('alice') },
      after: { managerId: docspaceIdOf('dave') },
      outcome: 'succeeded',
    });
  });

  it('adds members with one addMembers write', async () => {
    const deps = makeDomainDeps();
    seedDevTeam(deps.docspace);
    await adminSubmits(deps, { kind: 'members', group: devTeam, add: [mention('dave')], remove: [] });
    expect(deps.docspace.writeCalls()).toEqual(['addMembers']);
  });

  it('removes members with one removeMembers write', async () => {
    const deps = makeDomainDeps();
    seedDevTeam(deps.docspace);
    await adminSubmits(deps, { kind: 'members', group: devTeam, add: [], remove: [mention('bob')] });
    expect(deps.docspace.writeCalls()).toEqual(['removeMembers']);
  });

  it('adds and removes members together with one updateGroup write and audits the member lists', async () => {
    const deps = makeDomainDeps();
    seedDevTeam(deps.docspace);
    await adminSubmits(deps, { kind: 'members', group: devTeam, add: [mention('dave')], remove: [mention('bob')] });
    expect(deps.docspace.writeCalls()).toEqual(['updateGroup']);
    expect(await onlyAuditEntry(deps)).toMatchObject({
      action: 'members',
      before: { membersCount: 2 },
      after: { memberIds: [docspaceIdOf('alice'), docspaceIdOf('dave')] },
      outcome: 'succeeded',
    });
  });

  it('renames a group with one write and audits the old and new names', async () => {
    const deps = makeDomainDeps();
    seedDevTeam(deps.docspace);
    await adminSubmits(deps, { kind: 'rename', group: devTeam, name: 'Platform Team' });
    expect(deps.docspace.writeCalls()).toEqual(['updateGroup']);
    expect(await onlyAuditEntry(deps)).toMatchObject({
      action: 'rename',
      groupName: 'Platform Team',
      before: { name: 'Development Team' },
      after: { name: 'Platform Team' },
    });
  });

  it('deletes a group with one write and audits it under the name it had', async () => {
    const deps = makeDomainDeps();
    const group = seedDevTeam(deps.docspace);
    const report = await adminSubmits(deps, { kind: 'delete', group: devTeam });
    expect([deps.docspace.writeCalls(), deps.docspace.peekGroup(group.id), report.after]).toEqual([
      ['deleteGroup'],
      null,
      null,
    ]);
    expect(await onlyAuditEntry(deps)).toMatchObject({
      action: 'delete',
      groupId: group.id,
      groupName: 'Development Team',
      before: { name: 'Development Team' },
      outcome: 'succeeded',
    });
  });

  it('makes no request and posts no card for an admin change', async () => {
    const deps = makeDomainDeps();
    seedDevTeam(deps.docspace);
    await adminSubmits(deps, { kind: 'rename', group: devTeam, name: 'Platform Team' });
    expect([await deps.requests.listPending(callerOf('owner').teamId, { limit: 10 }), deps.notifier.posted]).toEqual([
      [],
      [],
    ]);
  });

  it('runs the Development Team scenario with one write per step and one audit entry per write', async () => {
    const deps = makeDomainDeps();
    await adminSubmits(deps, {
      kind: 'create',
      name: 'Development Team',
      manager: mention('alice'),
      members: [mention('bob'), mention('carol')],
    });
    const add: ChangeAsk = {
      kind: 'members',
      group: devTeam,
      add: [mention('dave'), { kind: 'email', email: 'hal@example.com' }],
      remove: [],
    };
    await adminSubmits(deps, add);
    await adminSubmits(deps, { kind: 'set_manager', group: devTeam, manager: mention('bob') });
    await adminSubmits(deps, { kind: 'members', group: devTeam, add: [], remove: [mention('alice')] });
    await adminSubmits(deps, { kind: 'rename', group: devTeam, name: 'Platform Team' });
    const [group] = deps.docspace.peekGroups();
    expect(group?.name).toBe('Platform Team');
    expect(group?.manager?.id).toBe(docspaceIdOf('bob'));
    expect(group?.members.map((m) => m.id).sort()).toEqual(
      [docspaceIdOf('bob'), docspaceIdOf('carol'), docspaceIdOf('dave'), docspaceIdOf('hal')].sort(),
    );
    expect(deps.docspace.writeCalls()).toHaveLength(5);
    const audit = (await deps.audit.list({ limit: 10 })).reverse();
    expect(audit.map((e) => [e.action, e.outcome])).toEqual([
      ['create', 'succeeded'],
      ['members', 'succeeded'],
      ['set_manager', 'succeeded'],
      ['members', 'succeeded'],
      ['rename', 'succeeded'],
    ]);
  });
});
