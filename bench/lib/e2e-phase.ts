/**
 * End to end: `create "Development Team NNN" manager @alice members @alice @bob`, then `manager "…" @bob`, as the
 * admin with every user already mapped. Times each command from sending it to its response_url reply.
 */
import { ALICE, BOB, OWNER } from './bodies.js';
import { type LatencySummary, summarize } from './stats.js';
import type { World } from './world.js';

export interface E2eResult {
  readonly create: LatencySummary;
  readonly manager: LatencySummary;
  /** Ack times of the same commands, for reference. */
  readonly createAck: LatencySummary;
  readonly managerAck: LatencySummary;
}

function expectReply(reply: Record<string, unknown>, prefix: string, command: string): void {
  const text = typeof reply['text'] === 'string' ? reply['text'] : '';
  if (!text.startsWith(prefix)) throw new Error(`"${command}" replied "${text.slice(0, 200)}", not "${prefix}…"`);
}

async function scenario(world: World, name: string) {
  const createText = `create "${name}" manager <@${ALICE}> members <@${ALICE}> <@${BOB}>`;
  const created = await world.command(OWNER, createText);
  expectReply(created.reply, '✅ Created group', createText);
  const managerText = `manager "${name}" <@${BOB}>`;
  const moved = await world.command(OWNER, managerText);
  expectReply(moved.reply, '✅ Changed the manager', managerText);
  return { created, moved };
}

export async function measureE2e(world: World, runs: number, warmup: number): Promise<E2eResult> {
  for (let i = 1; i <= warmup; i++) await scenario(world, `Development Team w${String(i).padStart(3, '0')}`);
  const create: number[] = [];
  const manager: number[] = [];
  const createAck: number[] = [];
  const managerAck: number[] = [];
  for (let i = 1; i <= runs; i++) {
    const { created, moved } = await scenario(world, `Development Team ${String(i).padStart(3, '0')}`);
    create.push(created.replyMs);
    manager.push(moved.replyMs);
    createAck.push(created.ackMs);
    managerAck.push(moved.ackMs);
  }
  return {
    create: summarize(create),
    manager: summarize(manager),
    createAck: summarize(createAck),
    managerAck: summarize(managerAck),
  };
}
