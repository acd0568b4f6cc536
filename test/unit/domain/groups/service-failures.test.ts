import { describe, expect, it } from 'vitest';
import type { ChangeAsk } from '../../../../src/domain/groups/ask.js';
import { showGroup, submitChange } from '../../../../src/domain/groups/service.js';
import type { GroupId } from '../../../../src/domain/model/ids.js';
import {
  callerOf,
  docspaceIdOf,
  groupNamed,
  makeDomainDeps,
  mention,
  seedDevTeam,
  slackIdOf,
} from '../../../helpers/domain-fakes.js';

const owner = callerOf('owner');
const addDave = (name: string): ChangeAsk => ({
  kind: 'members',
  group: groupNamed(name),
  add: [mention('dave')],
  remove: [],
});

describe('submitChange when the group or a name is wrong', () => {
  it('answers group_not_found with close names for a misspelt group', async () => {
    const deps = makeDomainDeps();
    seedDevTeam(deps.docspace);
    deps.docspace.seedGroup({ name: 'Marketing' });
    const result = await submitChange(deps, owner, addDave('Developmnt Team'), null);
    expect(result).toEqual({
      ok: false,
      error: { code: 'group_not_found', query: 'Developmnt Team', suggestions: ['Development Team'] },
    });
    expect(deps.docspace.writeCalls()).toEqual([]);
  });

  it('answers group_not_found with no suggestions for an unknown group id', async () => {
    const deps = makeDomainDeps();
    const id = 'eeee0fff-0000-4000-8000-000000000fff' as GroupId;
    const result = await submitChange(deps, owner, { kind: 'delete', group: { kind: 'id', id } }, null);
    expect(result).toEqual({ ok: false, error: { code: 'group_not_found', query: id, suggestions: [] } });
  });

  it('answers group_ambiguous, listing every match, when several groups share the name', async () => {
    const deps = makeDomainDeps();
    const first = deps.docspace.seedGroup({ name: 'Design' });
    const second = deps.docspace.seedGroup({ name: 'Design' });
    const result = await submitChange(deps, owner, addDave('Design'), null);
    expect(!result.ok && result.error.code === 'group_ambiguous' && result.error.matches.map((g) => g.id)).toEqual([
      first.id,
      second.id,
    ]);
    expect(deps.docspace.writeCalls()).toEqual([]);
  });

  it('refuses to create a group whose name is taken', async () => {
    const deps = makeDomainDeps();
    const existing = seedDevTeam(deps.docspace);
    const ask: ChangeAsk = { kind: 'create', name: ' Development Team ', manager: null, members: [] };
    const result = await submitChange(deps, owner, ask, null);
    expect(!result.ok && result.error).toMatchObject({
      code: 'group_name_taken',
      name: 'Development Team',
      existing: [{ id: existing.id }],
    });
    expect(deps.docspace.writeCalls()).toEqual([]);
  });

  it('refuses to rename a group to a name another group has', async () => {
    const deps = makeDomainDeps();
    seedDevTeam(deps.docspace);
    deps.docspace.seedGroup({ name: 'Platform Team' });
    const result = await submitChange(
      deps,
      owner,
      { kind: 'rename', group: groupNamed('Development Team'), name: 'Platform Team' },
      null,
    );
    expect(!result.ok && result.error.code).toBe('group_name_taken');
  });

  it('refuses a blank group name without calling DocSpace about groups', async () => {
    const deps = makeDomainDeps();
    const result = await submitChange(deps, owner, { kind: 'create', name: '   ', manager: null, members: [] }, null);
    expect(result).toEqual({ ok: false, error: { code: 'invalid_name', reason: 'blank' } });
    expect(deps.docspace.calls).not.toContain('findGroupsByName');
  });

  it('fails the whole change, listing every user that cannot be used, and writes nothing', async () => {
    const deps = makeDomainDeps();
    seedDevTeam(deps.docspace);
    const ask: ChangeAsk = {
      kind: 'members',
      group: groupNamed('Development Team'),
      add: [mention('dave'), mention('gus'), { kind: 'email', email: 'nobody@example.com' }],
      remove: [],
    };
    const result = await submitChange(deps, owner, ask, null);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'identity',
        failures: [
          { code: 'docspace_user_guest', who: { kind: 'slack', id: slackIdOf('gus') } },
          { code: 'docspace_user_not_found', who: { kind: 'email', email: 'nobody@example.com' } },
        ],
      },
    });
    expect(deps.docspace.writeCalls()).toEqual([]);
  });
});

describe('submitChange when DocSpace is down', () => {
  it('answers docspace_failed when the write fails and records nothing as done', async () => {
    const deps = makeDomainDeps();
    const group = seedDevTeam(deps.docspace);
    deps.docspace.failNext('server_error', 1, 'addMembers');
    const result = await submitChange(deps, owner, addDave('Development Team'), null);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'docspace_failed',
        kind: 'server_error',
        phase: 'write',
        step: 'members',
        mayHaveApplied: true,
        scope: 'accounts:write',
        retryAfterSeconds: null,
      },
    });
    expect(deps.docspace.peekGroup(group.id)?.members.map((m) => m.id)).not.toContain(docspaceIdOf('dave'));
    const audit = await deps.audit.list({ limit: 10 });
    expect(audit.map((e) => [e.action, e.outcome])).toEqual([['members', 'failed']]);
  });

  it('answers docspace_failed when the group cannot be looked up, with no audit entry', async () => {
    const deps = makeDomainDeps();
    seedDevTeam(deps.docspace);
    deps.docspace.failNext('timeout', 1, 'findGroupsByName');
    const result = await submitChange(deps, owner, addDave('Development Team'), null);
    expect(!result.ok && result.error).toMatchObject({ code: 'docspace_failed', kind: 'timeout' });
    expect(await deps.audit.list({ limit: 10 })).toEqual([]);
  });

  it('answers authority_unconfirmed when the caller cannot be identified because DocSpace is down', async () => {
    const deps = makeDomainDeps();
    seedDevTeam(deps.docspace);
    deps.docspace.failNext('network', 1, 'getUserByEmail');
    const result = await submitChange(deps, callerOf('alice'), addDave('Development Team'), null);
    expect(!result.ok && result.error).toEqual({
      code: 'authority_unconfirmed',
      kind: 'network',
      retryAfterSeconds: null,
    });
    expect(await deps.requests.listPending(owner.teamId, { limit: 10 })).toEqual([]);
  });

  it('answers docspace_failed from showGroup when DocSpace is down', async () => {
    const deps = makeDomainDeps();
    deps.docspace.failNext('server_error');
    const result = await showGroup(deps, groupNamed('Development Team'));
    expect(!result.ok && result.error.code).toBe('docspace_failed');
  });
});
