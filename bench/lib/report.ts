/** Turns the bench results into the printed report and the JSON file. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AckMode } from './ack-phase.js';
import type { BenchResults } from './bench.js';
import { formatAck, NAMES } from './report-ack.js';
import { formatCalls } from './report-calls.js';
import { formatOpen, formatStartup } from './report-open.js';
import { round } from './stats.js';
import { type Cell, formatTable } from './table.js';
import { findRun, MB } from './targets.js';

function e2eSection(results: BenchResults): string[] {
  const e = results.e2e;
  return [
    '4. End to end: command sent -> response_url reply received (warm mapping store, fresh group name each run)',
    ...formatTable(
      ['command', 'n', 'p50 ms', 'p95 ms', 'max ms', 'ack p50 ms'],
      [
        [
          'create "Development Team NNN" manager @alice members @alice @bob',
          e.create.n,
          e.create.p50,
          e.create.p95,
          e.create.max,
          e.createAck.p50,
        ],
        [
          'manager "Development Team NNN" @bob',
          e.manager.n,
          e.manager.p50,
          e.manager.p95,
          e.manager.max,
          e.managerAck.p50,
        ],
      ],
    ),
  ];
}

function memorySection(results: BenchResults): string[] {
  const runs = results.ack.runs;
  const peak = (t: 'app' | 'bare', mode: AckMode) => (findRun(runs, t, 50, mode)?.peakRss ?? Number.NaN) / MB;
  const row = (t: 'app' | 'bare'): Cell[] => {
    const m = results.memory[t];
    const after = m.afterLoad;
    return [
      NAMES[t],
      m.idle.rss / MB,
      peak(t, 'traffic'),
      peak(t, 'capacity'),
      after.rss / MB,
      after.heapUsed / MB,
      after.heapTotal / MB,
    ];
  };
  return [
    '6. Memory of each app process, MiB (RSS sampled every 50 ms in that process; "after" = after all ack and',
    '   open-loop runs and a full GC)',
    ...formatTable(
      ['app', 'idle RSS', 'peak, traffic c50', 'peak, capacity c50', 'after: RSS', 'heap used', 'heap total'],
      [row('app'), row('bare')],
    ),
    `   A child running no app (node + the bench probe every measured process carries + a node:http server) has an RSS of ${(results.memory.emptyRss / MB).toFixed(1)} MiB.`,
  ];
}

function header(results: BenchResults): string[] {
  const m = results.meta;
  const load = m['loadAverage'] as { before: number; after: number };
  const cores = Number(String(m['cpus']).split(' ')[0]);
  const busy = load.before > cores || load.after > cores;
  return [
    `docspace-group-bot bench - ${String(m['date'])}, node ${String(m['node'])}, ${String(m['cpus'])}`,
    `Load average (1 min) before/after: ${load.before.toFixed(2)} / ${load.after.toFixed(2)}${busy ? ' - the machine was busy with other work: timings are noisy' : ''}`,
    `App under test: node ${String(m['app'])}${m['nodeFlags'] ? ` (extra node flags: ${String(m['nodeFlags'])})` : ''}`,
    'Processes: this one (load generator, response_url sink), this app, bare Bolt, and the DocSpace + Slack doubles',
    '(in a process of their own, as the real services are remote); all compiled JavaScript under the same node, on',
    "127.0.0.1, sharing the same cores. Absolute figures move with the machine's load; the ratios to bare Bolt, measured",
    'in the same run, are what the targets judge.',
  ];
}

export function formatReport(results: BenchResults): string[] {
  const logs = results.appLogs;
  return [
    ...header(results),
    '',
    ...formatStartup(results),
    '',
    ...formatAck(results),
    '',
    ...formatOpen(results),
    '',
    ...e2eSection(results),
    '',
    ...formatCalls(results.calls),
    '',
    ...memorySection(results),
    '',
    'Targets',
    ...formatTable(
      ['target', 'goal', 'measured', 'verdict'],
      results.targets.map((t) => [t.name, t.goal, t.value, t.verdict]),
    ),
    '',
    `App log over the whole bench: ${logs.error} error and ${logs.warn} warning lines${logs.lastWarn ? `; last warning: ${logs.lastWarn.trim()}` : ''}${logs.lastError ? `; last error: ${logs.lastError.trim()}` : ''}`,
    `Bench time: ${(results.durationMs / 1000).toFixed(1)} s`,
  ];
}

/** The figures as JSON, rounded; creates the folder. */
export function writeResults(results: BenchResults, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const json = JSON.stringify(results, (_key, value: unknown) => (typeof value === 'number' ? round(value) : value), 2);
  writeFileSync(path, `${json}\n`);
}
