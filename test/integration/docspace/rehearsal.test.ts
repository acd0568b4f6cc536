import { describe, expect, it } from 'vitest';
import { createRehearsal, withoutWrites } from '../../../src/docspace/index.js';
import type { GroupId } from '../../../src/domain/model/ids.js';
import { failureOf, seedTeam, setup, UNKNOWN_USER, userId } from './client-harness.js';

describe('DocSpace rehearsal (DRY_RUN): reads pass through, writes are recorded and never sent', () => {
  it('records the exact call an add would send and answers with the group it would leave, sending only GETs', async () => {
    const { fake, client } = await setup();
    const groupId = seedTeam(fake);
    const session = createRehearsal(client).open();
    const outcome = await session.gateway.addMembers(groupId, [userId('carol')]);
    expect(session.calls()).toEqual([
      {
        operation: 'addMembers',
        method: 'PUT',
        path: `/api/2.0/group/${groupId}/members`,
        body: { members: [userId('carol')] },
      },
    ]);
    expect(outcome.group.members.map((m) => m.displayName).sort()).toEqual([
      'Alice Archer',
      'Bob Baker',
      "Carol O'Neil",
    ]);
    expect(outcome.group.membersCount).toBe(3);
    expect(fake.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(fake.getGroup(groupId)?.memberIds).not.toContain(userId('carol'));
  });

  it('reports what DocSpace would ignore: an unknown id and a guest are not added', async () => {
    const { fake, client } = await setup();
    const groupId = seedTeam(fake);
    const session = createRehearsal(client).open();
    const outcome = await session.gateway.addMembers(groupId, [UNKNOWN_USER, userId('gus'), userId('carol')]);
    expect(outcome.ignored.notAdded).toEqual([UNKNOWN_USER, userId('gus')]);
    expect(fake.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('applies one update in DocSpace’s order (rename, manager, add, remove), the new manager becoming a member', async () => {
    const { fake, client } = await setup();
    const groupId = seedTeam(fake);
    const session = createRehearsal(client).open();
    const outcome = await session.gateway.updateGroup(groupId, {
      name: 'Platform',
      managerId: userId('carol'),
      remove: [userId('bob')],
    });
    expect(session.calls()[0]).toMatchObject({
      method: 'PUT',
      path: `/api/2.0/group/${groupId}`,
      body: { groupName: 'Platform', groupManager: userId('carol'), membersToRemove: [userId('bob')] },
    });
    expect(outcome.group.name).toBe('Platform');
    expect(outcome.group.manager?.id).toBe(userId('carol'));
    expect(outcome.group.members.map((m) => m.id)).not.toContain(userId('bob'));
    expect(fake.getGroup(groupId)?.name).toBe('Development Team');
  });

  it('keeps the calls of one session apart from another’s', async () => {
    const { fake, client } = await setup();
    const groupId = seedTeam(fake);
    const rehearsal = createRehearsal(client);
    const first = rehearsal.open();
    const second = rehearsal.open();
    await first.gateway.deleteGroup(groupId);
    expect(first.calls()).toEqual([
      { operation: 'deleteGroup', method: 'DELETE', path: `/api/2.0/group/${groupId}`, body: null },
    ]);
    expect(second.calls()).toEqual([]);
    expect(fake.getGroup(groupId)?.removed).toBe(false);
  });

  it('refuses bad input before recording anything, as the real client does', async () => {
    const { client } = await setup();
    const session = createRehearsal(client).open();
    const error = await failureOf(() => session.gateway.setManager('not-a-guid' as GroupId, userId('bob')));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(session.calls()).toEqual([]);
  });

  it('leaves a write-less gateway that reads, and throws on every write before sending it', async () => {
    const { fake, client } = await setup();
    const groupId = seedTeam(fake);
    const readOnly = withoutWrites(client);
    expect((await readOnly.getGroup(groupId)).name).toBe('Development Team');
    await expect(async () => readOnly.addMembers(groupId, [userId('carol')])).rejects.toThrow(/dry run/);
    await expect(async () => readOnly.deleteGroup(groupId)).rejects.toThrow(/dry run/);
    expect(fake.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
