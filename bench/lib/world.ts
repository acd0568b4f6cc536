/**
 * The bench's processes: the doubles child, the real app child and the bare Bolt child, plus a reply sink and a
 * keep-alive poster in this process. Everything is on 127.0.0.1.
 */
import { APPROVAL_CHANNEL, commandBody, DAVE, OWNER } from './bodies.js';
import { type BenchChild, startChild } from './child-process.js';
import { createSignedPoster, type SignedPoster } from './load.js';
import { type ReplySink, startReplySink } from './sink.js';
import type { AppInfo, DoublesInfo, MemoryReport } from './types.js';

export const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';

export interface World {
  readonly doubles: BenchChild<DoublesInfo>;
  readonly app: BenchChild<AppInfo>;
  readonly bare: BenchChild<AppInfo>;
  readonly sink: ReplySink;
  /** One keep-alive connection to the real app, for the sequential scenarios. */
  readonly poster: SignedPoster;
  /** RSS (after a full GC) of a child running no app: node + the tsx loader + the bench's IPC. */
  readonly emptyTsxRss: number;
  /** Sends `/docspace-group <text>` as userId to the real app; resolves with the ack and the reply. */
  command(userId: string, text: string, timeoutMs?: number): Promise<CommandTiming>;
  close(): Promise<void>;
}

interface CommandTiming {
  readonly ackMs: number;
  /** Milliseconds from sending the command until its response_url reply arrived. */
  readonly replyMs: number;
  readonly reply: Record<string, unknown>;
}

/** The app's environment: the doubles, production defaults for everything else, owner admin, dave approver. */
function appEnv(d: DoublesInfo): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: d.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: d.slackApiUrl,
    PORT: '0',
    DOCSPACE_URL: d.docspaceUrl,
    DOCSPACE_API_KEY: d.docspaceApiKey,
    LOG_LEVEL: 'info',
    ADMIN_SLACK_USER_IDS: OWNER,
    APPROVER_SLACK_USER_IDS: DAVE,
    APPROVAL_CHANNEL_ID: APPROVAL_CHANNEL,
  };
}

async function startApps(env: Record<string, string>, doubles: BenchChild<DoublesInfo>) {
  const started = await Promise.allSettled([
    startChild<AppInfo>('app-server.ts', ['app'], env),
    startChild<AppInfo>('app-server.ts', ['bare'], env),
    startChild<AppInfo>('app-server.ts', ['empty'], env),
  ]);
  const [app, bare, empty] = started;
  if (app.status === 'fulfilled' && bare.status === 'fulfilled' && empty.status === 'fulfilled') {
    const emptyTsxRss = (await empty.value.call<MemoryReport>('memory')).rss;
    await empty.value.stop();
    return { app: app.value, bare: bare.value, emptyTsxRss };
  }
  await Promise.allSettled([doubles.stop(), ...started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : null))]);
  throw started.find((s): s is PromiseRejectedResult => s.status === 'rejected')?.reason;
}

export async function startWorld(): Promise<World> {
  const doubles = await startChild<DoublesInfo>('doubles-server.ts', []);
  const settings = { env: appEnv(doubles.ready), botId: doubles.ready.botId, botUserId: doubles.ready.botUserId };
  const { app, bare, emptyTsxRss } = await startApps({ BENCH_SETTINGS: JSON.stringify(settings) }, doubles);
  const sink = await startReplySink();
  const poster = createSignedPoster(app.ready.eventsUrl, SIGNING_SECRET, 1);
  let sequence = 0;
  return {
    doubles,
    app,
    bare,
    sink,
    poster,
    emptyTsxRss,
    async command(userId, text, timeoutMs = 10_000) {
      const id = `cmd-${++sequence}`;
      const started = performance.now();
      const ack = await poster.post(commandBody(userId, text, sink.url(id)));
      if (ack.status !== 200) throw new Error(`"${text}" was not acked: HTTP ${ack.status} ${ack.body.slice(0, 200)}`);
      const reply = await sink.wait(id, timeoutMs);
      return { ackMs: ack.ms, replyMs: reply.at - started, reply: reply.body };
    },
    async close() {
      await poster.close();
      await sink.close();
      await Promise.allSettled([app.stop(), bare.stop()]);
      await doubles.stop();
    },
  };
}
