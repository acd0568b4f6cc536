/**
 * The open-loop phase: `help` (answered in the ack itself) and `show "Development Team"` (acked at once, then a
 * DocSpace find + read and a response_url reply) sent at fixed arrival rates to the real app and to the bare Bolt
 * app. Each condition runs in two halves per app in the order app, bare, bare, app, so a change in the machine's
 * background load during the condition falls on both apps alike; the halves are pooled. After each half against the
 * real app, `show` waits for every reply to reach the Slack double (drain), so that app's post-ack work never
 * overlaps the bare app's half.
 */
import { drain } from './ack-phase.js';
import { commandBody, OWNER } from './bodies.js';
import { createOpenLoopSender, type OpenLoopResult, type OpenLoopSender } from './open-loop.js';
import { type LatencySummary, summarize } from './stats.js';
import type { RssReport } from './types.js';
import { SIGNING_SECRET, type World } from './world.js';

const OPEN_COMMANDS = { help: 'help', show: 'show "Development Team"' } as const;
export type OpenCommand = keyof typeof OPEN_COMMANDS;
type Target = 'app' | 'bare';

export interface OpenCounts {
  /** Measured requests per app at each rate (split into two halves). */
  readonly perRate: Readonly<Record<number, number>>;
  /** Unmeasured seconds at the same rate before each app's first half of a condition. */
  readonly warmupSeconds: number;
}

export interface OpenRun {
  readonly command: OpenCommand;
  readonly ratePerSec: number;
  readonly target: Target;
  /** Scheduled send -> full response (the ack). */
  readonly latency: LatencySummary;
  /** How late this process sent requests (actual - scheduled), over both halves. */
  readonly senderLag: LatencySummary;
  /** Acks per second actually received over the measured halves. */
  readonly achievedRate: number;
  readonly errors: number;
  readonly firstError: string | null;
  /** show against the real app: replies still missing when the drain gave up; longest drain, ms. */
  readonly undrained: number;
  readonly drainMs: number | null;
  /** Peak RSS of the target's process over its halves (warm-up included), bytes. */
  readonly peakRss: number;
  /** CPU time the target's process used per acked request (warm-up and drain included), ms: the cost of a request. */
  readonly cpuPerRequestMs: number;
}

interface Half {
  readonly result: OpenLoopResult;
  readonly peakRss: number;
  readonly cpuMs: number;
  readonly acked: number;
  readonly drained: { ms: number; missing: number } | null;
}

async function half(world: World, target: Target, sender: OpenLoopSender, options: HalfOptions): Promise<Half> {
  const child = world[target];
  const body = commandBody(
    OWNER,
    OPEN_COMMANDS[options.command],
    `${world.doubles.ready.slackUrl}/response/bench-open`,
  );
  await world.doubles.call('clear');
  await child.call<RssReport>('rss', { reset: true });
  const cpuBefore = await child.call<number>('cpu');
  const warm = options.warmup > 0 ? await sender.run({ ratePerSec: options.rate, count: options.warmup, body }) : null;
  const result = await sender.run({ ratePerSec: options.rate, count: options.count, body });
  const replies = (warm?.latenciesMs.length ?? 0) + result.latenciesMs.length;
  const drained = target === 'app' && options.command === 'show' ? await drain(world, replies) : null;
  const rss = await child.call<RssReport>('rss');
  const cpuMs = (await child.call<number>('cpu')) - cpuBefore;
  return { result, peakRss: rss.peak, drained, cpuMs, acked: replies };
}

interface HalfOptions {
  readonly command: OpenCommand;
  readonly rate: number;
  readonly count: number;
  readonly warmup: number;
}

const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);

function pool(command: OpenCommand, rate: number, target: Target, halves: Half[]): OpenRun {
  const latencies = halves.flatMap((h) => h.result.latenciesMs);
  const elapsed = halves.reduce((sum, h) => sum + h.result.elapsedMs, 0);
  const drains = halves.flatMap((h) => (h.drained ? [h.drained] : []));
  return {
    command,
    ratePerSec: rate,
    target,
    latency: summarize(latencies),
    senderLag: summarize(halves.flatMap((h) => h.result.senderLagMs)),
    achievedRate: elapsed > 0 ? (latencies.length / elapsed) * 1000 : 0,
    errors: halves.reduce((sum, h) => sum + h.result.errors, 0),
    firstError: halves.map((h) => h.result.firstError).find((e) => e !== null) ?? null,
    undrained: drains.reduce((sum, d) => sum + d.missing, 0),
    drainMs: drains.length > 0 ? Math.max(...drains.map((d) => d.ms)) : null,
    peakRss: Math.max(...halves.map((h) => h.peakRss)),
    cpuPerRequestMs: sum(halves.map((h) => h.cpuMs)) / Math.max(1, sum(halves.map((h) => h.acked))),
  };
}

async function condition(world: World, command: OpenCommand, rate: number, counts: OpenCounts): Promise<OpenRun[]> {
  const total = counts.perRate[rate] ?? 0;
  const first = Math.ceil(total / 2);
  const warmup = Math.round(counts.warmupSeconds * rate);
  const senders = {
    app: createOpenLoopSender(world.app.eventsUrl, SIGNING_SECRET),
    bare: createOpenLoopSender(world.bare.eventsUrl, SIGNING_SECRET),
  };
  const halves: Record<Target, Half[]> = { app: [], bare: [] };
  try {
    const order: [Target, number, number][] = [
      ['app', first, warmup],
      ['bare', first, warmup],
      ['bare', total - first, 0],
      ['app', total - first, 0],
    ];
    for (const [target, count, warm] of order) {
      halves[target].push(await half(world, target, senders[target], { command, rate, count, warmup: warm }));
    }
  } finally {
    await Promise.allSettled([senders.app.close(), senders.bare.close()]);
  }
  return [pool(command, rate, 'app', halves.app), pool(command, rate, 'bare', halves.bare)];
}

export async function runOpenLoop(world: World, counts: OpenCounts, progress: (line: string) => void) {
  const runs: OpenRun[] = [];
  for (const rate of Object.keys(counts.perRate).map(Number)) {
    for (const command of Object.keys(OPEN_COMMANDS) as OpenCommand[]) {
      progress(`open loop: ${command} at ${rate}/s, ${counts.perRate[rate]} requests per app (app, bare, bare, app)`);
      const pair = await condition(world, command, rate, counts);
      for (const run of pair) {
        if (run.latency.n === 0)
          throw new Error(`open loop ${command} at ${rate}/s: no ack from ${run.target}: ${run.firstError}`);
      }
      runs.push(...pair);
    }
  }
  return runs;
}
