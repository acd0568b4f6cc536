/**
 * Preloaded into every measured process (`node --expose-gc --import bench/.build/bench/probe.js <app>`), so the
 * app runs unchanged, exactly as production starts it. It samples this process's RSS every 50 ms and answers the
 * bench parent over the IPC channel: `{ id, type, args }` in, `{ id, ok, value }` or `{ id, ok: false, error }` out.
 * Node built-ins only, so it costs the app and the bare Bolt app the same few hundred KB. When the parent goes away
 * the process gets a SIGTERM, so a crashed bench leaves no server behind.
 */
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { startRssSampler } from './lib/rss-sampler.js';

type Handler = (args: Record<string, unknown>) => unknown;

const rss = startRssSampler(50);

const handlers: Record<string, Handler> = {
  rss: (args) => {
    const report = { peak: rss.peak(), current: rss.current() };
    if (args['reset'] === true) rss.reset();
    return report;
  },
  /** A full GC first (the process runs with --expose-gc): what the process really retains. */
  memory: () => {
    globalThis.gc?.();
    const { rss: now, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
    const spaces = Object.fromEntries(
      getHeapSpaceStatistics().map((s) => [s.space_name, { size: s.space_size, used: s.space_used_size }]),
    );
    return { rss: now, heapUsed, heapTotal, external, arrayBuffers, spaces };
  },
  /** CPU time this process has used so far (user + system, all threads), in ms. */
  cpu: () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  },
  /** For investigations: a .heapsnapshot to open in Chrome DevTools. */
  heapSnapshot: (args) => writeHeapSnapshot(typeof args['path'] === 'string' ? args['path'] : undefined),
};

function answer(id: number, type: string, args: Record<string, unknown>): void {
  let reply: unknown;
  try {
    const handler = handlers[type];
    if (!handler) throw new Error(`unknown request type ${type}`);
    reply = { id, ok: true, value: handler(args) ?? null };
  } catch (error) {
    reply = { id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  process.send?.(reply);
}

if (process.send) {
  process.on('message', (raw: unknown) => {
    if (typeof raw !== 'object' || raw === null) return;
    const { id, type, args } = raw as { id?: unknown; type?: unknown; args?: unknown };
    if (typeof id !== 'number' || typeof type !== 'string') return;
    answer(id, type, typeof args === 'object' && args !== null ? (args as Record<string, unknown>) : {});
  });
  process.on('disconnect', () => {
    process.kill(process.pid, 'SIGTERM');
    setTimeout(() => process.exit(1), 10_000).unref();
  });
  // The channel must not keep the process alive: the app decides when it ends, as it would without the probe.
  process.channel?.unref();
}
