import { describe, expect, it, vi } from 'vitest';
import { docspaceIdOf } from '../../fixtures/people.js';
import { track, until, useManualTimers } from '../../helpers/manual-timers.js';
import { validateAgainstSchema } from '../../helpers/openapi.js';
import {
  call,
  createdGroupId,
  type Envelope,
  type ErrorEnvelope,
  type GroupJson,
  startFake,
} from './docspace-harness.js';

describe('fake DocSpace: knobs', () => {
  it('fails the next n requests with the given status and the error envelope, then recovers', async () => {
    const fake = await startFake();
    fake.failNext(2, 503);
    const first = await call<ErrorEnvelope>(fake, 'GET', '/group');
    const second = await call(fake, 'GET', '/group');
    const third = await call(fake, 'GET', '/group');
    expect([first.status, second.status, third.status]).toEqual([503, 503, 200]);
    expect(first.json).toMatchObject({ status: 1, statusCode: 503, error: { message: 'Service Unavailable' } });
  });

  it('fails only requests with the given method when failNext has a method', async () => {
    const fake = await startFake();
    fake.failNext(1, 500, { method: 'POST' });
    const get = await call(fake, 'GET', '/group');
    const post = await call(fake, 'POST', '/group', { body: { groupName: 'X' } });
    expect([get.status, post.status]).toEqual([200, 500]);
    expect(fake.listGroups()).toEqual([]);
  });

  it('rate-limits with 429, an empty body, Retry-After and X-RateLimit-* headers', async () => {
    const fake = await startFake();
    fake.rateLimitNext(1, 7);
    const before = Math.floor(Date.now() / 1000);
    const limited = await call(fake, 'GET', '/group');
    const next = await call(fake, 'GET', '/group');
    expect(limited.status).toBe(429);
    expect(limited.text).toBe('');
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.headers.get('x-ratelimit-limit')).toBe('1500');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(before + 7);
    expect(next.status).toBe(200);
  });

  it('drops the connection without an answer', async () => {
    const fake = await startFake();
    fake.dropNext(1);
    await expect(call(fake, 'GET', '/group')).rejects.toThrow();
    expect((await call(fake, 'GET', '/group')).status).toBe(200);
    expect(fake.requests.map((r) => r.status)).toEqual([0, 200]);
  });

  it('answers 200 with a body that is not JSON', async () => {
    const fake = await startFake();
    fake.malformedNext(1);
    const res = await call(fake, 'GET', '/group');
    expect(res.status).toBe(200);
    expect(() => JSON.parse(res.text)).toThrow(SyntaxError);
  });

  it('answers a well-formed 200 envelope whose payload no longer matches the schema', async () => {
    const fake = await startFake();
    const id = await createdGroupId(fake, { groupName: 'G', groupManager: docspaceIdOf('alice') });
    fake.driftNext(1);
    const drifted = await call<Envelope<Record<string, unknown>>>(fake, 'GET', `/group/${id}`);
    const normal = await call(fake, 'GET', `/group/${id}`);
    expect(drifted.status).toBe(200);
    expect(drifted.json).toMatchObject({ status: 0, statusCode: 200 });
    expect(drifted.json.response).not.toHaveProperty('id');
    expect(validateAgainstSchema('GroupWrapper', drifted.json).valid).toBe(false);
    expect(validateAgainstSchema('GroupWrapper', normal.json).valid).toBe(true);
  });

  it('drifts every item of a list, even an empty one', async () => {
    const fake = await startFake();
    fake.driftNext(1);
    const res = await call<Envelope<unknown[]>>(fake, 'GET', '/group');
    expect(res.json.response.length).toBeGreaterThan(0);
    expect(validateAgainstSchema('GroupArrayWrapper', res.json).valid).toBe(false);
  });

  it('delays every response by the latency until it is set back to 0', async () => {
    const fake = await startFake();
    useManualTimers();
    fake.setLatency(150);
    const delayed = track(call(fake, 'GET', '/group'));
    await until(() => fake.requests.length === 1);
    await vi.advanceTimersByTimeAsync(149);
    expect([fake.requests[0]?.status, delayed.settled()]).toEqual([0, false]);
    await vi.advanceTimersByTimeAsync(1);
    expect((await delayed.promise).status).toBe(200);
    fake.setLatency(0);
    expect((await call(fake, 'GET', '/group')).status).toBe(200);
  });

  it('holds every answer until release, then sends them in arrival order', async () => {
    const fake = await startFake();
    fake.hold();
    const first = track(call(fake, 'GET', '/group'));
    const second = track(call(fake, 'POST', '/group', { body: { groupName: 'Held' } }));
    await until(() => fake.requests.length === 2);
    expect([fake.requests.map((r) => r.status), first.settled(), second.settled()]).toEqual([[0, 0], false, false]);
    fake.release();
    expect([(await first.promise).status, (await second.promise).status]).toEqual([200, 200]);
    expect((await call(fake, 'GET', '/group')).status).toBe(200);
  });

  it('holds only the answers to the requests a hold matches', async () => {
    const fake = await startFake();
    fake.hold((r) => r.method === 'POST');
    const post = track(call(fake, 'POST', '/group', { body: { groupName: 'Held' } }));
    expect((await call(fake, 'GET', '/group')).status).toBe(200);
    await until(() => fake.requests.length === 2);
    expect([fake.requests.find((r) => r.method === 'POST')?.status, post.settled()]).toEqual([0, false]);
    fake.release();
    expect((await post.promise).status).toBe(200);
  });

  it('applies armed knobs in the order they were armed, one per request', async () => {
    const fake = await startFake();
    fake.rateLimitNext(1, 1);
    fake.failNext(1, 502);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(fake, 'GET', '/group')).status);
    expect(statuses).toEqual([429, 502, 200]);
  });
});

