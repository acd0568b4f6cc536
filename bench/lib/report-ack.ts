/** The ack-latency part of the printed report. */
import type { AckMode, AckRun } from './ack-phase.js';
import type { BenchResults } from './bench.js';
import { type Cell, formatTable } from './table.js';
import { findRun, MB } from './targets.js';

export const NAMES = { app: 'this app', bare: 'bare Bolt' } as const;
const x = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

function pairs(runs: readonly AckRun[], mode: AckMode): [AckRun, AckRun][] {
  const found: [AckRun, AckRun][] = [];
  for (const c of [1, 50]) {
    const app = findRun(runs, 'app', c, mode);
    const bare = findRun(runs, 'bare', c, mode);
    if (app && bare) found.push([app, bare]);
  }
  return found;
}

function trafficTable(runs: readonly AckRun[]): string[] {
  const row = (r: AckRun): Cell[] => {
    const l = r.latency;
    return [
      NAMES[r.target],
      r.concurrency,
      l.n,
      l.p50,
      l.p95,
      l.p99,
      l.max,
      r.rps,
      r.errors,
      r.cpuPerRequestMs,
      r.peakRss / MB,
    ];
  };
  const rows = pairs(runs, 'traffic').flatMap(([app, bare]) => {
    const [a, b] = [app.latency, bare.latency];
    return [row(app), row(bare), ['this/bare', app.concurrency, '', x(a.p50, b.p50), x(a.p95, b.p95), x(a.p99, b.p99)]];
  });
  const headers = [
    'app',
    'conc',
    'n',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
    'req/s',
    'errors',
    'CPU ms/req',
    'peak RSS MiB',
  ];
  return formatTable(headers, rows);
}

function capacityTable(runs: readonly AckRun[]): string[] {
  const row = (r: AckRun): Cell[] => {
    const l = r.latency;
    const drain = r.drainMs === null ? '-' : r.undrained > 0 ? `${r.undrained} missing` : r.drainMs;
    return [
      NAMES[r.target],
      r.concurrency,
      l.n,
      l.p50,
      l.p95,
      l.p99,
      r.rps,
      r.errors,
      drain,
      r.appWarnings ?? '-',
      r.cpuPerRequestMs,
      r.peakRss / MB,
    ];
  };
  const rows = pairs(runs, 'capacity').flatMap(([app, bare]) => {
    const [a, b] = [app.latency, bare.latency];
    const ratio = [
      'this/bare',
      app.concurrency,
      '',
      x(a.p50, b.p50),
      x(a.p95, b.p95),
      x(a.p99, b.p99),
      x(app.rps, bare.rps),
    ];
    return [row(app), row(bare), ratio];
  });
  const headers = [
    'app',
    'conc',
    'n',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'acks/s',
    'errors',
    'drain ms',
    'warnings',
    'CPU ms/req',
    'peak RSS MiB',
  ];
  return formatTable(headers, rows);
}

export function formatAck(results: BenchResults): string[] {
  const runs = results.ack.runs;
  return [
    `2. Closed-loop ack latency: signed POST /slack/events "/docspace-group ${results.ack.command}" from the admin,`,
    '   keep-alive, loopback.',
    "2a. Equal traffic (the p99 target at concurrency 1, the peak RSS target at 50): each worker waits for its command's",
    "    response_url reply before sending the next, so this app's post-ack work (DocSpace find + read, respond())",
    '    overlaps the other acks; req/s = completed commands per second. The bare app gets that same request rate.',
    ...trafficTable(runs),
    "2b. Capacity: every worker goes on as soon as it has the ack. This app's post-ack work then falls behind and",
    '    queues; drain = ms after the last ack until every reply had reached the Slack double.',
    ...capacityTable(runs),
  ];
}
