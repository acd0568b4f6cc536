/**
 * The bench's processes: the doubles child, the real app (`node dist/main.js`), the bare Bolt app, plus a reply sink
 * and a keep-alive poster in this process. Everything is on 127.0.0.1.
 */
import { join } from 'node:path';
import { APPROVAL_CHANNEL, commandBody, DAVE, OWNER } from './bodies.js';
import { type BenchChild, type MeasuredChild, type MeasuredSpec, spawnMeasured, startChild } from './child-process.js';
import { createSignedPoster, type SignedPoster } from './load.js';
import { appMain, built } from './paths.js';
import { type ReplySink, startReplySink } from './sink.js';
import type { DoublesInfo, MemoryReport } from './types.js';

export const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';

export interface World {
  readonly doubles: BenchChild<DoublesInfo>;
  readonly app: MeasuredChild;
  readonly bare: MeasuredChild;
  readonly specs: { readonly app: MeasuredSpec; readonly bare: MeasuredSpec };
  readonly sink: ReplySink;
  /** One keep-alive connection to the real app, for the sequential scenarios. */
  readonly poster: SignedPoster;
  /** RSS (after a full GC) of a measured child running no app: node + the probe. */
  readonly emptyRss: number;
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
function appEnv(d: DoublesInfo, dir: string): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: d.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: d.slackApiUrl,
    DOCSPACE_URL: d.docspaceUrl,
    DOCSPACE_API_KEY: d.docspaceApiKey,
    DATABASE_URL: `sqlite:${join(dir, 'bot.sqlite')}`,
    LOG_LEVEL: 'info',
    ADMIN_SLACK_USER_IDS: OWNER,
    APPROVER_SLACK_USER_IDS: DAVE,
    APPROVAL_CHANNEL_ID: APPROVAL_CHANNEL,
  };
}

function bareEnv(d: DoublesInfo): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: d.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: d.slackApiUrl,
    BENCH_BOT_ID: d.botId,
    BENCH_BOT_USER_ID: d.botUserId,
  };
}

/** `dataDir`: where the app keeps its SQLite file across spawns (default: each process's own temp folder). */
export function measuredSpecs(d: DoublesInfo, dataDir?: string) {
  return {
    app: { name: 'app', main: appMain(), env: (dir: string) => appEnv(d, dataDir ?? dir) },
    bare: { name: 'bare', main: built('bench/bare-server'), env: () => bareEnv(d) },
    empty: { name: 'empty', main: built('bench/empty-server'), env: () => ({}) },
  } satisfies Record<string, MeasuredSpec>;
}

export function startDoubles(): Promise<BenchChild<DoublesInfo>> {
  return startChild<DoublesInfo>('doubles-server');
}

/**
 * Starts the measured processes one after another (not at once: on 2 cores they would slow each other's start).
 * The doubles are already up; on failure everything started is stopped.
 */
export async function startWorld(doubles: BenchChild<DoublesInfo>): Promise<World> {
  const specs = measuredSpecs(doubles.ready);
  const started: MeasuredChild[] = [];
  try {
    const empty = await spawnMeasured(specs.empty);
    started.push(empty);
    const emptyRss = (await empty.call<MemoryReport>('memory')).rss;
    await empty.stop();
    started.pop();
    const app = await spawnMeasured(specs.app);
    started.push(app);
    const bare = await spawnMeasured(specs.bare);
    started.push(bare);
    return await assemble(doubles, app, bare, specs, emptyRss);
  } catch (error) {
    await Promise.allSettled(started.map((c) => c.stop()));
    throw error;
  }
}

async function assemble(
  doubles: BenchChild<DoublesInfo>,
  app: MeasuredChild,
  bare: MeasuredChild,
  specs: World['specs'],
  emptyRss: number,
): Promise<World> {
  const sink = await startReplySink();
  const poster = createSignedPoster(app.eventsUrl, SIGNING_SECRET, 1);
  let sequence = 0;
  return {
    doubles,
    app,
    bare,
    specs,
    sink,
    poster,
    emptyRss,
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
    },
  };
}
