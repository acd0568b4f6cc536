const POLL_MS = 10;

/**
 * Polls until the predicate holds (a definite state, not a pause); on timeout rejects with `label` and what the fake
 * has seen so far (`recent()`), so a failing test says what did arrive.
 */
export async function waitUntil(
  predicate: () => boolean,
  timeoutMs: number,
  label: string,
  recent: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() >= deadline) throw new Error(`${label}: condition not met within ${timeoutMs}ms\n${recent()}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
