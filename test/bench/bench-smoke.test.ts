import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BenchCounts, type BenchResults, runBench } from '../../bench/lib/bench.js';
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
};

describe('npm run bench machinery (tiny counts)', () => {
  let results: BenchResults;
  let dir: string;
  let jsonPath: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dsg-bench-smoke-'));
    jsonPath = join(dir, 'results', 'latest.json');
    results = await runBench(TINY, () => undefined);
    writeResults(results, jsonPath);
  }, 120_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('measures ack latency and request rate for this app and the bare Bolt app at concurrency 1 and 50', () => {
    const measured = results.ack.runs.map((r) => `${r.target}/${r.mode}/${r.concurrency}`).sort();
    expect(measured).toEqual(
      ['app', 'bare'].flatMap((t) => ['capacity', 'traffic'].flatMap((m) => [`${t}/${m}/1`, `${t}/${m}/50`])).sort(),
    );
    for (const run of results.ack.runs) {
      expect(run.latency.n).toBeGreaterThan(0);
      expect(run.latency.p99).toBeGreaterThan(0);
      expect(run.rps).toBeGreaterThan(0);
      expect(run.errors).toBe(0);
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
    for (const run of results.ack.runs) expect(run.peakRss).toBeGreaterThan(0);
    expect(results.memory.app.afterLoad.heapUsed).toBeGreaterThan(0);
    expect(results.memory.emptyTsxRss).toBeGreaterThan(0);
  });

  it('judges every target as PASS or MISS and prints a report naming each one', () => {
    expect(results.targets.length).toBe(4);
    const report = formatReport(results).join('\n');
    for (const target of results.targets) {
      expect(['PASS', 'MISS']).toContain(target.verdict);
      expect(report).toContain(target.name);
    }
  });

  it('writes the same figures as JSON', () => {
    const written = JSON.parse(readFileSync(jsonPath, 'utf8')) as BenchResults;
    expect(written.ack.runs.length).toBe(results.ack.runs.length);
    expect(written.e2e.create.n).toBe(results.e2e.create.n);
    expect(written.targets.map((t) => t.verdict)).toEqual(results.targets.map((t) => t.verdict));
  });
});
