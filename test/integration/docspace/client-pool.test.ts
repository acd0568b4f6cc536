import { describe, expect, it } from 'vitest';
import { DocSpaceBusyError, DocSpaceTimeoutError } from '../../../src/docspace/errors.js';
import { writeFailure } from '../../../src/domain/model/failures.js';
import type { DocSpaceUserId } from '../../../src/domain/model/ids.js';
import { failureOf, seedTeam, setup, userId } from './client-harness.js';

/** The connection pool under a burst: the wait for a connection is bounded apart from the time on the wire. */
describe('DocSpace client: connection pool', () => {
  it('answers a write queued behind a full pool past the queue timeout as busy, never sent', async () => {
    const { client, fake } = await setup({ maxConnections: 2, queueTimeoutMs: 100 });
    const id = seedTeam(fake);
    fake.hold();
    const reads = [client.listGroups(), client.getGroup(id)];
    await fake.waitFor(() => fake.requests.length === 2);
    const error = await failureOf(() => client.addMembers(id, [userId('carol')]));
    expect(error).toBeInstanceOf(DocSpaceBusyError);
    expect(error.message).toContain('all 2 connections stayed busy for 100 ms; not sent');
    // Nothing was sent, so the domain never says it may have been applied.
    expect(writeFailure(error, 'members')).toMatchObject({ kind: 'busy', phase: 'write', mayHaveApplied: false });
    expect(fake.requests.map((r) => r.method)).toEqual(['GET', 'GET']);
    fake.release();
    await Promise.all(reads);
    expect(fake.getGroup(id)?.memberIds).not.toContain(userId('carol'));
  });

  it('does not retry a read that found the pool busy', async () => {
    const { client, fake, sleeps } = await setup({ maxConnections: 1, queueTimeoutMs: 50 });
    fake.hold();
    const held = client.listGroups();
    await fake.waitFor(() => fake.requests.length === 1);
    expect(await failureOf(() => client.listGroups())).toBeInstanceOf(DocSpaceBusyError);
    expect([fake.requests.length, sleeps]).toEqual([1, []]);
    fake.release();
    await held;
  });

  it('sends a write that waited for a connection within the queue timeout, once', async () => {
    const { client, fake } = await setup({ maxConnections: 1, queueTimeoutMs: 30_000 });
    const id = seedTeam(fake);
    fake.hold((r) => r.method === 'GET');
    const read = client.listGroups();
    await fake.waitFor(() => fake.requests.length === 1);
    const write = client.addMembers(id, [userId('carol')]);
    fake.release();
    await Promise.all([read, write]);
    expect(fake.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200', 'PUT 200']);
  });

  it('starts the per-request timeout when a request gets its connection, not while it waits for one', async () => {
    const { client, fake } = await setup({
      maxConnections: 1,
      timeoutMs: 300,
      queueTimeoutMs: 30_000,
      retry: { maxRetries: 0, baseDelayMs: 10, maxDelayMs: 10 },
    });
    const id = seedTeam(fake);
    fake.hold((r) => r.path === '/api/2.0/group');
    const first = failureOf(() => client.listGroups());
    await fake.waitFor(() => fake.requests.length === 1);
    // Queued behind the held read for its whole timeout, then sent: it still has its full 300 ms on the wire.
    const second = client.getGroup(id);
    expect(await first).toBeInstanceOf(DocSpaceTimeoutError);
    expect((await second).id).toBe(id);
    fake.release();
  });

  it('adds 50 members with one PUT /group/{id}/members carrying every id', async () => {
    const { client, fake } = await setup();
    const id = seedTeam(fake);
    const ids = Array.from(
      { length: 50 },
      (_, i) =>
        fake.addUser({
          firstName: 'Member',
          lastName: String(i),
          email: `member${i}@example.com`,
          type: 'user',
          status: 'active',
        }).id as DocSpaceUserId,
    );
    const outcome = await client.addMembers(id, ids);
    const writes = fake.requests.filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /api/2.0/group/${id}/members`]);
    expect(writes[0]?.body).toEqual({ members: ids });
    expect(outcome.ignored.notAdded).toEqual([]);
    expect(fake.getGroup(id)?.memberIds).toEqual(expect.arrayContaining(ids));
  });
});
