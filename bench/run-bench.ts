/**
 * `npm run bench` (after `npm run build` and compiling the bench): spawn-to-ready, closed-loop and open-loop ack
 * latency against a bare Bolt app, end-to-end time of the example scenario, API calls per operation and memory.
 * Prints a table and writes the same figures to bench/results/latest.json. A missed target is reported, never a
 * failing exit code; the exit code is non-zero only when the bench itself broke. BENCH_QUICK=1 runs about a quarter
 * of the requests; BENCH_APP_MAIN benches another build of the app; BENCH_NODE_FLAGS passes V8 flags to the
 * measured processes.
 */
import { join } from 'node:path';
import { FULL_COUNTS, QUICK_COUNTS, runBench } from './lib/bench.js';
import { REPO_ROOT } from './lib/paths.js';
import { formatReport, writeResults } from './lib/report.js';

const RESULTS_PATH = join(REPO_ROOT, 'bench', 'results', process.env['BENCH_RESULTS'] ?? 'latest.json');
const quick = process.env['BENCH_QUICK'] === '1';

try {
  const results = await runBench(quick ? QUICK_COUNTS : FULL_COUNTS, (line) => console.log(`... ${line}`));
  console.log('');
  for (const line of formatReport(results)) console.log(line);
  writeResults(results, RESULTS_PATH);
  console.log(`Figures written to ${RESULTS_PATH}`);
} catch (error) {
  console.error(`The bench broke: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
}
