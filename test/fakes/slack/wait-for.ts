import { delay } from './http-io.js';
import type { ResponseUrlPost, SlackCall } from './types.js';

const POLL_MS = 10;
const RECENT = 10;

function describeRecent(calls: readonly SlackCall[], responses: readonly ResponseUrlPost[]): string {
  const callLines = calls.slice(-RECENT).map((c) => `  ${c.method} ${JSON.stringify(c.args).slice(0, 200)}`);
  const responseLines = responses
    .slice(-RECENT)
    .map((r) => `  /response/${r.id} ${JSON.stringify(r.body).slice(0, 200)}`);
  return [
    `recent Web API calls (${calls.length} in total):`,
    ...(callLines.length > 0 ? callLines : ['  (none)']),
    `recent response_url posts (${responses.length} in total):`,
    ...(responseLines.length > 0 ? responseLines : ['  (none)']),
  ].join('\n');
}

/** Polls until the predicate holds; on timeout rejects with what the fake has seen so far. */
export async function waitUntil(
  predicate: () => boolean,
  timeoutMs: number,
  log: { readonly calls: readonly SlackCall[]; readonly responses: readonly ResponseUrlPost[] },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() >= deadline) {
      throw new Error(
        `fake Slack: condition not met within ${timeoutMs}ms\n${describeRecent(log.calls, log.responses)}`,
      );
    }
    await delay(POLL_MS);
  }
}
