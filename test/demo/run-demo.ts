/** `npm run demo`: plays the core stories against the real app and the doubles; exit code 0 only when all passed. */
import { runDemo } from './demo.js';

const result = await runDemo((s) => void process.stdout.write(s));
if (!result.ok) process.stderr.write(`demo failed at: ${result.failedStep}\n`);
process.exitCode = result.ok ? 0 : 1;
