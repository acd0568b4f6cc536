/**
 * Bench child: the DocSpace and Slack doubles in their own process, so the app's process holds only the app (the
 * real services are remote too). The parent reads the doubles' request logs over IPC to count calls per operation.
 */
import { type FakeDocSpace, startFakeDocSpace } from '../test/fakes/docspace-server.js';
import { type FakeSlack, startFakeSlack } from '../test/fakes/slack-api-server.js';
import { TEAM_ID } from '../test/fixtures/people.js';
import { announceFailure, announceReady, serveIpc } from './lib/ipc-child.js';
import type { CallLog, DoublesInfo, PostedMessage } from './lib/types.js';

function callLog(docspace: FakeDocSpace, slack: FakeSlack): CallLog {
  return {
    docspace: docspace.requests.map(({ method, path, query, status }) => ({ method, path, query, status })),
    slack: slack.calls.map((c) => ({
      method: c.method,
      channel: typeof c.args['channel'] === 'string' ? c.args['channel'] : null,
    })),
    responses: slack.responses.length,
  };
}

function lastMessage(slack: FakeSlack, channel: unknown): PostedMessage | null {
  const found = slack.messages(String(channel)).at(-1);
  return found ? { channel: found.channel, ts: found.ts, blocks: found.blocks ?? null } : null;
}

async function main(): Promise<void> {
  const docspace = await startFakeDocSpace();
  const slack = await startFakeSlack({ teamId: TEAM_ID });
  serveIpc(
    {
      clear: () => {
        docspace.clearLog();
        slack.clear();
      },
      calls: () => callLog(docspace, slack),
      responseCount: () => slack.responses.length,
      lastMessage: (channel) => lastMessage(slack, channel),
    },
    async () => {
      await Promise.allSettled([docspace.close(), slack.close()]);
    },
  );
  const info: DoublesInfo = {
    docspaceUrl: docspace.url,
    docspaceApiKey: docspace.apiKey,
    slackUrl: slack.url,
    slackApiUrl: slack.apiUrl,
    botToken: slack.botToken,
    botId: slack.botId,
    botUserId: slack.botUserId,
  };
  announceReady(info);
}

main().catch(announceFailure);
