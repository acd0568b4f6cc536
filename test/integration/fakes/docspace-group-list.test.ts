import { describe, expect, it } from 'vitest';
import type { FakeDocSpace } from '../../fakes/docspace-server.js';
import { docspaceIdOf } from '../../fixtures/people.js';
import { validateAgainstSchema } from '../../helpers/openapi.js';
import { call, type Envelope, type GroupJson, type ProblemDetails, startFake } from './docspace-harness.js';

async function listNames(fake: FakeDocSpace, query: string): Promise<string[]> {
  const res = await call<Envelope<GroupJson[]>>(fake, 'GET', `/group${query}`);
  expect(res.status).toBe(200);
  return res.json.response.map((g) => g.name);
}

function seedThree(fake: FakeDocSpace): void {
  fake.seedGroup({
    name: 'Beta',
    managerId: docspaceIdOf('bob'),
    memberIds: [docspaceIdOf('alice'), docspaceIdOf('dave')],
  });
  fake.seedGroup({ name: 'alpha', managerId: docspaceIdOf('zed') });
  fake.seedGroup({
    name: 'Gamma',
    memberIds: [docspaceIdOf('alice'), docspaceIdOf('bob'), docspaceIdOf('dave'), docspaceIdOf('mia')],
  });
}

describe('fake DocSpace: GET /group', () => {
  it('lists groups without members, with manager, membersCount, count and total', async () => {
    const fake = await startFake();
    seedThree(fake);
    const res = await call<Envelope<GroupJson[]>>(fake, 'GET', '/group?count=2&startIndex=0');
    expect(res.json).toMatchObject({ count: 2, total: 3, status: 0, statusCode: 200 });
    expect(res.json.links).toEqual([{ href: `${fake.url}/api/2.0/group?count=2&startIndex=0`, action: 'GET' }]);
    for (const group of res.json.response) expect(group).not.toHaveProperty('members');
    expect(res.json.response[1]).toMatchObject({ name: 'Beta', membersCount: 3, manager: { id: docspaceIdOf('bob') } });
  });

  it('answers a list that validates as GroupArrayWrapper', async () => {
    const fake = await startFake();
    seedThree(fake);
    const res = await call(fake, 'GET', '/group');
    expect(validateAgainstSchema('GroupArrayWrapper', res.json)).toEqual({ valid: true, errors: [] });
  });

  it('answers an empty list with count 0 and total 0 when there are no groups', async () => {
    const fake = await startFake();
    const res = await call<Envelope<GroupJson[]>>(fake, 'GET', '/group');
    expect(res.json).toMatchObject({ response: [], count: 0, total: 0 });
  });

  it('pages with startIndex and count', async () => {
    const fake = await startFake();
    seedThree(fake);
    expect(await listNames(fake, '?startIndex=1&count=1')).toEqual(['Beta']);
  });

  it.each(['0', '101', 'abc'])('rejects count=%s with the validation-shape 400', async (count) => {
    const fake = await startFake();
    const res = await call<Envelope<ProblemDetails>>(fake, 'GET', `/group?count=${count}`);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ status: 1, statusCode: 400, response: { status: 400 } });
  });

  it('filters by a trimmed, case-insensitive substring of the name', async () => {
    const fake = await startFake();
    seedThree(fake);
    expect(await listNames(fake, `?filterValue=${encodeURIComponent('  AMM ')}`)).toEqual(['Gamma']);
  });

  it('sorts by title ascending by default, ignoring case', async () => {
    const fake = await startFake();
    seedThree(fake);
    expect(await listNames(fake, '')).toEqual(['alpha', 'Beta', 'Gamma']);
  });

  it.each(['1', 'descending', 'Descending'])('sorts descending with sortOrder=%s', async (order) => {
    const fake = await startFake();
    seedThree(fake);
    expect(await listNames(fake, `?sortOrder=${order}`)).toEqual(['Gamma', 'Beta', 'alpha']);
  });

  it('rejects an out-of-range sortOrder with 400', async () => {
    const fake = await startFake();
    const res = await call(fake, 'GET', '/group?sortOrder=2');
    expect(res.status).toBe(400);
  });

  it('sorts by membersCount', async () => {
    const fake = await startFake();
    seedThree(fake);
    expect(await listNames(fake, '?sortBy=membersCount')).toEqual(['alpha', 'Beta', 'Gamma']);
    expect(await listNames(fake, '?sortBy=membersCount&sortOrder=1')).toEqual(['Gamma', 'Beta', 'alpha']);
  });

  it('sorts by manager name, groups without a manager first', async () => {
    const fake = await startFake();
    seedThree(fake);
    expect(await listNames(fake, '?sortBy=manager')).toEqual(['Gamma', 'Beta', 'alpha']);
  });

  it('treats an unknown sortBy as title', async () => {
    const fake = await startFake();
    seedThree(fake);
    expect(await listNames(fake, '?sortBy=shoeSize')).toEqual(['alpha', 'Beta', 'Gamma']);
  });

  it('lists only the groups a user belongs to with userId', async () => {
    const fake = await startFake();
    seedThree(fake);
    expect(await listNames(fake, `?userId=${docspaceIdOf('bob')}`)).toEqual(['Beta', 'Gamma']);
  });

  it('lists only the groups a user manages with userId and manager=true', async () => {
    const fake = await startFake();
    seedThree(fake);
    expect(await listNames(fake, `?userId=${docspaceIdOf('bob')}&manager=true`)).toEqual(['Beta']);
  });

  it('answers an empty list for an unknown userId', async () => {
    const fake = await startFake();
    seedThree(fake);
    expect(await listNames(fake, '?userId=0badc0de-0000-4000-8000-000000000000')).toEqual([]);
  });

  it('rejects a malformed userId in the query with the validation-shape 400', async () => {
    const fake = await startFake();
    const res = await call<Envelope<ProblemDetails>>(fake, 'GET', '/group?userId=bob');
    expect(res.status).toBe(400);
    expect(res.json.response.errors).toHaveProperty('userId');
  });

  it('leaves deleted groups out of the list', async () => {
    const fake = await startFake();
    const doomed = fake.seedGroup({ name: 'Doomed' });
    fake.seedGroup({ name: 'Kept' });
    await call(fake, 'DELETE', `/group/${doomed.id}`);
    expect(await listNames(fake, '')).toEqual(['Kept']);
  });
});

describe('fake DocSpace: GET /group/user/{userid}', () => {
  it("lists the user's groups as GroupSummaryDto with the manager's userName", async () => {
    const fake = await startFake();
    seedThree(fake);
    const res = await call<Envelope<{ id: string; name: string; manager?: string }[]>>(
      fake,
      'GET',
      `/group/user/${docspaceIdOf('dave')}`,
    );
    expect(res.json.response.map((g) => [g.name, g.manager])).toEqual([
      ['Beta', 'bob'],
      ['Gamma', undefined],
    ]);
    expect(res.json).not.toHaveProperty('total');
    expect(validateAgainstSchema('GroupSummaryArrayWrapper', res.json)).toEqual({ valid: true, errors: [] });
  });

  it('answers an empty list for an unknown user', async () => {
    const fake = await startFake();
    seedThree(fake);
    const res = await call<Envelope<unknown[]>>(fake, 'GET', '/group/user/0badc0de-0000-4000-8000-000000000000');
    expect(res.json).toMatchObject({ response: [], count: 0 });
  });
});
