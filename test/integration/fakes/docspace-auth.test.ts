import { describe, expect, it } from 'vitest';
import type { FakeDocSpace } from '../../fakes/docspace-server.js';
import type { PersonHandle } from '../../fixtures/people.js';
import { docspaceIdOf } from '../../fixtures/people.js';
import { call, type Envelope, type ErrorEnvelope, type ProblemDetails, startFake } from './docspace-harness.js';

interface Probe {
  readonly method: string;
  path(groupId: string): string;
  readonly body?: unknown;
}

const READS: readonly Probe[] = [
  { method: 'GET', path: () => '/group' },
  { method: 'GET', path: (id) => `/group/${id}` },
  { method: 'GET', path: () => `/group/user/${docspaceIdOf('bob')}` },
];

const WRITES: readonly Probe[] = [
  { method: 'POST', path: () => '/group', body: { groupName: 'New' } },
  { method: 'PUT', path: (id) => `/group/${id}`, body: { groupName: 'Renamed' } },
  { method: 'DELETE', path: (id) => `/group/${id}` },
  { method: 'PUT', path: (id) => `/group/${id}/members`, body: { members: [docspaceIdOf('dave')] } },
  { method: 'DELETE', path: (id) => `/group/${id}/members`, body: { members: [docspaceIdOf('bob')] } },
  { method: 'POST', path: (id) => `/group/${id}/members`, body: { members: [docspaceIdOf('dave')] } },
  { method: 'PUT', path: (id) => `/group/${id}/manager`, body: { userId: docspaceIdOf('dave') } },
];

const label = (p: Probe) => `${p.method} ${p.path('{id}')}`;

async function probe(fake: FakeDocSpace, handle: PersonHandle, p: Probe) {
  const { id } = fake.seedGroup({ name: 'Team', managerId: docspaceIdOf('alice'), memberIds: [docspaceIdOf('bob')] });
  return call<ErrorEnvelope>(fake, p.method, p.path(id), { key: fake.keyFor(handle), body: p.body });
}

describe('fake DocSpace: authentication', () => {
  it('gives the owner key as apiKey and a distinct sk- key per person', async () => {
    const fake = await startFake();
    expect(fake.apiKey).toMatch(/^sk-[0-9a-f]{64}$/);
    expect(fake.keyFor('owner')).toBe(fake.apiKey);
    expect(fake.keyFor('carol')).toMatch(/^sk-[0-9a-f]{64}$/);
    expect(fake.keyFor('carol')).not.toBe(fake.apiKey);
  });

  it('refuses keyFor a person without a DocSpace account', async () => {
    const fake = await startFake();
    expect(() => fake.keyFor('sam')).toThrow(/no user/);
  });

  it.each([
    ['no Authorization header', null],
    ['an unknown key', `sk-${'0'.repeat(64)}`],
  ])('answers 401 with an empty body for %s', async (_label, key) => {
    const fake = await startFake();
    const res = await call(fake, 'GET', '/group', { key });
    expect(res.status).toBe(401);
    expect(res.text).toBe('');
  });

  it('answers 401 to a raw key sent without "Bearer "', async () => {
    const fake = await startFake();
    const res = await call(fake, 'GET', '/group', { key: null, headers: { Authorization: fake.apiKey } });
    expect(res.status).toBe(401);
  });

  it("answers 401 to a disabled user's key", async () => {
    const fake = await startFake();
    const res = await call(fake, 'GET', '/people/@self', { key: fake.keyFor('dora') });
    expect(res.status).toBe(401);
  });

  it('authenticates a key as the person it belongs to', async () => {
    const fake = await startFake();
    const res = await call<Envelope<{ id: string }>>(fake, 'GET', '/people/@self', { key: fake.keyFor('carol') });
    expect(res.json.response.id).toBe(docspaceIdOf('carol'));
  });
});

