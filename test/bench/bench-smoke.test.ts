import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BenchCounts, type BenchResults, runBench } from '../../bench/lib/bench.js';
import { REPO_ROOT } from '../../bench/lib/paths.js';
import { formatReport, writeResults } from '../../bench/lib/report.js';

// Runs the bench machinery with tiny counts: it only checks that figures come out, never how fast anything is.
const TINY: BenchCounts = {
  warmup: 2,
  traffic: { c1: 10, c50: 60 },
  capacity: { c1: 10, c50: 60 },
  maxMs: 5000,
  e2eRuns: 2,
  e2eWarmup: 0,
  callRounds: 1,
  startupRounds: 1,
  open: { perRate: { 50: 10, 200: 40 }, warmupSeconds: 0.05 },
};

/** The bench measures compiled JavaScript: the app as `npm run build` makes it, the bench's own processes too. */
function buildAll(): void {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['run', '-s', 'build'], { cwd: REPO_ROOT, stdio: 'pipe' });
  execFileSync(npm, ['run', '-s', 'bench:build'], { cwd: REPO_ROOT, stdio: 'pipe' });
}

describe('npm run bench machinery (tiny counts)', () => {
  let results: BenchResults;
  let dir: string;
  let jsonPath: string;

  beforeAll(async () => {
    buildAll();
    dir = mkdtempSync(join(tmpdir(), 'dsg-bench-smoke-'));
    jsonPath = join(dir, 'results', 'latest.json');
    results = await runBench(TINY, () => undefined);
    writeResults(results, jsonPath);
  }, 180_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('times spawn to ready of both apps, and this app stops with exit code 0 on SIGTERM', () => {
    for (const s of [results.startup.app, results.startup.bare, results.startup.appCpu]) {
      expect(s.n).toBe(1);
      expect(s.p50).toBeGreaterThan(0);
    }
    expect(results.startup.appFirstStartMs).toBeGreaterThan(0);
    expect(results.startup.appExitCodes).toEqual([0, 0]);
  });

  it('measures closed-loop ack latency and request rate for both apps at concurrency 1 and 50', () => {
    const measured = results.ack.runs.map((r) => `${r.target}/${r.mode}/${r.concurrency}`).sort();
    expect(measured).toEqual(
      ['app', 'bare'].flatMap((t) => ['capacity', 'traffic'].flatMap((m) => [`${t}/${m}/1`, `${t}/${m}/50`])).sort(),
    );
    for (const run of results.ack.runs) {
      expect(run.latency.n).toBeGreaterThan(0);
      expect(run.latency.p99).toBeGreaterThan(0);
      expect(run.rps).toBeGreaterThan(0);
      expect(run.cpuPerRequestMs).toBeGreaterThan(0);
      expect(run.errors).toBe(0);
    }
  });

  it('sends help and show at fixed rates (open loop) to both apps and reports the sender lag', () => {
    const measured = results.open.map((r) => `${r.target}/${r.command}/${r.ratePerSec}`).sort();
    expect(measured).toEqual(
      ['app', 'bare'].flatMap((t) => ['help', 'show'].flatMap((c) => [`${t}/${c}/50`, `${t}/${c}/200`])).sort(),
    );
    for (const run of results.open) {
      expect(run.latency.n).toBe(run.ratePerSec === 50 ? 10 : 40);
      expect(run.errors).toBe(0);
      expect(run.undrained).toBe(0);
      expect(run.senderLag.n).toBe(run.latency.n);
    }
  });

  it('times the create and manager commands end to end until their replies arrive', () => {
    expect(results.e2e.create.n).toBe(2);
    expect(results.e2e.create.p50).toBeGreaterThan(0);
    expect(results.e2e.manager.p95).toBeGreaterThan(0);
  });

  it('counts DocSpace and Slack calls for each of the six operations', () => {
    expect(results.calls.operations.map((o) => o.op)).toEqual([
      'create',
      'manager',
      'add',
      'remove',
      'request',
      'approve',
    ]);
    for (const op of results.calls.operations) {
      expect(op.calls.length).toBeGreaterThan(0);
      expect(op.missing).toEqual([]);
    }
  });

  it('reports the peak RSS of the app and bare processes, measured in those processes', () => {
    for (const run of [...results.ack.runs, ...results.open]) expect(run.peakRss).toBeGreaterThan(0);
    expect(results.memory.app.afterLoad.heapUsed).toBeGreaterThan(0);
    expect(results.memory.emptyRss).toBeGreaterThan(0);
  });

  it('judges every target of the issue as PASS or MISS and prints a report naming each one', () => {
    expect(results.targets.map((t) => t.name)).toEqual([
      'app peak RSS, concurrency 50 (equal traffic)',
      'spawn to ready (median)',
      'show ack p99, concurrency 1',
      'help ack p99, open loop 50/s',
      'show ack p99, open loop 50/s',
      'help ack p99, open loop 200/s',
      'show ack p99, open loop 200/s',
      'calls per operation (warm), no regression',
    ]);
    const report = formatReport(results).join('\n');
    for (const target of results.targets) {
      expect(['PASS', 'MISS']).toContain(target.verdict);
      expect(report).toContain(target.name);
    }
  });

  it('writes the same figures as JSON', () => {
    const written = JSON.parse(readFileSync(jsonPath, 'utf8')) as BenchResults;
    expect(written.ack.runs.length).toBe(results.ack.runs.length);
    expect(written.open.length).toBe(results.open.length);
    expect(written.targets.map((t) => t.verdict)).toEqual(results.targets.map((t) => t.verdict));
  });
});
