import { describe, expect, it } from 'vitest';
import { docspaceIdOf } from '../../fixtures/people.js';
import { validateAgainstSchema } from '../../helpers/openapi.js';
import {
  call,
  createdGroupId,
  createGroup,
  type Envelope,
  type ErrorEnvelope,
  type GroupJson,
  memberIdsOf,
  type ProblemDetails,
  startFake,
} from './docspace-harness.js';

const UNKNOWN_ID = '0badc0de-0000-4000-8000-000000000000';

describe('fake DocSpace: the example scenario', () => {
  it('moves the manager role from alice to bob and keeps alice as a member', async () => {
    const fake = await startFake();
    const created = await createGroup(fake, {
      groupName: 'Development Team',
      groupManager: docspaceIdOf('alice'),
      members: [docspaceIdOf('alice'), docspaceIdOf('bob')],
    });
    expect(created.status).toBe(200);
    const id = created.json.response.id;

    const res = await call<Envelope<GroupJson>>(fake, 'PUT', `/group/${id}/manager`, {
      body: { userId: docspaceIdOf('bob') },
    });

    expect(res.status).toBe(200);
    expect(res.json.response.manager?.id).toBe(docspaceIdOf('bob'));
    expect(memberIdsOf(res.json.response)).toEqual([docspaceIdOf('alice'), docspaceIdOf('bob')].sort());
    expect(fake.getGroup(id)).toMatchObject({
      managerId: docspaceIdOf('bob'),
      memberIds: [docspaceIdOf('alice'), docspaceIdOf('bob')],
    });
  });
});

describe('fake DocSpace: POST /group', () => {
  it('answers the created group with members in the success envelope that validates as GroupWrapper', async () => {
    const fake = await startFake();
    const res = await createGroup(fake, {
      groupName: 'Ops',
      groupManager: docspaceIdOf('alice'),
      members: [docspaceIdOf('bob')],
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.json).toMatchObject({ count: 1, status: 0, statusCode: 200 });
    expect(res.json.links).toEqual([{ href: `${fake.url}/api/2.0/group`, action: 'POST' }]);
    expect(res.json).not.toHaveProperty('total');
    expect(res.json.response.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(validateAgainstSchema('GroupWrapper', res.json)).toEqual({ valid: true, errors: [] });
  });

  it('adds the manager as a member when the group is created with only a manager', async () => {
    const fake = await startFake();
    const res = await createGroup(fake, { groupName: 'Solo', groupManager: docspaceIdOf('alice') });
    expect(res.json.response.membersCount).toBe(1);
    expect(memberIdsOf(res.json.response)).toEqual([docspaceIdOf('alice')]);
  });

  it('omits manager when the group is created without one', async () => {
    const fake = await startFake();
    const res = await createGroup(fake, { groupName: 'No boss', members: [docspaceIdOf('bob')] });
    expect(res.status).toBe(200);
    expect(res.json.response).not.toHaveProperty('manager');
  });

  it('allows two groups with the same name', async () => {
    const fake = await startFake();
    const first = await createdGroupId(fake, { groupName: 'Twins' });
    const second = await createdGroupId(fake, { groupName: 'Twins' });
    expect(first).not.toBe(second);
    expect(fake.listGroups().map((g) => g.name)).toEqual(['Twins', 'Twins']);
  });

  it('de-duplicates repeated member ids', async () => {
    const fake = await startFake();
    const res = await createGroup(fake, { groupName: 'Dup', members: [docspaceIdOf('bob'), docspaceIdOf('bob')] });
    expect(res.json.response.membersCount).toBe(1);
  });

  it('accepts a pending (invited) user as a member', async () => {
    const fake = await startFake();
    const res = await createGroup(fake, { groupName: 'Invitees', members: [docspaceIdOf('pat')] });
    expect(memberIdsOf(res.json.response)).toEqual([docspaceIdOf('pat')]);
  });

  it('accepts a name of exactly 128 characters', async () => {
    const fake = await startFake();
    const res = await createGroup(fake, { groupName: 'n'.repeat(128) });
    expect(res.status).toBe(200);
  });

  it.each([
    ['a missing name', {}],
    ['an empty name', { groupName: '' }],
    ['a name longer than 128 characters', { groupName: 'n'.repeat(129) }],
    ['an empty-string manager', { groupName: 'X', groupManager: '' }],
    ['a malformed member GUID', { groupName: 'X', members: ['not-a-guid'] }],
  ])('rejects %s with the validation-shape 400 and creates nothing', async (_label, body) => {
    const fake = await startFake();
    const res = await createGroup(fake, body);
    const json = res.json as unknown as Envelope<ProblemDetails>;
    expect(res.status).toBe(400);
    expect(json).toMatchObject({ count: 1, status: 1, statusCode: 400 });
    expect(json.response).toMatchObject({ title: 'One or more validation errors occurred.', status: 400 });
    expect(Object.keys(json.response.errors ?? {}).length).toBeGreaterThan(0);
    expect(fake.listGroups()).toEqual([]);
  });

  it('rejects a whitespace-only name with the error-shape 400', async () => {
    const fake = await startFake();
    const res = await call<ErrorEnvelope>(fake, 'POST', '/group', { body: { groupName: '   ' } });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ status: 1, statusCode: 400, error: { type: 'System.ArgumentException' } });
  });

  it.each([
    ['an unknown manager', { groupManager: UNKNOWN_ID }],
    ['a guest manager', { groupManager: docspaceIdOf('gus') }],
    ['a disabled manager', { groupManager: docspaceIdOf('dora') }],
    ['an unknown member', { members: [UNKNOWN_ID] }],
    ['a guest member', { members: [docspaceIdOf('bob'), docspaceIdOf('gus')] }],
    ['a disabled member', { members: [docspaceIdOf('dora')] }],
  ])('rejects %s with 400 "The user could not be found" and creates nothing', async (_label, extra) => {
    const fake = await startFake();
    const res = await call<ErrorEnvelope>(fake, 'POST', '/group', { body: { groupName: 'X', ...extra } });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toBe('The user could not be found');
    expect(fake.listGroups()).toEqual([]);
  });
});

