import type { Transcript } from './transcript.js';

/** A failed expectation inside a demo step. */
class DemoCheckError extends Error {
  override readonly name = 'DemoCheckError';
  readonly what: string;
  readonly detail: string;

  constructor(what: string, detail: string) {
    super(`${what}: ${detail}`);
    this.what = what;
    this.detail = detail;
  }
}

/** Asserts one thing a step should have done; prints ✔ or throws DemoCheckError. */
export type Check = (passed: boolean, what: string, detail?: () => string) => void;

export interface DemoStep<C> {
  readonly name: string;
  run(ctx: C, check: Check): Promise<void>;
}

export interface StepsResult {
  readonly ok: boolean;
  readonly failedStep: string | null;
  readonly passed: number;
}

export interface RunStepsOptions {
  /** A step that takes longer fails (default 8000 ms). */
  readonly timeoutMs?: number;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the step did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function runOne<C>(step: DemoStep<C>, ctx: C, t: Transcript, timeoutMs: number): Promise<boolean> {
  let checks = 0;
  const check: Check = (passed, what, detail) => {
    if (!passed) throw new DemoCheckError(what, detail ? detail() : 'it did not');
    checks += 1;
    t.pass(what);
  };
  try {
    await withTimeout(step.run(ctx, check), timeoutMs);
    if (checks === 0) throw new DemoCheckError('the step checks what it did', 'it made no checks');
    return true;
  } catch (error) {
    if (error instanceof DemoCheckError) t.fail(error.what, error.detail);
    else t.fail('the step ran to the end', error instanceof Error ? error.message : String(error));
    return false;
  }
}

function summarize(t: Transcript, names: readonly string[], failed: number | null): void {
  t.write('\nSummary\n');
  for (const [index, name] of names.entries()) {
    const mark = failed === null || index < failed ? '✔' : index === failed ? '✘' : '·';
    t.write(`  ${mark} ${name}${failed !== null && index > failed ? ' (not run)' : ''}\n`);
  }
  if (failed !== null) t.write(`\n✘ FAILED: ${names[failed]}\n`);
}

/**
 * Runs the steps in order and stops at the first that fails (later steps build on earlier ones); each step must
 * make at least one check. Ends with a summary; returns the name of the failed step, or null when all passed.
 */
export async function runSteps<C>(
  steps: readonly DemoStep<C>[],
  ctx: C,
  t: Transcript,
  options: RunStepsOptions = {},
): Promise<StepsResult> {
  const timeoutMs = options.timeoutMs ?? 8000;
  const names = steps.map((step) => step.name);
  for (const [index, step] of steps.entries()) {
    if (!(await runOne(step, ctx, t, timeoutMs))) {
      summarize(t, names, index);
      return { ok: false, failedStep: step.name, passed: index };
    }
  }
  summarize(t, names, null);
  return { ok: true, failedStep: null, passed: steps.length };
}
