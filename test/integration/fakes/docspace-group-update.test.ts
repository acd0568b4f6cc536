import { describe, expect, it } from 'vitest';
import type { FakeDocSpace } from '../../fakes/docspace-server.js';
import { docspaceIdOf } from '../../fixtures/people.js';
import { validateAgainstSchema } from '../../helpers/openapi.js';
import {
  call,
  type Envelope,
  type ErrorEnvelope,
  type GroupJson,
  memberIdsOf,
  type ProblemDetails,
  startFake,
} from './docspace-harness.js';

const UNKNOWN_ID = '0badc0de-0000-4000-8000-000000000000';

/** A group managed by alice with members alice and bob. */
function seedTeam(fake: FakeDocSpace): string {
  return fake.seedGroup({ name: 'Team', managerId: docspaceIdOf('alice'), memberIds: [docspaceIdOf('bob')] }).id;
}

async function put(fake: FakeDocSpace, path: string, body: unknown) {
  return call<Envelope<GroupJson>>(fake, 'PUT', path, { body });
}

describe('fake DocSpace: PUT /group/{id}', () => {
  it('renames the group and answers a body that validates as GroupWrapper', async () => {
    const fake = await startFake();
    const id = seedTeam(fake);
    const res = await put(fake, `/group/${id}`, { groupName: 'Renamed' });
    expect(res.json.response.name).toBe('Renamed');
    expect(validateAgainstSchema('GroupWrapper', res.json)).toEqual({ valid: true, errors: [] });
  });

  it('treats an empty body object as a no-op', async () => {
    const fake = await startFake();
    const id = seedTeam(fake);
    const res = await put(fake, `/group/${id}`, {});
    expect(res.status).toBe(200);
    expect(fake.getGroup(id)).toMatchObject({ name: 'Team', managerId: docspaceIdOf('alice') });
  });

  it('changes the manager and leaves the old manager a member', async () => {
    const fake = await startFake();
    const id = seedTeam(fake);
    const res = await put(fake, `/group/${id}`, { groupManager: docspaceIdOf('dave') });
    expect(res.json.response.manager?.id).toBe(docspaceIdOf('dave'));
    expect(memberIdsOf(res.json.response)).toEqual(
      [docspaceIdOf('alice'), docspaceIdOf('bob'), docspaceIdOf('dave')].sort(),
    );
  });

  it('adds and removes members in one call', async () => {
    const fake = await startFake();
    const id = seedTeam(fake);
    const res = await put(fake, `/group/${id}`, {
      membersToAdd: [docspaceIdOf('dave')],
      membersToRemove: [docspaceIdOf('bob')],
    });
    expect(memberIdsOf(res.json.response)).toEqual([docspaceIdOf('alice'), docspaceIdOf('dave')].sort());
  });

  it('lets membersToRemove win over membersToAdd for the same id', async () => {
    const fake = await startFake();
    const id = seedTeam(fake);
    const res = await put(fake, `/group/${id}`, {
      membersToAdd: [docspaceIdOf('dave')],
      membersToRemove: [docspaceIdOf('dave')],
    });
    expect(memberIdsOf(res.json.response)).not.toContain(docspaceIdOf('dave'));
  });

  it('clears the manager when the manager is removed', async () => {
    const fake = await startFake();
    const id = seedTeam(fake);
    const res = await put(fake, `/group/${id}`, { membersToRemove: [docspaceIdOf('alice')] });
    expect(res.json.response).not.toHaveProperty('manager');
    expect(fake.getGroup(id)?.managerId).toBeNull();
  });

  it.each([
    ['unknown', UNKNOWN_ID],
    ['guest', docspaceIdOf('gus')],
    ['disabled', docspaceIdOf('dora')],
  ])('silently ignores a %s id as manager and member with 200', async (_label, userId) => {
    const fake = await startFake();
    const id = seedTeam(fake);
    const res = await put(fake, `/group/${id}`, {
      groupManager: userId,
      membersToAdd: [userId],
      membersToRemove: [userId],
    });
    expect(res.status).toBe(200);
    expect(res.json.response.manager?.id).toBe(docspaceIdOf('alice'));
    expect(memberIdsOf(res.json.response)).toEqual([docspaceIdOf('alice'), docspaceIdOf('bob')].sort());
  });

  it('rejects a missing body with the validation-shape 400', async () => {
    const fake = await startFake();
    const id = seedTeam(fake);
    const res = await call<Envelope<ProblemDetails>>(fake, 'PUT', `/group/${id}`);
    expect(res.status).toBe(400);
    expect(res.json.status).toBe(1);
  });

  it('rejects a name longer than 128 characters with the validation-shape 400', async () => {
    const fake = await startFake();
    const id = seedTeam(fake);
    const res = await call<Envelope<ProblemDetails>>(fake, 'PUT', `/group/${id}`, {
      body: { groupName: 'n'.repeat(129) },
    });
    expect(res.json.response.errors).toHaveProperty('GroupName');
    expect(fake.getGroup(id)?.name).toBe('Team');
  });
});

