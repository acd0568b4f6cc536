import { randomUUID } from 'node:crypto';
import { ACTION_APPROVE, BLOCK_HOME_DECISION } from '../../../src/slack/ids.js';
import type { FakeDocSpace, RequestLogEntry } from '../../fakes/docspace-server.js';
import { homeBlockAction } from '../../fakes/payloads.js';
import { docspaceIdOf, type SlackHandle, slackIdOf } from '../../fixtures/people.js';
import type { Harness } from '../../helpers/harness.js';

/** Shared steps of the App Home end-to-end tests: open the tab, read what was published, count DocSpace reads. */

export interface PublishedHome {
  readonly blocks: readonly Record<string, unknown>[];
  /** The blocks as JSON text, for `toContain`. */
  readonly json: string;
}

/** The Home last published for that person, after every Slack request and (re)publish finished. */
export async function homeOf(h: Harness, who: SlackHandle): Promise<PublishedHome> {
  await h.idle();
  const view = h.slack.homeOf(slackIdOf(who))?.view;
  if (!view) throw new Error(`no Home was published for ${who}`);
  const blocks = view['blocks'] as Record<string, unknown>[];
  return { blocks, json: JSON.stringify(blocks) };
}

/** Opens the Home tab as that person and returns what was published. */
export async function openHome(h: Harness, who: SlackHandle): Promise<PublishedHome> {
  const sent = await h.openHome(who);
  if (sent.status !== 200) throw new Error(`app_home_opened was not acked: ${sent.status} ${sent.body}`);
  return homeOf(h, who);
}

/** views.publish calls for that person so far. */
export const publishesFor = (h: Harness, who: SlackHandle) =>
  h.slack.callsTo('views.publish').filter((c) => c.args['user_id'] === slackIdOf(who));

/** The DocSpace requests a render made: every request since the log was cleared. */
export function groupReads(docspace: FakeDocSpace): RequestLogEntry[] {
  return docspace.requests.filter((r) => r.method === 'GET' && r.path === '/api/2.0/group');
}

/** The `userId` (and `manager`) query of each group list read, whatever the key case. */
export function readQueries(docspace: FakeDocSpace): string[] {
  return groupReads(docspace).map((r) => {
    const q = Object.fromEntries(Object.entries(r.query).map(([k, v]) => [k.toLowerCase(), v]));
    return `${q['userid'] ?? ''}${q['manager'] === 'true' ? ' manager' : ''}`;
  });
}

/** A group with a unique name: manager and members as given (fixture handles). */
export function seedGroup(
  docspace: FakeDocSpace,
  prefix: string,
  manager: 'alice' | 'owner' | 'carol',
  members: string[],
) {
  return docspace.seedGroup({
    name: `${prefix} ${randomUUID().slice(0, 6)}`,
    managerId: docspaceIdOf(manager),
    memberIds: members.map((m) => docspaceIdOf(m as 'alice')),
  });
}

/** Clicks Approve on a request's row in the Home, as Slack sends it (view-sourced, no response_url). */
export function approveFromHome(h: Harness, who: SlackHandle, requestId: string) {
  return h.interact(
    homeBlockAction({
      actionId: ACTION_APPROVE,
      value: requestId,
      blockId: `${BLOCK_HOME_DECISION}:${requestId}`,
      userId: slackIdOf(who),
    }),
  );
}
