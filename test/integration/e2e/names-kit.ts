import { randomUUID } from 'node:crypto';
import type { FakeDocSpace } from '../../fakes/docspace-server.js';
import type { FakeSlack } from '../../fakes/slack-api-server.js';

/** Shared steps of the one-group-per-name tests: unique names, DocSpace's view of them, and forced overlaps. */

/** A group name no other test uses. */
export const uniqueName = (prefix: string) => `${prefix} ${randomUUID().slice(0, 8)}`;

const GROUP_LIST = '/api/2.0/group';

/** POST /group requests the DocSpace double received (each one may create a group). */
export const createPosts = (docspace: FakeDocSpace) =>
  docspace.requests.filter((r) => r.method === 'POST' && r.path === GROUP_LIST);

/** Groups DocSpace now holds under exactly this name. */
export const groupsNamed = (docspace: FakeDocSpace, name: string) =>
  docspace.listGroups().filter((g) => g.name === name);

const nameChecks = (docspace: FakeDocSpace) =>
  docspace.requests.filter((r) => r.method === 'GET' && r.path === GROUP_LIST);

/**
 * Makes concurrent deliveries overlap where a check-then-write would go wrong: the answers to DocSpace name searches
 * are held until `checks` searches have arrived (each delivery checked the name and none has written yet) or until
 * `settled()` says the app answered without searching (a delivery it recognised as a repeat). Then all are released.
 */
export async function overlapNameChecks(
  docspace: FakeDocSpace,
  slack: FakeSlack,
  run: () => Promise<unknown>,
  settled: () => boolean,
  checks = 2,
): Promise<void> {
  docspace.hold((r) => r.method === 'GET' && r.path === GROUP_LIST);
  try {
    await run();
    await slack.waitFor(() => nameChecks(docspace).length >= checks || settled());
  } finally {
    docspace.release();
  }
}
