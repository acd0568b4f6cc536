import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { RequestId } from '../../../src/domain/model/ids.js';
import { ACTION_APPROVE } from '../../../src/slack/ids.js';
import { createStorage } from '../../../src/storage/index.js';
import { blockAction, slashCommand } from '../../fakes/payloads.js';
import { sendCommand, sendInteractive } from '../../fakes/send-to-app.js';
import { docspaceIdOf, slackIdOf, TEAM_ID } from '../../fixtures/people.js';
import { findCard, requestIdIn } from '../../helpers/approval-cards.js';
import { APPROVAL_CHANNEL, COMMAND_CHANNEL, SIGNING_SECRET } from '../../helpers/harness.js';
import { createTestLogger } from '../storage/factories.js';
import { type BotProcess, isAlive, pollUntil, portRefuses, startBotProcess } from './bot-process.js';

// `npm start` exactly as the README says, stopped the way a supervisor or a container runtime stops it: SIGTERM to
// the pid it started. Few tests on purpose: each spawns npm and the bot.

const EXIT_WITHIN_MS = 30_000;
const TEST_TIMEOUT = 120_000;

async function exitOf(bot: BotProcess) {
  let result: Awaited<BotProcess['exited']> | null = null;
  void bot.exited.then((r) => {
    result = r;
  });
  await pollUntil(() => result !== null, EXIT_WITHIN_MS, 'npm start to exit', bot.output);
  return result as unknown as Awaited<BotProcess['exited']>;
}

async function commandLine(pid: number): Promise<string> {
  return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean).join(' ');
}

/** Nothing of the bot is left: no process seen under npm lives on (re-parented or not), the port refuses. */
async function expectNothingLeft(bot: BotProcess) {
  expect(bot.descendants.filter(isAlive)).toEqual([]);
  expect(await portRefuses(bot.port)).toBe(true);
}

async function slashAs(bot: BotProcess, who: string, text: string, responseId: string) {
  const fields = slashCommand({
    text,
    userId: slackIdOf(who),
    teamId: TEAM_ID,
    channelId: COMMAND_CHANNEL,
    responseUrl: bot.slack.responseUrl(responseId),
  });
  const ack = await sendCommand(`${bot.baseUrl}/slack/events`, SIGNING_SECRET, fields);
  expect(ack.status).toBe(200);
}

const heldWrite = (bot: BotProcess) => () => bot.docspace.requests.some((r) => r.method !== 'GET' && r.status === 0);

describe('npm start, stopped by a signal to the npm pid', () => {
  it(
    'runs the bot as one node process on dist/, and SIGTERM to npm leaves no process and a closed port',
    async () => {
      const bot = await startBotProcess();
      const commands = await Promise.all(bot.descendants.map(commandLine));
      expect(commands).toEqual(['node dist/main.js']);
      process.kill(bot.npmPid, 'SIGTERM');
      expect(await exitOf(bot)).toEqual({ code: 0, signal: null });
      await expectNothingLeft(bot);
      expect(bot.logLines().find((l) => l['msg'] === 'stopped')).toMatchObject({ drained: true });
    },
    TEST_TIMEOUT,
  );

  it(
    'stops taking events at once but lets a command in flight finish before it exits',
    async () => {
      const bot = await startBotProcess({ SHUTDOWN_GRACE_MS: '60000' });
      bot.docspace.hold((r) => r.method === 'POST');
      await slashAs(bot, 'owner', 'create "Night shift"', 'slow-create');
      await bot.docspace.waitFor(heldWrite(bot), 10_000);
      process.kill(bot.npmPid, 'SIGTERM');
      await pollUntil(() => portRefuses(bot.port), 10_000, 'the port to close', bot.output);
      // Intake is closed while DocSpace still holds its answer: the bot is draining, not gone.
      expect(bot.descendants.every(isAlive)).toBe(true);
      bot.docspace.release();
      expect(await exitOf(bot)).toEqual({ code: 0, signal: null });
      expect(JSON.stringify(bot.slack.responsesTo('slow-create'))).toContain('Night shift');
      expect(bot.docspace.listGroups().map((g) => g.name)).toContain('Night shift');
      expect(bot.logLines().find((l) => l['msg'] === 'stopped')).toMatchObject({ drained: true });
      await expectNothingLeft(bot);
    },
    TEST_TIMEOUT,
  );

  it(
    'cuts off what outlasts SHUTDOWN_GRACE_MS, still exits 0, and leaves the approved change for recovery',
    async () => {
      const bot = await startBotProcess({ SHUTDOWN_GRACE_MS: '200' });
      const group = bot.docspace.seedGroup({
        name: 'Platform',
        managerId: docspaceIdOf('alice'),
        memberIds: [docspaceIdOf('alice'), docspaceIdOf('bob')],
      });
      await slashAs(bot, 'alice', `add "${group.name}" <@U0CAROL001>`, 'ask');
      await bot.slack.waitFor(() => bot.slack.responsesTo('ask').length > 0, 10_000);
      const id = requestIdIn(JSON.stringify(bot.slack.responsesTo('ask')[0]?.body));
      await bot.slack.waitFor(() => findCard(bot.slack, id) !== undefined, 10_000);
      const card = findCard(bot.slack, id);
      bot.docspace.hold((r) => r.method !== 'GET');
      const click = blockAction({
        actionId: ACTION_APPROVE,
        value: id,
        blockId: 'dsg_decision',
        userId: slackIdOf('dave'),
        teamId: TEAM_ID,
        responseUrl: bot.slack.responseUrl('approve'),
        channelId: card?.channel ?? APPROVAL_CHANNEL,
        ...(card ? { messageTs: card.ts } : {}),
      });
      expect((await sendInteractive(`${bot.baseUrl}/slack/events`, SIGNING_SECRET, click)).status).toBe(200);
      await bot.docspace.waitFor(heldWrite(bot), 10_000);
      process.kill(bot.npmPid, 'SIGTERM');
      expect(await exitOf(bot)).toEqual({ code: 0, signal: null });
      await expectNothingLeft(bot);
      expect(bot.logLines().find((l) => l['msg'] === 'stopped')).toMatchObject({ drained: false });
      // `approved` past INTERRUPTED_AFTER_MS is what maintenance reports as interrupted, with Retry.
      const storage = await createStorage({
        databaseUrl: bot.databaseUrl,
        logger: createTestLogger(),
        existingOnly: true,
      });
      const stored = await storage.requests.get(id as RequestId);
      await storage.close();
      expect(stored?.status).toBe('approved');
    },
    TEST_TIMEOUT,
  );
});
