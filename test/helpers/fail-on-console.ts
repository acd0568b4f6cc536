import { afterEach, beforeEach } from 'vitest';

// Tests fail on console output: the product logs through pino only, and a stray console call hides a bug.
const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
const originals = new Map(methods.map((m) => [m, console[m]]));
let calls: string[] = [];

beforeEach(() => {
  calls = [];
  for (const m of methods) {
    console[m] = (...args: unknown[]) => {
      calls.push(`console.${m}: ${args.map(String).join(' ').slice(0, 300)}`);
    };
  }
});

afterEach(() => {
  for (const m of methods) console[m] = originals.get(m) as (typeof console)[typeof m];
  if (calls.length > 0) throw new Error(`Unexpected console output:\n${calls.join('\n')}`);
});
