import { describe, expect, it } from 'vitest';
import { createSlots, type ReleaseSlot, SlotWaitExpired } from '../../../src/docspace/slots.js';

/** Long enough that no test here ever reaches it unless it waits for it on purpose. */
const NEVER = 60_000;

/** Which of the acquisitions have been granted so far, after pending callbacks ran. */
async function grantedOf(acquisitions: Promise<ReleaseSlot>[]): Promise<boolean[]> {
  const granted = acquisitions.map(() => false);
  acquisitions.forEach((p, i) => {
    void p.then(
      () => {
        granted[i] = true;
      },
      () => undefined,
    );
  });
  await new Promise((resolve) => setImmediate(resolve));
  return granted;
}

describe('connection slots', () => {
  it('grants as many slots as there are connections at once, and queues the rest', async () => {
    const slots = createSlots(2, NEVER);
    const asked = [slots.acquire(), slots.acquire(), slots.acquire()];
    expect(await grantedOf(asked)).toEqual([true, true, false]);
    (await asked[0])?.();
    expect(await grantedOf(asked)).toEqual([true, true, true]);
  });

  it('hands freed slots to waiters in arrival order, ahead of newcomers', async () => {
    const slots = createSlots(1, NEVER);
    const first = await slots.acquire();
    const order: string[] = [];
    const second = slots.acquire().then((release) => {
      order.push('second');
      return release;
    });
    const third = slots.acquire().then((release) => {
      order.push('third');
      return release;
    });
    first();
    (await second)();
    (await third)();
    expect(order).toEqual(['second', 'third']);
    expect(await grantedOf([slots.acquire()])).toEqual([true]);
  });

  it('gives up on a waiter after the wait bound with SlotWaitExpired, and forgets it', async () => {
    const slots = createSlots(1, 20);
    const held = await slots.acquire();
    await expect(slots.acquire()).rejects.toBeInstanceOf(SlotWaitExpired);
    held();
    // The expired waiter took nothing: the freed slot is there for the next one at once.
    expect(await grantedOf([slots.acquire()])).toEqual([true]);
  });

  it('rejects a waiter whose caller aborts with the caller reason, and forgets it', async () => {
    const slots = createSlots(1, NEVER);
    const held = await slots.acquire();
    const controller = new AbortController();
    const waiting = slots.acquire(controller.signal);
    const reason = new Error('caller gave up');
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    held();
    expect(await grantedOf([slots.acquire()])).toEqual([true]);
  });

  it('refuses at once when the caller has already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('already'));
    await expect(createSlots(1, NEVER).acquire(controller.signal)).rejects.toThrow('already');
  });

  it('frees a slot once however often its release is called', async () => {
    const slots = createSlots(1, NEVER);
    const release = await slots.acquire();
    release();
    release();
    const asked = [slots.acquire(), slots.acquire()];
    expect(await grantedOf(asked)).toEqual([true, false]);
    (await asked[0])?.();
    await asked[1];
  });
});
