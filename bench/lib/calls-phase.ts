/**
 * Counts the DocSpace and Slack Web API calls of each operation from the doubles' logs, with a warm mapping store
 * and a warm DM-channel cache (one unmeasured round first). Every measured round must give the same calls.
 */
import { ALICE, APPROVAL_CHANNEL, approveClickBody, BOB, CAROL, DAVE, OWNER, requestIdOnCard } from './bodies.js';
import { callNames, compareToBudget, type Operation, type OperationCalls } from './call-budget.js';
import type { CallLog, PostedMessage } from './types.js';
import type { World } from './world.js';

const SETTLE_MS = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function loggedCalls(world: World): Promise<string[]> {
  await sleep(SETTLE_MS);
  return callNames(await world.doubles.call<CallLog>('calls'));
}

async function commandCalls(world: World, userId: string, text: string, expect: string): Promise<string[]> {
  await world.doubles.call('clear');
  const { reply } = await world.command(userId, text);
  const replyText = typeof reply['text'] === 'string' ? reply['text'] : '';
  if (!replyText.includes(expect)) throw new Error(`"${text}" replied "${replyText.slice(0, 200)}"`);
  return loggedCalls(world);
}

async function approveCalls(world: World): Promise<string[]> {
  const card = await world.doubles.call<PostedMessage | null>('lastMessage', APPROVAL_CHANNEL);
  const requestId = card ? requestIdOnCard(card.blocks) : null;
  if (!card || !requestId) throw new Error('no approval card with an Approve button was posted');
  await world.doubles.call('clear');
  const click = await world.poster.post(
    approveClickBody(DAVE, card, requestId, world.sink.url(`approve-${requestId}`)),
  );
  if (click.status !== 200) throw new Error(`the Approve click was not acked: HTTP ${click.status}`);
  const deadline = Date.now() + 5000;
  for (;;) {
    const names = callNames(await world.doubles.call<CallLog>('calls'));
    if (names.includes('SL chat.postMessage(DM)')) break;
    if (Date.now() > deadline)
      throw new Error(`approving ${requestId} sent no DM to the requester: ${names.join(', ')}`);
    await sleep(10);
  }
  return loggedCalls(world);
}

async function round(world: World, name: string): Promise<Record<Operation, string[]>> {
  const ok = '✅';
  return {
    create: await commandCalls(world, OWNER, `create "${name}" manager <@${ALICE}> members <@${ALICE}> <@${BOB}>`, ok),
    manager: await commandCalls(world, OWNER, `manager "${name}" <@${BOB}>`, ok),
    add: await commandCalls(world, OWNER, `add "${name}" <@${CAROL}>`, ok),
    remove: await commandCalls(world, OWNER, `remove "${name}" <@${CAROL}>`, ok),
    request: await commandCalls(world, ALICE, `add "${name}" <@${DAVE}>`, 'waiting for approval'),
    approve: await approveCalls(world),
  };
}

export interface CallsResult {
  readonly operations: OperationCalls[];
  /** Operations whose calls differed between measured rounds (the last round is reported). */
  readonly unstable: { op: Operation; rounds: string[][] }[];
}

export async function measureCalls(world: World, rounds: number): Promise<CallsResult> {
  await round(world, 'Calls Team warm');
  const results: Record<Operation, string[]>[] = [];
  for (let r = 1; r <= rounds; r++) results.push(await round(world, `Calls Team ${r}`));
  const last = results.at(-1);
  if (!last) throw new Error('measureCalls needs at least one round');
  const ops = Object.keys(last) as Operation[];
  const unstable = ops
    .map((op) => ({ op, rounds: results.map((r) => [...r[op]].sort()) }))
    .filter(({ rounds: seen }) => new Set(seen.map((s) => s.join('|'))).size > 1);
  return { operations: ops.map((op) => compareToBudget(op, last[op])), unstable };
}
