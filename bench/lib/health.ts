/**
 * Start-up time: from spawn() until GET HEALTH_PATH answers 200, polled from this process every POLL_MS.
 * HEALTH_PATH is /healthz today (200 once the app is ready to take Slack events); when the app gains /readyz, this
 * is the one line to change.
 */
import { request } from 'node:http';

export const HEALTH_PATH = '/healthz';
const POLL_MS = 5;

function probe(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: HEALTH_PATH, method: 'GET', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

/** Resolves with performance.now() at the first 200; rejects when `gaveUp()` says so (the child died) or at timeoutMs. */
export async function waitHealthy(port: number, timeoutMs: number, gaveUp: () => Error | null): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const status = await probe(port);
    const at = performance.now();
    if (status === 200) return at;
    const failure = gaveUp();
    if (failure) throw failure;
    if (at > deadline) throw new Error(`${HEALTH_PATH} on port ${port} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
