import { describe, expect, it } from 'vitest';
import type { DocSpaceExchange } from '../../../src/docspace/index.js';
import { failureOf, seedTeam, setup } from './client-harness.js';

// The observer hook is how metrics and readiness see DocSpace: one report per HTTP exchange, retries included,
// carrying the operation's name and the status only (never a path, query or body).

function recorder() {
  const seen: DocSpaceExchange[] = [];
  return { seen, observe: (exchange: DocSpaceExchange) => void seen.push(exchange) };
}

const statuses = (seen: readonly DocSpaceExchange[]) => seen.map((e) => `${e.operation} ${e.status}`);

describe('DocSpace client: the exchange observer', () => {
  it('reports each answered exchange with its operation, HTTP status and a duration', async () => {
    const { seen, observe } = recorder();
    const { client, fake } = await setup({ observe });
    const id = seedTeam(fake);
    await client.getGroup(id);
    await client.getUserById('0badc0de-0000-4000-8000-000000000000' as never).catch(() => undefined);
    expect(statuses(seen)).toEqual(['getGroup 200', 'getUserById 404']);
    expect(seen.every((e) => e.seconds >= 0 && e.seconds < 60)).toBe(true);
  });

  it('reports every attempt of a retried read', async () => {
    const { seen, observe } = recorder();
    const { client, fake } = await setup({ observe });
    fake.failNext(2, 503);
    await client.listGroups();
    expect(statuses(seen)).toEqual(['listGroups 503', 'listGroups 503', 'listGroups 200']);
  });

  it('reports a dropped connection as network and a caller abort as aborted', async () => {
    const { seen, observe } = recorder();
    const { client, fake } = await setup({ observe, retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
    fake.dropNext(1);
    await failureOf(() => client.getSelf());
    fake.hold();
    const controller = new AbortController();
    const pending = client.getSelf(controller.signal);
    await fake.waitFor(() => fake.requests.length === 2);
    controller.abort(new Error('caller gave up'));
    await failureOf(() => pending);
    fake.release();
    expect(statuses(seen)).toEqual(['getSelf network', 'getSelf aborted']);
  });

  it('reports a timeout as timeout', async () => {
    const { seen, observe } = recorder();
    const { client, fake } = await setup({
      observe,
      timeoutMs: 100,
      retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
    });
    fake.hold();
    await failureOf(() => client.getSelf());
    fake.release();
    expect(statuses(seen)).toEqual(['getSelf timeout']);
  });
});
