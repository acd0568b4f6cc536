/**
 * `npm run fakes`: runs the DocSpace and Slack doubles standalone for manual testing and prints how to point the bot
 * at them. Ports come from DOCSPACE_FAKE_PORT / SLACK_FAKE_PORT (default: random free ports).
 */
import { startFakeDocSpace } from './docspace-server.js';
import { startFakeSlack } from './slack-api-server.js';

const port = (name: string) => {
  const value = Number(process.env[name] ?? '0');
  return Number.isInteger(value) && value >= 0 ? value : 0;
};

const docspace = await startFakeDocSpace({ port: port('DOCSPACE_FAKE_PORT') });
const slack = await startFakeSlack({ port: port('SLACK_FAKE_PORT') });

process.stdout.write(
  [
    'DocSpace and Slack doubles are running (Ctrl+C stops them).',
    '',
    `DocSpace double: ${docspace.url}   (owner API key below; people from test/fixtures/people.ts)`,
    `Slack double:    ${slack.url}`,
    '',
    'Point the bot at them with:',
    `  DOCSPACE_URL=${docspace.url}`,
    `  DOCSPACE_API_KEY=${docspace.apiKey}`,
    `  SLACK_API_URL=${slack.apiUrl}`,
    `  SLACK_BOT_TOKEN=${slack.botToken}`,
    '  SLACK_SIGNING_SECRET=<any value; sign your test requests with it>',
    `  SLACK_APP_TOKEN=${slack.appToken}   (optional: Socket Mode against the double's WebSocket)`,
    '',
    'Try:',
    `  curl -s -H "Authorization: Bearer ${docspace.apiKey}" ${docspace.url}/api/2.0/group`,
    '',
  ].join('\n'),
);

const stop = async () => {
  await Promise.allSettled([docspace.close(), slack.close()]);
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
