import { randomUUID } from 'node:crypto';
import { createDocSpaceClient } from '../../../src/docspace/index.js';
import type { Grant, GroupId, SlackTeamId } from '../../../src/domain/index.js';
import { ACTION_GRANT_END, ACTION_GRANT_RENEW } from '../../../src/slack/ids.js';
import type { FakeDocSpace } from '../../fakes/docspace-server.js';
import { blockAction } from '../../fakes/payloads.js';
import { type PersonHandle, slackIdOf, TEAM_ID } from '../../fixtures/people.js';
import type { Harness } from '../../helpers/harness.js';

/** Shared steps of the time-bound access (grants) end-to-end tests. */

/** The group's live grants, as storage holds them. */
export function liveGrants(h: Harness, groupId: string): Promise<Grant[]> {
  return h.container.storage.grants.listActiveForGroup(TEAM_ID as SlackTeamId, groupId as GroupId);
}

export async function onlyGrant(h: Harness, groupId: string): Promise<Grant> {
  const grants = await liveGrants(h, groupId);
  if (grants.length !== 1) throw new Error(`expected one live grant, found ${grants.length}`);
  return grants[0] as Grant;
}

/** One sweep pass of this instance (what its timer runs every 30 s). */
export async function sweep(h: Harness): Promise<{ expired: number; reminded: number }> {
  const done = await h.container.services.sweepGrants();
  if (!done.ok) throw new Error(`sweep failed: ${done.error.code}`);
  return done.value;
}

/** DELETE …/group/{id}/members calls the DocSpace double received. */
export function memberDeletes(docspace: FakeDocSpace, groupId: string) {
  return docspace.requests.filter((r) => r.method === 'DELETE' && r.path.endsWith(`/group/${groupId}/members`));
}

/** Someone changing DocSpace outside the bot (in its web UI), through a client of its own. */
export function outsideTheBot(docspace: FakeDocSpace) {
  const client = createDocSpaceClient({
    baseUrl: docspace.url,
    apiKey: docspace.apiKey,
    timeoutMs: 5000,
    maxConnections: 2,
    queueTimeoutMs: 5000,
    retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
    logger: { info() {}, warn() {}, error() {}, debug() {} },
  });
  return {
    async run(work: (c: typeof client) => Promise<unknown>) {
      try {
        await work(client);
      } finally {
        await client.close();
      }
      // What the outside change sent is not the bot's doing.
      docspace.clearLog();
    },
  };
}

/** Clicks Renew or End now (on a reminder DM or the grants list) as someone; returns the response id of the answer. */
export async function clickGrant(h: Harness, who: PersonHandle, action: 'renew' | 'end', grantId: string) {
  const responseId = `grant-${randomUUID()}`;
  const sent = await h.interact(
    blockAction({
      actionId: action === 'renew' ? ACTION_GRANT_RENEW : ACTION_GRANT_END,
      value: grantId,
      blockId: `dsg_grant_actions:${grantId}`,
      userId: slackIdOf(who),
      teamId: TEAM_ID,
      responseUrl: h.slack.responseUrl(responseId),
    }),
  );
  if (sent.status !== 200) throw new Error(`click was not acked: ${sent.status} ${sent.body}`);
  return responseId;
}

/** The first answer to a response id, as JSON text. */
export async function answer(h: Harness, responseId: string): Promise<string> {
  await h.slack.waitFor(() => h.slack.responsesTo(responseId).length > 0, 8000);
  return JSON.stringify(h.slack.responsesTo(responseId)[0]?.body);
}

/** DMs to that person that mention the grant id. */
export function dmsAboutGrant(h: Harness, who: PersonHandle, grantId: string) {
  return h.slack.dms(slackIdOf(who)).filter((m) => JSON.stringify(m).includes(grantId));
}
