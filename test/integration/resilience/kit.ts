import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuditEntry } from '../../../src/domain/model/audit.js';
import type { SlackTeamId } from '../../../src/domain/model/ids.js';
import { ACTION_APPROVE, ACTION_RETRY } from '../../../src/slack/ids.js';
import type { RequestLogEntry } from '../../fakes/docspace-server.js';
import { blockAction } from '../../fakes/payloads.js';
import type { SendResult } from '../../fakes/send-to-app.js';
import { PEOPLE, slackIdOf, TEAM_ID } from '../../fixtures/people.js';
import { cardOf, requestIdIn, storedRequest } from '../../helpers/approval-cards.js';
import { APPROVAL_CHANNEL, type Harness } from '../../helpers/harness.js';

/** Shared steps of the resilience suite: what DocSpace saw, what the user read, the request behind a card. */

export { buttonsOf, cardOf, requestIdIn, storedRequest } from '../../helpers/approval-cards.js';

export const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'DELETE']);

export function writesIn(log: readonly RequestLogEntry[]): RequestLogEntry[] {
  return log.filter((r) => WRITE_METHODS.has(r.method));
}

export function requestsTo(log: readonly RequestLogEntry[], method: string, pathPart: string): RequestLogEntry[] {
  return log.filter((r) => r.method === method && r.path.includes(pathPart));
}

/** Sends the command and returns the text of its first response_url answer. */
export async function commandText(h: Harness, who: string, text: string): Promise<string> {
  const sent = await h.command(who, text);
  if (sent.ack.status !== 200) throw new Error(`command was not acked: ${sent.ack.status} ${sent.ack.body}`);
  const reply = await h.reply(sent.responseId);
  return String(reply['text'] ?? '');
}

/** Runs `whoami` for each person so later commands use a fresh stored mapping (no DocSpace look-up). */
export async function warmUp(h: Harness, ...who: string[]): Promise<void> {
  for (const person of who) await commandText(h, person, 'whoami');
}

export function seedOps(h: Harness) {
  return h.docspace.seedGroup({
    name: 'Ops',
    managerId: PEOPLE.alice.docspace.id,
    memberIds: [PEOPLE.alice.docspace.id],
  });
}

/** Audit entries, oldest first, optionally only those of one request. */
export async function auditTrail(h: Harness, requestId?: string): Promise<AuditEntry[]> {
  const all = await h.container.storage.audit.list({ teamId: TEAM_ID as SlackTeamId, limit: 200 });
  return all.filter((e) => requestId === undefined || e.requestId === requestId).reverse();
}

/** alice asks to add bob to Ops; returns the new request id (its card is in the approvals channel). */
export async function fileRequest(h: Harness): Promise<string> {
  const text = await commandText(h, 'alice', `add "Ops" <@${PEOPLE.bob.slack.id}> reason: on call`);
  return requestIdIn(text);
}

/** Clicks a request button on its card with a response_url of our own; returns the ack and the reply sink id. */
export async function clickOnCard(
  h: Harness,
  who: string,
  actionId: typeof ACTION_APPROVE | typeof ACTION_RETRY | string,
  requestId: string,
): Promise<{ ack: SendResult; responseId: string }> {
  const card = cardOf(h.slack, requestId);
  const responseId = `click-${randomUUID()}`;
  const payload = blockAction({
    actionId,
    value: requestId,
    userId: slackIdOf(who),
    teamId: TEAM_ID,
    channelId: card.channel,
    messageTs: card.ts,
    responseUrl: h.slack.responseUrl(responseId),
  });
  return { ack: await h.interact(payload), responseId };
}

/** Waits until the stored request reaches one of the statuses. */
export async function waitForStatus(h: Harness, requestId: string, statuses: readonly string[], timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const request = await storedRequest(h, requestId);
    if (statuses.includes(request.status)) return request;
    if (Date.now() > deadline) throw new Error(`request ${requestId} stayed ${request.status}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits for the DM that tells alice (the requester in fileRequest) how her request ended. */
export async function requesterToldAbout(h: Harness, requestId: string): Promise<void> {
  await h.slack.waitFor(() => h.slack.dms(PEOPLE.alice.slack.id).some((m) => m.text.includes(requestId)));
}

/** Parsed log lines the app wrote. */
export function logRecords(h: Pick<Harness, 'logs'>): Record<string, unknown>[] {
  return h.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** A URL on 127.0.0.1 where nothing listens: a server is started, its port noted, then it is closed. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export { ACTION_APPROVE, ACTION_RETRY, APPROVAL_CHANNEL, PEOPLE };