describe('fake DocSpace: request log and reset', () => {
  it('logs every request in order with method, path, query, parsed body and status', async () => {
    const fake = await startFake();
    const before = Date.now();
    await call(fake, 'POST', '/group', { body: { groupName: 'Logged' } });
    await call(fake, 'GET', '/group?filterValue=Log', { key: null });
    expect(fake.requests).toEqual([
      {
        method: 'POST',
        path: '/api/2.0/group',
        query: {},
        body: { groupName: 'Logged' },
        status: 200,
        at: expect.any(Number),
      },
      {
        method: 'GET',
        path: '/api/2.0/group',
        query: { filterValue: 'Log' },
        body: null,
        status: 401,
        at: expect.any(Number),
      },
    ]);
    expect(fake.requests[0]?.at).toBeGreaterThanOrEqual(before);
  });

  it('logs knob-affected requests with the status they got', async () => {
    const fake = await startFake();
    fake.failNext(1, 500);
    await call(fake, 'GET', '/group');
    expect(fake.requests.map((r) => r.status)).toEqual([500]);
  });

  it('empties the log on clearLog', async () => {
    const fake = await startFake();
    await call(fake, 'GET', '/group');
    fake.clearLog();
    expect(fake.requests).toEqual([]);
  });

  it('resets groups, users, the log and knobs, and keeps the seed keys valid', async () => {
    const fake = await startFake();
    await createdGroupId(fake, { groupName: 'Temp' });
    const added = fake.addUser({
      firstName: 'New',
      lastName: 'Hire',
      email: 'new@example.com',
      type: 'user',
      status: 'active',
    });
    fake.setUserStatus(docspaceIdOf('bob'), 'disabled');
    fake.failNext(5, 500);
    fake.setLatency(1000);

    fake.reset();

    expect(fake.listGroups()).toEqual([]);
    expect(fake.requests).toEqual([]);
    expect(fake.getUser(added.id)).toBeUndefined();
    expect(fake.getUser(docspaceIdOf('bob'))?.status).toBe('active');
    const res = await call<Envelope<GroupJson[]>>(fake, 'GET', '/group');
    expect(res.status).toBe(200);
  });
});

describe('fake DocSpace: direct state access', () => {
  it('lets an added user be used over HTTP and authenticate with keyFor(id)', async () => {
    const fake = await startFake();
    const user = fake.addUser({
      firstName: 'New',
      lastName: 'Hire',
      email: 'new@example.com',
      type: 'admin',
      status: 'active',
    });
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    const res = await call<Envelope<{ id: string }>>(fake, 'GET', '/people/@self', { key: fake.keyFor(user.id) });
    expect(res.json.response.id).toBe(user.id);
  });

  it('returns copies from seedGroup and getGroup, not live state', async () => {
    const fake = await startFake();
    const seeded = fake.seedGroup({ name: 'Copy', managerId: docspaceIdOf('alice') });
    seeded.memberIds.push(docspaceIdOf('bob'));
    expect(fake.getGroup(seeded.id)).toEqual({ ...seeded, memberIds: [docspaceIdOf('alice')] });
  });
});
