/**
 * One thing the operator must fix (or should know) before the bot serves: which variable, and what to do about it.
 * Config validation and the live start-up checks both speak in these, so main.ts prints every problem of a failed
 * start together, and tests can assert on variables instead of parsing prose.
 */
export interface StartupProblem {
  /** The environment variable to change, e.g. `SLACK_BOT_TOKEN`. */
  readonly variable: string;
  /** What is wrong and how to fix it; never a secret value. */
  readonly message: string;
}

export function formatProblems(title: string, problems: readonly StartupProblem[]): string {
  return `${title}\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n')}`;
}

/** The live checks (Slack, DocSpace, storage, port) found problems; every one of them is in `problems`. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
  readonly code = 'startup_failed';
  readonly problems: readonly StartupProblem[];

  constructor(problems: readonly StartupProblem[]) {
    super(formatProblems('Start-up failed; nothing was changed. Fix these and start again:', problems));
    this.problems = problems;
  }
}

/** What one start-up check found: a value to start with (and maybe warnings to log), or problems to fix first. */
export type CheckResult<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly StartupProblem[] }
  | { readonly ok: false; readonly problems: readonly StartupProblem[] };

export const passed = <T>(value: T, warnings: readonly StartupProblem[] = []): CheckResult<T> => ({
  ok: true,
  value,
  warnings,
});

export const failed = <T>(...problems: StartupProblem[]): CheckResult<T> => ({ ok: false, problems });

/**
 * The errno-style code (ENOTFOUND, ECONNREFUSED, UND_ERR_CONNECT_TIMEOUT…) somewhere in an error's cause chain, the
 * way fetch, undici and the SDKs wrap it; only the code is used in messages, never a message that might hold a URL.
 */
export function networkCodeOf(error: unknown, depth = 0): string | null {
  if (!(error instanceof Error) || depth > 5) return null;
  const code: unknown = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
  const nested = [
    (error as { cause?: unknown }).cause,
    (error as { original?: unknown }).original,
    ...(error instanceof AggregateError ? error.errors : []),
  ];
  for (const inner of nested) {
    const found = networkCodeOf(inner, depth + 1);
    if (found) return found;
  }
  return null;
}

/** DNS failures, the likeliest sign of a mistyped host or a machine without a resolver. */
export const isDnsFailure = (code: string | null) => code === 'ENOTFOUND' || code === 'EAI_AGAIN';
