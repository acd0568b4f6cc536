/**
 * Bench child: the bare Bolt app (lib/bare-app.ts) as a process of its own, configured from the same environment
 * variables the real app reads (PORT, SLACK_*), plus BENCH_BOT_ID / BENCH_BOT_USER_ID. Stops on SIGTERM.
 */
import { startBareApp } from './lib/bare-app.js';

const env = process.env;
const running = await startBareApp({
  signingSecret: env['SLACK_SIGNING_SECRET'] ?? '',
  botToken: env['SLACK_BOT_TOKEN'] ?? '',
  botId: env['BENCH_BOT_ID'] ?? '',
  botUserId: env['BENCH_BOT_USER_ID'] ?? '',
  slackApiUrl: env['SLACK_API_URL'] ?? '',
  port: Number(env['PORT'] ?? '0'),
});
process.once('SIGTERM', () => {
  void running.stop().then(() => process.exit(0));
});
