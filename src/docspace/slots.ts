/**
 * Connection slots: a first-come first-served counting semaphore in front of the undici Pool, one slot per pool
 * connection. A request holding a slot is sent at once, so the bot knows exactly when a request left it: the wait for a
 * slot is bounded on its own (a busy answer, nothing sent), and the per-request timeout starts only once it is sent.
 * undici's own queue would hide that moment, and its timeout would count the wait as time on the wire.
 */

/** Gives the slot back; calling it again does nothing. */
export type ReleaseSlot = () => void;

/** No slot came free within the wait bound; the request was never sent. */
export class SlotWaitExpired extends Error {
  override readonly name = 'SlotWaitExpired';
}

export interface Slots {
  /**
   * Resolves once a slot is free (in arrival order). Rejects with SlotWaitExpired after the wait bound, or with the
   * signal's reason when the caller aborts first.
   */
  acquire(signal?: AbortSignal): Promise<ReleaseSlot>;
}

interface Waiter {
  grant(release: ReleaseSlot): void;
}

export function createSlots(size: number, waitMs: number): Slots {
  let free = size;
  const queue: Waiter[] = [];

  const releaser = (): ReleaseSlot => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = queue.shift();
      // The slot passes straight to the next waiter, so a newcomer cannot overtake the queue.
      if (next) next.grant(releaser());
      else free += 1;
    };
  };

  function wait(signal: AbortSignal | undefined): Promise<ReleaseSlot> {
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const leave = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const at = queue.indexOf(waiter);
        if (at >= 0) queue.splice(at, 1);
      };
      const waiter: Waiter = {
        grant(release) {
          leave();
          resolve(release);
        },
      };
      const onAbort = () => {
        leave();
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        leave();
        reject(new SlotWaitExpired(`no free DocSpace connection within ${waitMs} ms`));
      }, waitMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(waiter);
    });
  }

  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (free > 0) {
        free -= 1;
        return Promise.resolve(releaser());
      }
      return wait(signal);
    },
  };
}
