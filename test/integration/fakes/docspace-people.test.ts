import { describe, expect, it } from 'vitest';
import { docspaceIdOf, PEOPLE } from '../../fixtures/people.js';
import { validateAgainstSchema } from '../../helpers/openapi.js';
import { call, type Envelope, type ErrorEnvelope, startFake, type UserJson } from './docspace-harness.js';

const byEmail = (email: string) => `/people/email?email=${encodeURIComponent(email)}`;

describe('fake DocSpace: GET /people/email', () => {
  it('answers the EmployeeFullDto of a seeded person that validates as EmployeeFullWrapper', async () => {
    const fake = await startFake();
    const res = await call<Envelope<UserJson>>(fake, 'GET', byEmail('bob@example.com'));
    expect(res.status).toBe(200);
    expect(res.json.response).toMatchObject({
      id: docspaceIdOf('bob'),
      displayName: 'Bob Baker',
      firstName: 'Bob',
      lastName: 'Baker',
      userName: 'bob',
      email: 'bob@example.com',
      status: 1,
      activationStatus: 1,
      isOwner: false,
      isAdmin: false,
      isRoomAdmin: false,
      isCollaborator: true,
      isVisitor: false,
      isLDAP: false,
      isSSO: false,
      hasAvatar: false,
      isAnonim: false,
    });
    expect(validateAgainstSchema('EmployeeFullWrapper', res.json)).toEqual({ valid: true, errors: [] });
  });

  it('HTML-encodes displayName like the server', async () => {
    const fake = await startFake();
    const carol = await call<Envelope<UserJson>>(fake, 'GET', byEmail('carol@example.com'));
    const hal = await call<Envelope<UserJson>>(fake, 'GET', byEmail('hal@example.com'));
    expect(carol.json.response.displayName).toBe('Carol O&#39;Neil');
    expect(hal.json.response.displayName).toBe('Hal &lt;!channel&gt; &amp; Co');
    expect(hal.json.response.firstName).toBe('Hal <!channel>');
  });

  it('reports the owner with isOwner true and isAdmin false, and an admin with isAdmin true', async () => {
    const fake = await startFake();
    const owner = await call<Envelope<UserJson>>(fake, 'GET', byEmail(PEOPLE.owner.email));
    const erin = await call<Envelope<UserJson>>(fake, 'GET', byEmail('erin@example.com'));
    expect(owner.json.response).toMatchObject({ isOwner: true, isAdmin: false });
    expect(erin.json.response).toMatchObject({ isOwner: false, isAdmin: true });
  });

  it('returns a disabled user with status 2', async () => {
    const fake = await startFake();
    const res = await call<Envelope<UserJson>>(fake, 'GET', byEmail('dora@example.com'));
    expect(res.json.response).toMatchObject({ id: docspaceIdOf('dora'), status: 2 });
  });

  it('returns a pending user with status 4, activationStatus 2 and the email as displayName', async () => {
    const fake = await startFake();
    const res = await call<Envelope<UserJson>>(fake, 'GET', byEmail('pat@example.com'));
    expect(res.json.response).toMatchObject({ status: 4, activationStatus: 2, displayName: 'pat@example.com' });
  });

  it('trims the email before matching', async () => {
    const fake = await startFake();
    const res = await call<Envelope<UserJson>>(fake, 'GET', byEmail('  bob@example.com '));
    expect(res.json.response.id).toBe(docspaceIdOf('bob'));
  });

  it('matches a lower-cased lookup of a mixed-case email by default (MySQL collation)', async () => {
    const fake = await startFake();
    const res = await call<Envelope<UserJson>>(fake, 'GET', byEmail('mia.mixedcase@example.com'));
    expect(res.json.response).toMatchObject({ id: docspaceIdOf('mia'), email: 'Mia.Mixedcase@Example.com' });
  });

  it('misses a case-different email when emailCaseSensitive is set (PostgreSQL installs)', async () => {
    const fake = await startFake({ emailCaseSensitive: true });
    const res = await call(fake, 'GET', byEmail('mia.mixedcase@example.com'));
    expect(res.status).toBe(404);
  });

  it('answers 404 "The user could not be found" in the error envelope for an unknown email', async () => {
    const fake = await startFake();
    const res = await call<ErrorEnvelope>(fake, 'GET', byEmail('sam@example.com'));
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ error: { message: 'The user could not be found' }, status: 1, statusCode: 404 });
  });

  it.each(['/people/email', '/people/email?email=', '/people/email?email=%20%20'])(
    'answers 400 to %s',
    async (path) => {
      const fake = await startFake();
      const res = await call(fake, 'GET', path);
      expect(res.status).toBe(400);
    },
  );

  it.each([
    ['user', 'alice'],
    ['guest', 'gus'],
  ] as const)('answers 403 "Access denied" when a %s-type caller looks up someone else', async (_type, handle) => {
    const fake = await startFake();
    const res = await call<ErrorEnvelope>(fake, 'GET', byEmail('bob@example.com'), { key: fake.keyFor(handle) });
    expect(res.status).toBe(403);
    expect(res.json.error.message).toBe('Access denied');
  });

  it('lets a user-type caller look up themselves', async () => {
    const fake = await startFake();
    const res = await call(fake, 'GET', byEmail('alice@example.com'), { key: fake.keyFor('alice') });
    expect(res.status).toBe(200);
  });

  it('lists the groups of the user in groups and department', async () => {
    const fake = await startFake();
    fake.seedGroup({ name: 'R&D', memberIds: [docspaceIdOf('bob')] });
    const res = await call<Envelope<UserJson>>(fake, 'GET', byEmail('bob@example.com'));
    expect(res.json.response['department']).toBe('R&amp;D');
    expect(validateAgainstSchema('EmployeeFullWrapper', res.json).errors).toEqual([]);
  });
});

