import { describe, expect, it } from 'vitest';
import { DocSpaceNotFoundError } from '../../../src/docspace/errors.js';
import { failureOf, seedTeam, setup, userId } from './client-harness.js';

const idsOf = (users: readonly { id: string }[]) => users.map((u) => u.id).sort();
const NOTHING_IGNORED = { managerNotSet: null, notAdded: [], notRemoved: [], nameNotApplied: null };

describe('DocSpace client: the example scenario', () => {
  it('creates "Development Team" managed by alice with alice and bob as members', async () => {
    const { client } = await setup();
    const created = await client.createGroup({
      name: 'Development Team',
      managerId: userId('alice'),
      memberIds: [userId('alice'), userId('bob')],
    });
    expect({
      name: created.group.name,
      manager: created.group.manager?.id,
      members: idsOf(created.group.members),
      ignored: created.ignored,
    }).toEqual({
      name: 'Development Team',
      manager: userId('alice'),
      members: [userId('alice'), userId('bob')].sort(),
      ignored: NOTHING_IGNORED,
    });
  });

  it('makes bob the manager with setManager and keeps alice as a member', async () => {
    const { client, fake } = await setup();
    const { group } = await client.createGroup({
      name: 'Development Team',
      managerId: userId('alice'),
      memberIds: [userId('alice'), userId('bob')],
    });
    const outcome = await client.setManager(group.id, userId('bob'));
    expect([outcome.group.manager?.id, idsOf(outcome.group.members), outcome.ignored]).toEqual([
      userId('bob'),
      [userId('alice'), userId('bob')].sort(),
      NOTHING_IGNORED,
    ]);
    expect(fake.getGroup(group.id)?.managerId).toBe(userId('bob'));
  });

  it('makes bob the manager through updateGroup with managerId and keeps alice as a member', async () => {
    const { client, fake } = await setup();
    const id = seedTeam(fake);
    const outcome = await client.updateGroup(id, { managerId: userId('bob') });
    expect([outcome.group.manager?.id, idsOf(outcome.group.members), outcome.ignored]).toEqual([
      userId('bob'),
      [userId('alice'), userId('bob')].sort(),
      NOTHING_IGNORED,
    ]);
  });
});

describe('DocSpace client: findGroupsByName', () => {
  it('returns every group whose name equals the trimmed input exactly, across pages', async () => {
    const { client, fake } = await setup();
    for (let n = 0; n < 150; n += 1) fake.seedGroup({ name: `Development Team ${n}` });
    const first = fake.seedGroup({ name: 'Development Team' }).id;
    fake.seedGroup({ name: 'development team' });
    fake.seedGroup({ name: 'Old Development Team' });
    const second = fake.seedGroup({ name: 'Development Team' }).id;
    const found = await client.findGroupsByName('  Development Team ');
    expect(found.map((g) => g.id).sort()).toEqual([first, second].sort());
  });

  it('pages with filterValue, count=100 and increasing startIndex until the total is reached', async () => {
    const { client, fake } = await setup();
    for (let n = 0; n < 150; n += 1) fake.seedGroup({ name: `Marketing ${n}` });
    await client.findGroupsByName('Marketing');
    expect(fake.requests.map((r) => r.query)).toEqual([
      { filterValue: 'Marketing', count: '100', startIndex: '0' },
      { filterValue: 'Marketing', count: '100', startIndex: '100' },
    ]);
  });

  it('returns an empty list when no group has that name', async () => {
    const { client, fake } = await setup();
    seedTeam(fake);
    expect(await client.findGroupsByName('Nobody')).toEqual([]);
  });
});

describe('DocSpace client: member writes and delete', () => {
  it('adds members with PUT /group/{id}/members', async () => {
    const { client, fake } = await setup();
    const id = seedTeam(fake);
    const outcome = await client.addMembers(id, [userId('dave'), userId('pat')]);
    expect([idsOf(outcome.group.members), fake.requests[0]?.method, fake.requests[0]?.path]).toEqual([
      [userId('alice'), userId('bob'), userId('dave'), userId('pat')].sort(),
      'PUT',
      `/api/2.0/group/${id}/members`,
    ]);
  });

  it('removes members with DELETE /group/{id}/members carrying a JSON body', async () => {
    const { client, fake } = await setup();
    const id = seedTeam(fake);
    const outcome = await client.removeMembers(id, [userId('bob')]);
    expect([idsOf(outcome.group.members), fake.requests[0]?.method, fake.requests[0]?.body]).toEqual([
      [userId('alice')],
      'DELETE',
      { members: [userId('bob')] },
    ]);
  });

  it('renames, adds and removes in one PUT /group/{id}', async () => {
    const { client, fake } = await setup();
    const id = seedTeam(fake);
    const outcome = await client.updateGroup(id, {
      name: ' Platform ',
      add: [userId('dave')],
      remove: [userId('bob')],
    });
    expect([outcome.group.name, idsOf(outcome.group.members), outcome.ignored, fake.requests.length]).toEqual([
      'Platform',
      [userId('alice'), userId('dave')].sort(),
      NOTHING_IGNORED,
      1,
    ]);
  });

  it('deletes a group answered with 204 and no body', async () => {
    const { client, fake } = await setup();
    const id = seedTeam(fake);
    await client.deleteGroup(id);
    expect([fake.requests[0]?.status, fake.getGroup(id)?.removed]).toEqual([204, true]);
  });

  it('reports a deleted group as not found afterwards', async () => {
    const { client, fake } = await setup();
    const id = seedTeam(fake);
    await client.deleteGroup(id);
    expect(await failureOf(() => client.getGroup(id))).toBeInstanceOf(DocSpaceNotFoundError);
  });
});
