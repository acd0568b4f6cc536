import { onTestFinished, vi } from 'vitest';

/**
 * Hands setTimeout and clearTimeout to the test for the rest of it: the in-process fakes' latency then passes only
 * when the test moves the clock (vi.advanceTimersByTimeAsync), so a delay is proven by order, never by wall time.
 * Sockets, setImmediate and Date stay real.
 */
export function useManualTimers(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  onTestFinished(() => void vi.useRealTimers());
}

/** Waits for a state without any timer (vi.waitFor would move the manual clock while it polls). */
export async function until(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`until: the condition was not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A promise plus whether it has settled yet, to assert "not answered so far". */
export function track<T>(promise: Promise<T>): { readonly promise: Promise<T>; settled(): boolean } {
  let settled = false;
  const watched = promise.finally(() => {
    settled = true;
  });
  return { promise: watched, settled: () => settled };
}
