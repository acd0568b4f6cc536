import { describe, expect, it } from 'vitest';
import type { GroupId } from '../../../src/domain/model/ids.js';
import { isGatewayError } from '../../../src/domain/ports.js';
import { docspaceIdOf } from '../../helpers/domain-fakes.js';
import { createMemoryDocSpace } from '../../helpers/memory-docspace.js';

const alice = docspaceIdOf('alice');
const bob = docspaceIdOf('bob');
const dave = docspaceIdOf('dave');
const UNKNOWN = 'dddd0fff-0000-4000-8000-000000000fff' as typeof alice;

const ids = (users: ReadonlyArray<{ id: string }>) => users.map((u) => u.id);

describe('the in-memory DocSpace gateway keeps DocSpace group rules', () => {
  it('adds the manager as a member when a group is created', async () => {
    const docspace = createMemoryDocSpace();
    const { group } = await docspace.createGroup({ name: 'Development Team', managerId: alice, memberIds: [bob] });
    expect([group.manager?.id, ids(group.members), group.membersCount]).toEqual([alice, [alice, bob], 2]);
  });

  it('keeps the old manager as a plain member when the manager changes', async () => {
    const docspace = createMemoryDocSpace();
    const seeded = docspace.seedGroup({ name: 'Development Team', managerId: alice });
    const { group } = await docspace.setManager(seeded.id, bob);
    expect([group.manager?.id, ids(group.members)]).toEqual([bob, [alice, bob]]);
  });

  it('clears the manager when the manager is removed as a member', async () => {
    const docspace = createMemoryDocSpace();
    const seeded = docspace.seedGroup({ name: 'Development Team', managerId: alice, memberIds: [bob] });
    const { group, ignored } = await docspace.removeMembers(seeded.id, [alice]);
    expect([group.manager, ids(group.members), ignored.notRemoved]).toEqual([null, [bob], []]);
  });

  it('skips unknown, guest and disabled ids on add and reports them as not added', async () => {
    const docspace = createMemoryDocSpace();
    const seeded = docspace.seedGroup({ name: 'Development Team' });
    const asked = [dave, UNKNOWN, docspaceIdOf('gus'), docspaceIdOf('dora'), docspaceIdOf('pat')];
    const { group, ignored } = await docspace.addMembers(seeded.id, asked);
    expect(ids(group.members)).toEqual([dave, docspaceIdOf('pat')]);
    expect(ignored.notAdded).toEqual([UNKNOWN, docspaceIdOf('gus'), docspaceIdOf('dora')]);
  });

  it('ignores a guest manager on update and reports the manager as not set', async () => {
    const docspace = createMemoryDocSpace();
    const seeded = docspace.seedGroup({ name: 'Development Team', managerId: alice });
    const { group, ignored } = await docspace.updateGroup(seeded.id, { managerId: docspaceIdOf('gus') });
    expect([group.manager?.id, ignored.managerNotSet]).toEqual([alice, docspaceIdOf('gus')]);
  });

  it('lets remove win over add in one update', async () => {
    const docspace = createMemoryDocSpace();
    const seeded = docspace.seedGroup({ name: 'Development Team', memberIds: [bob] });
    const { group } = await docspace.updateGroup(seeded.id, { add: [dave], remove: [dave, bob] });
    expect(ids(group.members)).toEqual([]);
  });

  it('refuses an unknown user as manager with not_found', async () => {
    const docspace = createMemoryDocSpace();
    const seeded = docspace.seedGroup({ name: 'Development Team' });
    await expect(docspace.setManager(seeded.id, UNKNOWN)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses to create a group with a disabled member, as DocSpace 3.7 does', async () => {
    const docspace = createMemoryDocSpace();
    await expect(docspace.createGroup({ name: 'X', memberIds: [docspaceIdOf('dora')] })).rejects.toMatchObject({
      code: 'validation',
    });
  });

  it('hides disabled users from members and membersCount', async () => {
    const docspace = createMemoryDocSpace();
    const seeded = docspace.seedGroup({ name: 'Development Team', memberIds: [alice, bob] });
    docspace.updateUser(bob, { status: 'disabled' });
    const group = await docspace.getGroup(seeded.id);
    expect([ids(group.members), group.membersCount]).toEqual([[alice], 1]);
  });

  it('allows duplicate names and finds groups by exact, case-sensitive name only', async () => {
    const docspace = createMemoryDocSpace();
    docspace.seedGroup({ name: 'Design' });
    docspace.seedGroup({ name: 'Design' });
    docspace.seedGroup({ name: 'Design Ops' });
    docspace.seedGroup({ name: 'design' });
    expect((await docspace.findGroupsByName(' Design ')).map((g) => g.name)).toEqual(['Design', 'Design']);
  });

  it('lists groups whose names contain the filter, ignoring case, without members', async () => {
    const docspace = createMemoryDocSpace();
    docspace.seedGroup({ name: 'Design', memberIds: [alice] });
    docspace.seedGroup({ name: 'Marketing' });
    const page = await docspace.listGroups({ filterValue: 'SIGN' });
    expect(page).toEqual({ total: 1, groups: [expect.objectContaining({ name: 'Design', membersCount: 1 })] });
    expect(page.groups[0]).not.toHaveProperty('members');
  });

  it('throws a not_found gateway error for a missing or deleted group', async () => {
    const docspace = createMemoryDocSpace();
    const seeded = docspace.seedGroup({ name: 'Development Team' });
    await docspace.deleteGroup(seeded.id);
    const error = await docspace.getGroup(seeded.id).catch((e: unknown) => e);
    expect(isGatewayError(error) && error.code).toBe('not_found');
    await expect(docspace.deleteGroup('eeee0fff-0000-4000-8000-000000000fff' as GroupId)).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('finds users by exact lower-case email and answers not_found otherwise', async () => {
    const docspace = createMemoryDocSpace();
    expect((await docspace.getUserByEmail('mia.mixedcase@example.com')).id).toBe(docspaceIdOf('mia'));
    await expect(docspace.getUserByEmail('Mia.Mixedcase@Example.com')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('the in-memory DocSpace gateway knobs', () => {
  it('fails the next n calls with the given code, then answers again', async () => {
    const docspace = createMemoryDocSpace();
    docspace.failNext('rate_limited', 2);
    await expect(docspace.getSelf()).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(docspace.listGroups()).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(docspace.getSelf()).resolves.toMatchObject({ type: 'owner' });
  });

  it('fails only the named method when one is given', async () => {
    const docspace = createMemoryDocSpace();
    docspace.failNext('server_error', 1, 'createGroup');
    await docspace.listGroups();
    await expect(docspace.createGroup({ name: 'X' })).rejects.toMatchObject({ code: 'server_error' });
  });

  it('logs every call by method name and tells the writes apart', async () => {
    const docspace = createMemoryDocSpace();
    docspace.seedGroup({ name: 'seeded, not logged' });
    const { group } = await docspace.createGroup({ name: 'X' });
    await docspace.getGroup(group.id);
    await docspace.deleteGroup(group.id);
    expect(docspace.calls).toEqual(['createGroup', 'getGroup', 'deleteGroup']);
    expect(docspace.writeCalls()).toEqual(['createGroup', 'deleteGroup']);
  });
});
