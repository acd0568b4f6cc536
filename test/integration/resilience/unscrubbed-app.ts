import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config.js';
import { createContainer } from '../../../src/container.js';
import { createLogger } from '../../../src/logger.js';
import { type FakeDocSpace, startFakeDocSpace } from '../../fakes/docspace-server.js';
import { blockAction, formEncodeCommand, formEncodeInteractive, slashCommand } from '../../fakes/payloads.js';
import { sendSigned } from '../../fakes/send-to-app.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack-api-server.js';
import { TEAM_ID } from '../../fixtures/people.js';
import { baseEnv, COMMAND_CHANNEL, type Harness, SIGNING_SECRET, slackIdOf } from '../../helpers/harness.js';

/**
 * The harness's app, but logging at debug level WITHOUT the scrubbing stream (the last line of defence that replaces
 * known secret values in every line). What reaches these logs shows whether the structural protections (pino
 * redact paths, the error serializer, the DocSpace client's own redaction) keep secrets out on their own.
 */
export async function startUnscrubbedApp(env: Record<string, string> = {}): Promise<Harness> {
  const docspace: FakeDocSpace = await startFakeDocSpace();
  const slack: FakeSlack = await startFakeSlack({ teamId: TEAM_ID });
  const dir = mkdtempSync(join(tmpdir(), 'dsg-unscrubbed-'));
  const databaseUrl = `sqlite:${join(dir, 'bot.sqlite')}`;
  const config = loadConfig({ ...baseEnv(docspace, slack, databaseUrl), LOG_LEVEL: 'debug', ...env });
  const logs: string[] = [];
  const logger = createLogger({
    level: 'debug',
    secrets: [],
    destination: { write: (line: string) => logs.push(line) },
  });
  const container = await createContainer(config, {
    logger,
    host: '127.0.0.1',
    slackRetryConfig: { retries: 0 },
    maintenanceIntervalMs: 0,
  });
  const baseUrl = `http://127.0.0.1:${(await container.start()).port}`;
  const eventsUrl = `${baseUrl}/slack/events`;
  const send = (raw: string) => sendSigned(eventsUrl, raw, { signingSecret: SIGNING_SECRET });
  let counter = 0;
  let stopped = false;
  const app: Harness = {
    docspace,
    slack,
    container,
    eventsUrl,
    baseUrl,
    databaseUrl,
    logs,
    async command(who, text) {
      const responseId = `bare-${++counter}`;
      const fields = slashCommand({
        text,
        userId: slackIdOf(who),
        teamId: TEAM_ID,
        channelId: COMMAND_CHANNEL,
        responseUrl: slack.responseUrl(responseId),
        triggerId: `trigger-${counter}`,
      });
      return { ack: await send(formEncodeCommand(fields)), responseId };
    },
    async reply(responseId, timeoutMs = 10_000) {
      await slack.waitFor(() => slack.responsesTo(responseId).length > 0, timeoutMs);
      return slack.responsesTo(responseId)[0]?.body as Record<string, unknown>;
    },
    interact: (payload) => send(formEncodeInteractive(payload)),
    click: (who, actionId, value) =>
      send(formEncodeInteractive(blockAction({ actionId, value, userId: slackIdOf(who), teamId: TEAM_ID }))),
    async stop() {
      if (stopped) return;
      stopped = true;
      await container.stop();
    },
    async close() {
      await app.stop();
      await docspace.close();
      await slack.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return app;
}
