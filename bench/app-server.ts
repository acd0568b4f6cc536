/**
 * Bench child: runs ONE app in its own process so its RSS is its own. `app` = the real bot built by the container
 * (lib/real-app.ts); `bare` = the bare Bolt baseline (lib/bare-app.ts); `empty` = no app at all, to show what node,
 * the tsx loader and this harness cost by themselves. Each role loads only its own modules. The
 * process samples process.memoryUsage().rss every 50 ms and answers the parent over IPC (lib/ipc-child.ts).
 */
import { z } from 'zod';
import { announceFailure, announceReady, serveIpc } from './lib/ipc-child.js';
import { startRssSampler } from './lib/rss-sampler.js';
import type { AppInfo, RunningApp } from './lib/types.js';

const HOST = '127.0.0.1';

const settingsSchema = z.object({
  env: z.record(z.string(), z.string()),
  botId: z.string(),
  botUserId: z.string(),
});
type Settings = z.infer<typeof settingsSchema>;

type Role = 'app' | 'bare' | 'empty';

async function startRole(role: Role, settings: Settings): Promise<RunningApp> {
  if (role === 'empty')
    return {
      port: 0,
      logs: () => ({ warn: 0, error: 0, lastError: null, lastWarn: null }),
      stop: async () => undefined,
    };
  if (role === 'app') return (await import('./lib/real-app.js')).startRealApp(settings.env, HOST);
  const { startBareApp } = await import('./lib/bare-app.js');
  const env = settings.env;
  return startBareApp(
    {
      signingSecret: env['SLACK_SIGNING_SECRET'] ?? '',
      botToken: env['SLACK_BOT_TOKEN'] ?? '',
      botId: settings.botId,
      botUserId: settings.botUserId,
      slackApiUrl: env['SLACK_API_URL'] ?? '',
    },
    HOST,
  );
}

async function main(): Promise<void> {
  const role = process.argv[2];
  if (role !== 'app' && role !== 'bare' && role !== 'empty') {
    throw new Error(`usage: app-server.ts app|bare|empty (got ${role})`);
  }
  const settings = settingsSchema.parse(JSON.parse(process.env['BENCH_SETTINGS'] ?? 'null'));
  const running = await startRole(role, settings);
  const rss = startRssSampler(50);
  serveIpc(
    {
      rss: (args) => {
        const report = { peak: rss.peak(), current: rss.current() };
        if ((args as { reset?: boolean } | undefined)?.reset) rss.reset();
        return report;
      },
      logs: () => running.logs(),
      /** Full GC (the child runs with --expose-gc), then the heap figures: what the process really retains. */
      memory: () => {
        globalThis.gc?.();
        const { rss: now, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
        return { rss: now, heapUsed, heapTotal, external, arrayBuffers };
      },
    },
    async () => {
      rss.stop();
      await running.stop();
    },
  );
  const info: AppInfo = { port: running.port, eventsUrl: `http://${HOST}:${running.port}/slack/events` };
  announceReady(info);
}

main().catch(announceFailure);