describe('fake DocSpace: API key scopes', () => {
  it('answers 403 with an empty body to GET /group for a key with only accounts:write', async () => {
    const fake = await startFake();
    const key = fake.createApiKey('owner', { scopes: ['accounts:write'] });
    const res = await call(fake, 'GET', '/group', { key });
    expect(res.status).toBe(403);
    expect(res.text).toBe('');
  });

  it('answers 403 to a group write for a key with only accounts:read', async () => {
    const fake = await startFake();
    const key = fake.createApiKey('owner', { scopes: ['accounts:read'] });
    expect((await call(fake, 'GET', '/group', { key })).status).toBe(200);
    expect((await call(fake, 'POST', '/group', { key, body: { groupName: 'X' } })).status).toBe(403);
  });

  it('allows reads and writes for a key with accounts:read and accounts:write', async () => {
    const fake = await startFake();
    const key = fake.createApiKey('owner', { scopes: ['accounts:read', 'accounts:write'] });
    expect((await call(fake, 'GET', '/group', { key })).status).toBe(200);
    expect((await call(fake, 'POST', '/group', { key, body: { groupName: 'X' } })).status).toBe(200);
  });
});

describe('fake DocSpace: roles on group routes', () => {
  it.each(READS.map((p) => [label(p), p] as const))('lets a room admin read: %s', async (_label, p) => {
    const fake = await startFake();
    expect((await probe(fake, 'carol', p)).status).toBe(200);
  });

  it.each(WRITES.map((p) => [label(p), p] as const))(
    'answers 403 "Access denied" to a room admin: %s',
    async (_l, p) => {
      const fake = await startFake();
      const res = await probe(fake, 'carol', p);
      expect(res.status).toBe(403);
      expect(res.json).toMatchObject({ error: { message: 'Access denied' }, status: 1, statusCode: 403 });
      expect(fake.listGroups()).toMatchObject([{ name: 'Team', managerId: docspaceIdOf('alice') }]);
    },
  );

  it.each(
    (['alice', 'gus'] as const).flatMap((handle) => [...READS, ...WRITES].map((p) => [handle, label(p), p] as const)),
  )('answers 403 to %s (user/guest type): %s', async (handle, _label, p) => {
    const fake = await startFake();
    const res = await probe(fake, handle, p);
    expect(res.status).toBe(403);
    expect(res.json.error.message).toBe('Access denied');
  });

  it('answers 403 to a user asking for their own groups', async () => {
    const fake = await startFake();
    const res = await call(fake, 'GET', `/group/user/${docspaceIdOf('bob')}`, { key: fake.keyFor('bob') });
    expect(res.status).toBe(403);
  });

  it.each(WRITES.map((p) => [label(p), p] as const))('lets a DocSpace admin write: %s', async (_label, p) => {
    const fake = await startFake();
    const res = await probe(fake, 'erin', p);
    expect(res.status).toBeLessThan(300);
  });
});

describe('fake DocSpace: transport rules', () => {
  it('answers 415 to a body with a non-JSON content type', async () => {
    const fake = await startFake();
    const res = await call(fake, 'POST', '/group', { rawBody: 'groupName=X', contentType: 'text/plain' });
    expect(res.status).toBe(415);
    expect(fake.listGroups()).toEqual([]);
  });

  it('answers unparsable JSON with the validation-shape 400', async () => {
    const fake = await startFake();
    const res = await call<Envelope<ProblemDetails>>(fake, 'POST', '/group', { rawBody: '{"groupName":' });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ status: 1, statusCode: 400, count: 1 });
  });

  it('matches input property names case-insensitively', async () => {
    const fake = await startFake();
    const res = await call(fake, 'POST', '/group', { body: { GroupName: 'Pascal' } });
    expect(res.status).toBe(200);
    expect(fake.listGroups()[0]?.name).toBe('Pascal');
  });

  it('answers 404 with an empty body to an unknown route', async () => {
    const fake = await startFake();
    const res = await call(fake, 'GET', '/nothing/here');
    expect(res.status).toBe(404);
    expect(res.text).toBe('');
  });

  it('answers 405 to an unsupported method on a known path', async () => {
    const fake = await startFake();
    const res = await call(fake, 'PATCH', '/group');
    expect(res.status).toBe(405);
  });
});
