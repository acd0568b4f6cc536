import { describe, expect, it } from 'vitest';
import type { DocSpaceClient } from '../../../src/docspace/client.js';
import { DocSpaceInputError } from '../../../src/docspace/errors.js';
import { type DocSpaceUserId, EMPTY_GUID, type GroupId } from '../../../src/domain/model/ids.js';
import { validateAgainstSchema } from '../../helpers/openapi.js';
import { failureOf, seedTeam, setup, UNKNOWN_USER, userId } from './client-harness.js';

const GROUP = '8f0b3c1e-2d4a-4c55-9a3e-1b2c3d4e5f60' as GroupId;
const BAD_USER = 'alice' as DocSpaceUserId;
const BAD_GROUP = 'not-a-guid' as GroupId;

describe('DocSpace client: request bodies match the OpenAPI request schemas', () => {
  it('sends a create body that validates as GroupRequestDto', async () => {
    const { client, fake } = await setup();
    await client.createGroup({ name: ' Development Team ', managerId: userId('alice'), memberIds: [userId('bob')] });
    const body = fake.requests[0]?.body;
    expect([body, validateAgainstSchema('GroupRequestDto', body)]).toEqual([
      { groupName: 'Development Team', groupManager: userId('alice'), members: [userId('bob')] },
      { valid: true, errors: [] },
    ]);
  });

  it('omits groupManager and members from a create body that has none', async () => {
    const { client, fake } = await setup();
    await client.createGroup({ name: 'Solo' });
    expect(fake.requests[0]?.body).toEqual({ groupName: 'Solo' });
  });

  it('sends an update body that validates as UpdateGroupRequest', async () => {
    const { client, fake } = await setup();
    const id = seedTeam(fake);
    await client.updateGroup(id, {
      name: 'Platform',
      managerId: userId('bob'),
      add: [userId('dave')],
      remove: [userId('alice')],
    });
    const body = fake.requests[0]?.body;
    expect([body, validateAgainstSchema('UpdateGroupRequest', body)]).toEqual([
      {
        groupName: 'Platform',
        groupManager: userId('bob'),
        membersToAdd: [userId('dave')],
        membersToRemove: [userId('alice')],
      },
      { valid: true, errors: [] },
    ]);
  });

  it('sends only the fields an update asks for, never null or an empty string', async () => {
    const { client, fake } = await setup();
    const id = seedTeam(fake);
    await client.updateGroup(id, { add: [userId('dave')] });
    expect(fake.requests[0]?.body).toEqual({ membersToAdd: [userId('dave')] });
  });

  it('sends a set-manager body that validates as SetManagerRequest', async () => {
    const { client, fake } = await setup();
    const id = seedTeam(fake);
    await client.setManager(id, userId('bob'));
    const body = fake.requests[0]?.body;
    expect([fake.requests[0]?.path, body, validateAgainstSchema('SetManagerRequest', body)]).toEqual([
      `/api/2.0/group/${id}/manager`,
      { userId: userId('bob') },
      { valid: true, errors: [] },
    ]);
  });

  it('sends add and remove bodies that validate as MembersRequest', async () => {
    const { client, fake } = await setup();
    const id = seedTeam(fake);
    await client.addMembers(id, [userId('dave')]);
    await client.removeMembers(id, [userId('dave')]);
    const results = fake.requests.map((r) => validateAgainstSchema('MembersRequest', r.body));
    expect(results).toEqual([
      { valid: true, errors: [] },
      { valid: true, errors: [] },
    ]);
  });

  it('sends an empty list, never null, when asked to add no members', async () => {
    const { client, fake } = await setup();
    const id = seedTeam(fake);
    await client.addMembers(id, []);
    expect(fake.requests[0]?.body).toEqual({ members: [] });
  });
});

describe('DocSpace client: verify after write', () => {
  it('reports a guest, a disabled user and an unknown id as notAdded while adding the rest', async () => {
    const { client, fake } = await setup();
    const id = seedTeam(fake);
    const outcome = await client.addMembers(id, [userId('dave'), userId('gus'), userId('dora'), UNKNOWN_USER]);
    expect([outcome.group.members.some((m) => m.id === userId('dave')), outcome.ignored]).toEqual([
      true,
      {
        managerNotSet: null,
        notAdded: [userId('gus'), userId('dora'), UNKNOWN_USER],
        notRemoved: [],
        nameNotApplied: null,
      },
    ]);
  });

  it('reports a guest asked as manager as managerNotSet', async () => {
    const { client, fake } = await setup();
    const id = seedTeam(fake);
    const outcome = await client.updateGroup(id, { managerId: userId('gus') });
    expect([outcome.group.manager?.id, outcome.ignored.managerNotSet]).toEqual([userId('alice'), userId('gus')]);
  });

  it('does not report an id in both add and remove as notAdded', async () => {
    const { client, fake } = await setup();
    const id = seedTeam(fake);
    const outcome = await client.updateGroup(id, { add: [userId('dave')], remove: [userId('dave')] });
    expect(outcome.ignored).toEqual({ managerNotSet: null, notAdded: [], notRemoved: [], nameNotApplied: null });
  });
});

describe('DocSpace client: bad input is refused before any HTTP call', () => {
  const refusals: [string, (client: DocSpaceClient) => Promise<unknown>][] = [
    ['a malformed group id', (c) => c.getGroup(BAD_GROUP)],
    ['a blank group name', (c) => c.createGroup({ name: '   ' })],
    ['a group name over 128 characters', (c) => c.createGroup({ name: 'x'.repeat(129) })],
    ['a malformed manager id', (c) => c.createGroup({ name: 'Team', managerId: BAD_USER })],
    ['a malformed member id', (c) => c.createGroup({ name: 'Team', memberIds: [userId('bob'), BAD_USER] })],
    ['the empty GUID as manager', (c) => c.setManager(GROUP, EMPTY_GUID as DocSpaceUserId)],
    ['a malformed id to add', (c) => c.addMembers(GROUP, [BAD_USER])],
    ['a malformed group id on remove', (c) => c.removeMembers(BAD_GROUP, [userId('bob')])],
    ['a malformed group id on delete', (c) => c.deleteGroup(BAD_GROUP)],
    ['a blank rename', (c) => c.updateGroup(GROUP, { name: '' })],
    ['a malformed id to remove in an update', (c) => c.updateGroup(GROUP, { remove: [BAD_USER] })],
    ['count 0', (c) => c.listGroups({ count: 0 })],
    ['count 101', (c) => c.listGroups({ count: 101 })],
    ['an empty email', (c) => c.getUserByEmail('  ')],
    ['a malformed user id', (c) => c.getUserById(BAD_USER)],
    ['a blank name to find', (c) => c.findGroupsByName(' ')],
    ['a blank people search', (c) => c.searchPeople('')],
  ];

  it.each(refusals)('refuses %s with DocSpaceInputError and sends nothing', async (_label, run) => {
    const { client, fake } = await setup();
    const error = await failureOf(() => run(client));
    expect([error instanceof DocSpaceInputError, fake.requests]).toEqual([true, []]);
  });

  it('names the operation and path template in the refusal', async () => {
    const { client } = await setup();
    expect((await failureOf(() => client.addMembers(BAD_GROUP, []))).message).toBe(
      'DocSpace addMembers (PUT /api/2.0/group/{id}/members) failed: invalid input: group id "not-a-guid" is not a GUID',
    );
  });
});
