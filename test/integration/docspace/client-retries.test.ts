import { describe, expect, it } from 'vitest';
import {
  DocSpaceNetworkError,
  DocSpaceRateLimitedError,
  DocSpaceServerError,
  DocSpaceTimeoutError,
} from '../../../src/docspace/errors.js';
import { failureOf, seedTeam, setup, startClient, startFake } from './client-harness.js';

describe('DocSpace client: retries', () => {
  it('retries a read after a 429 and waits the Retry-After seconds', async () => {
    const { client, fake, sleeps } = await setup();
    fake.rateLimitNext(1, 2);
    await client.listGroups();
    expect([fake.requests.map((r) => r.status), sleeps]).toEqual([[429, 200], [2000]]);
  });

  it('retries a write after a 429', async () => {
    const { client, fake } = await setup();
    fake.rateLimitNext(1, 1);
    await client.createGroup({ name: 'Development Team' });
    expect([fake.requests.map((r) => `${r.method} ${r.status}`), fake.listGroups().length]).toEqual([
      ['POST 429', 'POST 200'],
      1,
    ]);
  });

  it('gives up on a Retry-After beyond maxDelayMs and reports the seconds asked for', async () => {
    const { client, fake, sleeps } = await setup({ retry: { maxRetries: 3, baseDelayMs: 10, maxDelayMs: 5000 } });
    fake.rateLimitNext(1, 30);
    const error = (await failureOf(() => client.listGroups())) as DocSpaceRateLimitedError;
    expect([error instanceof DocSpaceRateLimitedError, error.retryAfterSeconds, fake.requests.length, sleeps]).toEqual([
      true,
      30,
      1,
      [],
    ]);
  });

  it('retries a read after a 5xx and succeeds', async () => {
    const { client, fake, logLines } = await setup();
    const id = seedTeam(fake);
    fake.failNext(1, 503);
    const group = await client.getGroup(id);
    expect([group.id, fake.requests.map((r) => r.status), logLines.filter((l) => l.level === 'warn').length]).toEqual([
      id,
      [503, 200],
      1,
    ]);
  });

  it('stops retrying a read after maxRetries and throws DocSpaceServerError', async () => {
    const { client, fake } = await setup({ retry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 5000 } });
    fake.failNext(5, 502);
    expect(await failureOf(() => client.listGroups())).toBeInstanceOf(DocSpaceServerError);
    expect(fake.requests).toHaveLength(3);
  });

  it('does not retry a write after a 5xx', async () => {
    const { client, fake } = await setup();
    fake.failNext(1, 500, { method: 'POST' });
    expect(await failureOf(() => client.createGroup({ name: 'Development Team' }))).toBeInstanceOf(DocSpaceServerError);
    expect(fake.requests).toHaveLength(1);
  });

  it('retries a read whose connection was dropped', async () => {
    const { client, fake } = await setup();
    fake.dropNext(1);
    await client.listGroups();
    expect(fake.requests.map((r) => r.status)).toEqual([0, 200]);
  });

  it('throws DocSpaceNetworkError for a dropped write without retrying it', async () => {
    const { client, fake } = await setup();
    fake.dropNext(1);
    expect(await failureOf(() => client.createGroup({ name: 'Development Team' }))).toBeInstanceOf(
      DocSpaceNetworkError,
    );
    expect(fake.requests).toHaveLength(1);
  });

  it('throws DocSpaceNetworkError when nothing listens on the port', async () => {
    const fake = await startFake();
    const { client } = startClient(fake, { retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 10 } });
    await fake.close();
    expect(await failureOf(() => client.getSelf())).toBeInstanceOf(DocSpaceNetworkError);
  });
});

describe('DocSpace client: timeouts and aborts', () => {
  it('throws DocSpaceTimeoutError when the answer takes longer than timeoutMs', async () => {
    const { client, fake } = await setup({ timeoutMs: 100, retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 10 } });
    fake.setLatency(1000);
    const error = await failureOf(() => client.getSelf());
    expect([error instanceof DocSpaceTimeoutError, error.message]).toEqual([
      true,
      'DocSpace getSelf (GET /api/2.0/people/@self) failed: no complete response within 100 ms',
    ]);
  });

  it('retries a read that timed out', async () => {
    const { client, fake } = await setup({ timeoutMs: 100, retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 10 } });
    fake.setLatency(1000);
    expect(await failureOf(() => client.getSelf())).toBeInstanceOf(DocSpaceTimeoutError);
    expect(fake.requests).toHaveLength(2);
  });

  it("rejects with the caller's abort reason and does not retry", async () => {
    const { client, fake } = await setup();
    fake.setLatency(1000);
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const pending = client.getSelf(controller.signal);
    setTimeout(() => controller.abort(reason), 50);
    await expect(pending).rejects.toBe(reason);
    expect(fake.requests).toHaveLength(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const { client, fake } = await setup();
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    await expect(client.getSelf(controller.signal)).rejects.toThrow('too late');
    expect(fake.requests).toHaveLength(0);
  });
});