describe('fake DocSpace: /group/{id}/members', () => {
  it('adds members with PUT, idempotently, skipping invalid ids', async () => {
    const fake = await startFake();
    const id = seedTeam(fake);
    const res = await put(fake, `/group/${id}/members`, {
      members: [docspaceIdOf('bob'), docspaceIdOf('dave'), docspaceIdOf('gus'), UNKNOWN_ID],
    });
    expect(res.status).toBe(200);
    expect(memberIdsOf(res.json.response)).toEqual(
      [docspaceIdOf('alice'), docspaceIdOf('bob'), docspaceIdOf('dave')].sort(),
    );
    expect(validateAgainstSchema('GroupWrapper', res.json).errors).toEqual([]);
  });

  it.each([
    ['null members', { members: null }],
    ['missing members', {}],
  ])('answers 500 to PUT with %s like bug 81484', async (_label, body) => {
    const fake = await startFake();
    const id = seedTeam(fake);
    const res = await call<ErrorEnvelope>(fake, 'PUT', `/group/${id}/members`, { body });
    expect(res.status).toBe(500);
    expect(res.json).toMatchObject({ status: 1, statusCode: 500, error: { type: 'System.NullReferenceException' } });
  });

  it('removes members with DELETE and clears the manager when it is among them', async () => {
    const fake = await startFake();
    const id = seedTeam(fake);
    const res = await call<Envelope<GroupJson>>(fake, 'DELETE', `/group/${id}/members`, {
      body: { members: [docspaceIdOf('alice')] },
    });
    expect(memberIdsOf(res.json.response)).toEqual([docspaceIdOf('bob')]);
    expect(res.json.response).not.toHaveProperty('manager');
  });

  it('rejects DELETE /members without a body with 400', async () => {
    const fake = await startFake();
    const id = seedTeam(fake);
    const res = await call(fake, 'DELETE', `/group/${id}/members`);
    expect(res.status).toBe(400);
    expect(fake.getGroup(id)?.memberIds).toHaveLength(2);
  });

  it('replaces all members with POST and clears the manager', async () => {
    const fake = await startFake();
    const id = seedTeam(fake);
    const res = await call<Envelope<GroupJson>>(fake, 'POST', `/group/${id}/members`, {
      body: { members: [docspaceIdOf('dave'), docspaceIdOf('gus')] },
    });
    expect(memberIdsOf(res.json.response)).toEqual([docspaceIdOf('dave')]);
    expect(res.json.response).not.toHaveProperty('manager');
  });

  it('rejects a replace whose ids are all invalid with 400 "Members" and keeps the group', async () => {
    const fake = await startFake();
    const id = seedTeam(fake);
    const res = await call<ErrorEnvelope>(fake, 'POST', `/group/${id}/members`, {
      body: { members: [docspaceIdOf('dora')] },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toBe('Members');
    expect(fake.getGroup(id)).toMatchObject({
      managerId: docspaceIdOf('alice'),
      memberIds: [docspaceIdOf('alice'), docspaceIdOf('bob')],
    });
  });
});

describe('fake DocSpace: PUT /group/{id}/manager', () => {
  it('sets the manager, adds them as a member and validates as GroupWrapper', async () => {
    const fake = await startFake();
    const id = seedTeam(fake);
    const res = await put(fake, `/group/${id}/manager`, { userId: docspaceIdOf('pat') });
    expect(res.json.response.manager?.id).toBe(docspaceIdOf('pat'));
    expect(memberIdsOf(res.json.response)).toContain(docspaceIdOf('pat'));
    expect(validateAgainstSchema('GroupWrapper', res.json)).toEqual({ valid: true, errors: [] });
  });

  it('answers 404 "The user could not be found" for a nonexistent user', async () => {
    const fake = await startFake();
    const id = seedTeam(fake);
    const res = await call<ErrorEnvelope>(fake, 'PUT', `/group/${id}/manager`, { body: { userId: UNKNOWN_ID } });
    expect(res.status).toBe(404);
    expect(res.json.error.message).toBe('The user could not be found');
  });

  it.each([
    ['guest', docspaceIdOf('gus')],
    ['disabled', docspaceIdOf('dora')],
  ])('answers 200 without a change for a %s user', async (_label, userId) => {
    const fake = await startFake();
    const id = seedTeam(fake);
    const res = await put(fake, `/group/${id}/manager`, { userId });
    expect(res.status).toBe(200);
    expect(fake.getGroup(id)).toMatchObject({
      managerId: docspaceIdOf('alice'),
      memberIds: [docspaceIdOf('alice'), docspaceIdOf('bob')],
    });
  });

  it.each([
    ['a missing userId', {}],
    ['a null userId', { userId: null }],
    ['an empty userId', { userId: '' }],
    ['a malformed userId', { userId: 'bob' }],
  ])('rejects %s with the validation-shape 400', async (_label, body) => {
    const fake = await startFake();
    const id = seedTeam(fake);
    const res = await call<Envelope<ProblemDetails>>(fake, 'PUT', `/group/${id}/manager`, { body });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ status: 1, response: { title: 'One or more validation errors occurred.' } });
  });
});
