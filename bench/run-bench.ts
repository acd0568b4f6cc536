/**
 * `npm run bench`: ack latency against a bare Bolt app, end-to-end time of the example scenario, API calls per
 * operation and peak RSS. Prints a table and writes the same figures to bench/results/latest.json. A missed target
 * is reported, never a failing exit code; the exit code is non-zero only when the bench itself broke.
 */
import { fileURLToPath } from 'node:url';
import { FULL_COUNTS, runBench } from './lib/bench.js';
import { formatReport, writeResults } from './lib/report.js';

const RESULTS_PATH = fileURLToPath(new URL('./results/latest.json', import.meta.url));

try {
  const results = await runBench(FULL_COUNTS, (line) => console.log(`... ${line}`));
  console.log('');
  for (const line of formatReport(results)) console.log(line);
  writeResults(results, RESULTS_PATH);
  console.log(`Figures written to ${RESULTS_PATH}`);
} catch (error) {
  console.error(`The bench broke: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
}
