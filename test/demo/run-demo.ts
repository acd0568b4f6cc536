/**
 * `npm run demo`: plays the core stories against the real app and the doubles; exit code 0 only when all passed.
 * `npm run demo -- --socket` plays them with the app in Socket Mode.
 */
import { runDemo } from './demo.js';

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--socket');
if (unknown.length > 0) {
  process.stderr.write(`unknown argument ${unknown.join(' ')}\nusage: npm run demo [-- --socket]\n`);
  process.exit(2);
}
const result = await runDemo((s) => void process.stdout.write(s), { socketMode: args.includes('--socket') });
if (!result.ok) process.stderr.write(`demo failed at: ${result.failedStep}\n`);
process.exitCode = result.ok ? 0 : 1;