describe('fake DocSpace: other people routes', () => {
  it('answers GET /people/@self with the caller, validating as EmployeeFullWrapper', async () => {
    const fake = await startFake();
    const res = await call<Envelope<UserJson>>(fake, 'GET', '/people/@self');
    expect(res.json.response).toMatchObject({ id: docspaceIdOf('owner'), isOwner: true });
    expect(validateAgainstSchema('EmployeeFullWrapper', res.json)).toEqual({ valid: true, errors: [] });
  });

  it('answers GET /people/{userid} by id and by userName, and 404 for an unknown one', async () => {
    const fake = await startFake();
    const byId = await call<Envelope<UserJson>>(fake, 'GET', `/people/${docspaceIdOf('bob')}`);
    const byName = await call<Envelope<UserJson>>(fake, 'GET', '/people/bob');
    const missing = await call<ErrorEnvelope>(fake, 'GET', '/people/nobody');
    expect(byId.json.response.id).toBe(docspaceIdOf('bob'));
    expect(byName.json.response.id).toBe(docspaceIdOf('bob'));
    expect(missing.status).toBe(404);
    expect(missing.json.error.message).toBe('The user could not be found');
  });

  it('finds active users whose names or email contain every word with GET /people/search', async () => {
    const fake = await startFake();
    const res = await call<Envelope<UserJson[]>>(fake, 'GET', '/people/search?query=alice%20archer');
    const none = await call<Envelope<UserJson[]>>(fake, 'GET', '/people/search?query=dora');
    expect(res.json.response.map((u) => u.id)).toEqual([docspaceIdOf('alice')]);
    expect(none.json).toMatchObject({ response: [], count: 0, status: 0 });
    expect(res.json).not.toHaveProperty('total');
  });

  it('answers 403 to GET /people/search from a room admin', async () => {
    const fake = await startFake();
    const res = await call(fake, 'GET', '/people/search?query=bob', { key: fake.keyFor('carol') });
    expect(res.status).toBe(403);
  });

  it('pages GET /people/filter with total and filters by every word', async () => {
    const fake = await startFake();
    const all = await call<Envelope<UserJson[]>>(fake, 'GET', '/people/filter?count=2&startIndex=0');
    const some = await call<Envelope<UserJson[]>>(fake, 'GET', '/people/filter?filterValue=example.com%20bak');
    expect(all.json).toMatchObject({ count: 2, total: 12 });
    expect(some.json.response.map((u) => u.id)).toEqual([docspaceIdOf('bob')]);
    expect(validateAgainstSchema('EmployeeFullArrayWrapper', all.json)).toEqual({ valid: true, errors: [] });
  });

  it('hides disabled users from a room admin on GET /people/filter and answers 403 to a user', async () => {
    const fake = await startFake();
    const asRoomAdmin = await call<Envelope<UserJson[]>>(fake, 'GET', '/people/filter', { key: fake.keyFor('carol') });
    const asUser = await call(fake, 'GET', '/people/filter', { key: fake.keyFor('alice') });
    expect(asRoomAdmin.json.total).toBe(11);
    expect(asUser.status).toBe(403);
  });
});
