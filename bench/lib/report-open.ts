/** The spawn-to-ready and open-loop parts of the printed report. */
import type { BenchResults } from './bench.js';
import { NAMES } from './report-ack.js';
import { type Cell, formatTable } from './table.js';
import { findOpen, MB } from './targets.js';

const x = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

export function formatStartup(results: BenchResults): string[] {
  const s = results.startup;
  const cpu = { app: s.appCpu, bare: s.bareCpu };
  const row = (t: 'app' | 'bare'): Cell[] => [NAMES[t], s[t].n, s[t].p50, s[t].mean, s[t].max, cpu[t].p50];
  const unclean = s.appExitCodes.filter((c) => c !== 0);
  return [
    '1. Spawn to ready: `node <main.js>` spawned until GET /healthz answers 200 (polled every 5 ms), one app at a time.',
    '   This app restarts on an existing SQLite file, as at every deploy or restart (it also checks the Slack token and',
    `   the DocSpace key first); its very first start, which creates the file: ${s.appFirstStartMs.toFixed(0)} ms.`,
    ...formatTable(
      ['app', 'n', 'median ms', 'mean ms', 'max ms', 'CPU ms (median)'],
      [row('app'), row('bare'), ['this/bare', '', x(s.app.p50, s.bare.p50), '', '', x(s.appCpu.p50, s.bareCpu.p50)]],
    ),
    '   CPU ms = CPU time the process had used when it was ready (all threads): steadier than wall time on a busy machine.',
    unclean.length === 0
      ? '   Every SIGTERM stopped this app with exit code 0.'
      : `   SIGTERM exit codes of this app: ${s.appExitCodes.join(', ')} (not all 0).`,
  ];
}

export function formatOpen(results: BenchResults): string[] {
  const runs = results.open;
  const rows: Cell[][] = [];
  const rates = [...new Set(runs.map((r) => r.ratePerSec))];
  for (const rate of rates) {
    for (const command of ['help', 'show'] as const) {
      const app = findOpen(runs, 'app', command, rate);
      const bare = findOpen(runs, 'bare', command, rate);
      if (!app || !bare) continue;
      for (const r of [app, bare]) {
        const l = r.latency;
        const drain = r.drainMs === null ? '-' : r.undrained > 0 ? `${r.undrained} missing` : r.drainMs;
        rows.push([
          NAMES[r.target],
          command,
          rate,
          l.n,
          l.p50,
          l.p95,
          l.p99,
          l.max,
          r.achievedRate,
          r.errors,
          drain,
          r.cpuPerRequestMs,
          r.peakRss / MB,
        ]);
      }
      const [a, b] = [app.latency, bare.latency];
      rows.push(['this/bare', command, rate, '', x(a.p50, b.p50), x(a.p95, b.p95), x(a.p99, b.p99)]);
    }
  }
  const lags = runs.map((r) => r.senderLag);
  const lagP99 = Math.max(...lags.map((l) => l.p99));
  const lagMax = Math.max(...lags.map((l) => l.max));
  return [
    "3. Open loop: requests sent at a fixed rate whatever the answers; latency from each request's SCHEDULED send time",
    "   to its full response, so falling behind shows. Per condition: app, bare, bare, app halves, pooled. show's",
    '   replies drain to the Slack double after each app half (drain = longest wait, ms).',
    ...formatTable(
      [
        'app',
        'command',
        'rate/s',
        'n',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        'acks/s',
        'errors',
        'drain ms',
        'CPU ms/req',
        'peak RSS MiB',
      ],
      rows,
    ),
    `   Sender lag (actual - scheduled send, this process): p99 up to ${lagP99.toFixed(2)} ms, max ${lagMax.toFixed(2)} ms.`,
    '   It is in every latency above alike; the sender shares the cores with the app under test (no pinning).',
    '   CPU ms/req: CPU time the process used per request (all threads, post-ack work and drain included): what a',
    '   request costs, steadier than latency on a busy machine.',
  ];
}