describe('fake DocSpace: GET /group/{id}', () => {
  it('includes members by default and validates as GroupWrapper', async () => {
    const fake = await startFake();
    const id = await createdGroupId(fake, {
      groupName: 'G',
      groupManager: docspaceIdOf('alice'),
      members: [docspaceIdOf('bob')],
    });
    const res = await call<Envelope<GroupJson>>(fake, 'GET', `/group/${id}`);
    expect(res.status).toBe(200);
    expect(memberIdsOf(res.json.response)).toEqual([docspaceIdOf('alice'), docspaceIdOf('bob')].sort());
    expect(res.json.response).toMatchObject({ name: 'G', membersCount: 2, isLDAP: false });
    expect(validateAgainstSchema('GroupWrapper', res.json).errors).toEqual([]);
  });

  it('omits members when includeMembers=false but keeps membersCount', async () => {
    const fake = await startFake();
    const id = await createdGroupId(fake, { groupName: 'G', members: [docspaceIdOf('bob')] });
    const res = await call<Envelope<GroupJson>>(fake, 'GET', `/group/${id}?includeMembers=false`);
    expect(res.json.response).not.toHaveProperty('members');
    expect(res.json.response.membersCount).toBe(1);
  });

  it('accepts an upper-case GUID in the path', async () => {
    const fake = await startFake();
    const id = await createdGroupId(fake, { groupName: 'G' });
    const res = await call<Envelope<GroupJson>>(fake, 'GET', `/group/${id.toUpperCase()}`);
    expect(res.json.response.id).toBe(id);
  });

  it('answers 404 "The group could not be found" in the error envelope for an unknown id', async () => {
    const fake = await startFake();
    const res = await call<ErrorEnvelope>(fake, 'GET', `/group/${UNKNOWN_ID}`);
    expect(res.status).toBe(404);
    expect(res.json).toEqual({
      error: {
        message: 'The group could not be found',
        type: 'ASC.Common.Web.ItemNotFoundException',
        stack: expect.any(String),
        hresult: -2146233088,
      },
      status: 1,
      statusCode: 404,
    });
  });

  it('answers 404 with an empty body for a malformed GUID in the path', async () => {
    const fake = await startFake();
    const res = await call(fake, 'GET', '/group/not-a-guid');
    expect(res.status).toBe(404);
    expect(res.text).toBe('');
  });

  it('hides disabled users from members and membersCount but still shows a disabled manager', async () => {
    const fake = await startFake();
    const id = await createdGroupId(fake, {
      groupName: 'G',
      groupManager: docspaceIdOf('alice'),
      members: [docspaceIdOf('bob')],
    });
    fake.setUserStatus(docspaceIdOf('alice'), 'disabled');
    const res = await call<Envelope<GroupJson>>(fake, 'GET', `/group/${id}`);
    expect(memberIdsOf(res.json.response)).toEqual([docspaceIdOf('bob')]);
    expect(res.json.response.membersCount).toBe(1);
    expect(res.json.response.manager).toMatchObject({ id: docspaceIdOf('alice'), status: 2 });
  });
});

describe('fake DocSpace: DELETE /group/{id}', () => {
  it('answers 204 with no body and no content type', async () => {
    const fake = await startFake();
    const id = await createdGroupId(fake, { groupName: 'Doomed' });
    const res = await call(fake, 'DELETE', `/group/${id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(res.headers.get('content-type')).toBeNull();
    expect(fake.listGroups()).toEqual([]);
    expect(fake.getGroup(id)?.removed).toBe(true);
  });

  it.each([
    ['GET', ''],
    ['PUT', ''],
    ['DELETE', ''],
    ['PUT', '/members'],
    ['PUT', '/manager'],
  ])('answers 404 to %s /group/{id}%s once the group is deleted', async (method, suffix) => {
    const fake = await startFake();
    const id = await createdGroupId(fake, { groupName: 'Doomed' });
    await call(fake, 'DELETE', `/group/${id}`);
    const body =
      method === 'GET' || method === 'DELETE'
        ? undefined
        : { members: [docspaceIdOf('bob')], userId: docspaceIdOf('bob') };
    const res = await call<ErrorEnvelope>(fake, method, `/group/${id}${suffix}`, { body });
    expect(res.status).toBe(404);
    expect(res.json.error.message).toBe('The group could not be found');
  });
});
