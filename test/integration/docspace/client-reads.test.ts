import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createDocSpaceClient } from '../../../src/docspace/client.js';
import type { GroupId } from '../../../src/domain/model/ids.js';
import { PEOPLE } from '../../fixtures/people.js';
import { recordingLogger, seedTeam, setup, userId } from './client-harness.js';

const idsOf = (users: readonly { id: string }[]) => users.map((u) => u.id).sort();

describe('DocSpace client: reads', () => {
  it('lists groups with count, startIndex, sortBy and sortOrder sent as 0/1, and returns the total', async () => {
    const { client, fake } = await setup();
    for (const name of ['Alpha', 'Beta', 'Gamma']) fake.seedGroup({ name });
    const { groups, total } = await client.listGroups({
      count: 1,
      startIndex: 1,
      sortBy: 'title',
      sortOrder: 'descending',
    });
    expect([groups.map((g) => g.name), total, fake.requests[0]?.query]).toEqual([
      ['Beta'],
      3,
      { count: '1', startIndex: '1', sortBy: 'title', sortOrder: '1' },
    ]);
  });

  it('lists groups as summaries: manager mapped, no members field', async () => {
    const { client, fake } = await setup();
    seedTeam(fake);
    const [summary] = (await client.listGroups()).groups;
    expect(summary).toEqual({
      id: expect.any(String),
      name: 'Development Team',
      manager: expect.objectContaining({ id: userId('alice'), displayName: 'Alice Archer', type: 'user' }),
      membersCount: 2,
    });
  });

  it('gets a group with its members, sending includeMembers=true by default', async () => {
    const { client, fake } = await setup();
    const id = seedTeam(fake);
    const group = await client.getGroup(id);
    expect([idsOf(group.members), fake.requests[0]?.query]).toEqual([
      [userId('alice'), userId('bob')].sort(),
      { includeMembers: 'true' },
    ]);
  });

  it('gets a group without members when includeMembers is false', async () => {
    const { client, fake } = await setup();
    const id = seedTeam(fake);
    const group = await client.getGroup(id, { includeMembers: false });
    expect([group.members, group.membersCount, fake.requests[0]?.query]).toEqual([[], 2, { includeMembers: 'false' }]);
  });

  it('returns the key owner from getSelf', async () => {
    const { client } = await setup();
    expect(await client.getSelf()).toEqual({
      id: userId('owner'),
      displayName: 'Olivia Owner',
      email: PEOPLE.owner.email,
      status: 'active',
      type: 'owner',
    });
  });

  it('looks a user up by the trimmed, lower-cased email', async () => {
    const { client, fake } = await setup();
    const mia = await client.getUserByEmail('  Mia.Mixedcase@EXAMPLE.com ');
    expect([mia.id, mia.email, fake.requests[0]?.query]).toEqual([
      userId('mia'),
      'mia.mixedcase@example.com',
      { email: 'mia.mixedcase@example.com' },
    ]);
  });

  it.each([
    ['carol', 'room_admin', 'active'],
    ['gus', 'guest', 'active'],
    ['dora', 'user', 'disabled'],
    ['pat', 'user', 'pending'],
    ['erin', 'admin', 'active'],
  ] as const)('maps %s to type %s and status %s', async (handle, type, status) => {
    const { client } = await setup();
    expect(await client.getUserById(userId(handle))).toMatchObject({ type, status });
  });

  it('decodes the HTML-encoded display name of hal', async () => {
    const { client } = await setup();
    expect((await client.getUserById(userId('hal'))).displayName).toBe('Hal <!channel> & Co');
  });

  it('searches people with the query parameter', async () => {
    const { client, fake } = await setup();
    const found = await client.searchPeople('archer');
    expect([idsOf(found), fake.requests[0]?.path, fake.requests[0]?.query]).toEqual([
      [userId('alice')],
      '/api/2.0/people/search',
      { query: 'archer' },
    ]);
  });
});

describe('DocSpace client: HTTP headers', () => {
  async function captureServer() {
    const seen: { method: string; headers: IncomingHttpHeaders }[] = [];
    const server = createServer((req, res) => {
      seen.push({ method: req.method ?? '', headers: req.headers });
      req.resume();
      req.on('end', () => {
        if (req.method === 'DELETE') return void res.writeHead(204).end();
        res.writeHead(200, { 'content-type': 'application/json' });
        const group = { id: '8f0b3c1e-2d4a-4c55-9a3e-1b2c3d4e5f60', name: 'x', members: [], membersCount: 0 };
        res.end(JSON.stringify({ response: group, count: 1, status: 0, statusCode: 200 }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    const client = createDocSpaceClient({
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey: 'sk-test-key',
      timeoutMs: 2000,
      retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 10 },
      logger: recordingLogger().logger,
    });
    onTestFinished(() => client.close());
    return { client, seen };
  }

  it('sends Accept and Bearer authorization and Content-Type only when there is a body', async () => {
    const { client, seen } = await captureServer();
    const id = '8f0b3c1e-2d4a-4c55-9a3e-1b2c3d4e5f60' as GroupId;
    await client.getGroup(id);
    await client.addMembers(id, []);
    await client.deleteGroup(id);
    expect(seen.map((r) => [r.method, r.headers.accept, r.headers.authorization, r.headers['content-type']])).toEqual([
      ['GET', 'application/json', 'Bearer sk-test-key', undefined],
      ['PUT', 'application/json', 'Bearer sk-test-key', 'application/json'],
      ['DELETE', 'application/json', 'Bearer sk-test-key', undefined],
    ]);
  });
});
