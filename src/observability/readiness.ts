/**
 * Readiness: may this instance take traffic now? It is serving, its storage answers a cheap query now, DocSpace
 * answered within the last 30 s (a last-known result kept fresh by real traffic, refreshed on demand with a short
 * timeout when older), and Slack accepted the token at start-up and has not rejected it since.
 */

type DocSpaceState = 'ok' | 'unreachable' | 'rejected';
type StorageState = 'ok' | 'failed' | 'timeout';

interface ReadinessReport {
  readonly ready: boolean;
  /** The checks that failed, by name; empty when ready. */
  readonly failed: readonly string[];
  readonly checks: {
    readonly serving: 'ok' | 'not_serving';
    readonly storage: StorageState;
    readonly docspace: DocSpaceState;
    readonly slack: 'ok' | 'rejected';
  };
  /** How old the DocSpace result is, in whole seconds. */
  readonly docspaceCheckedSecondsAgo: number;
}

export interface ReadinessOptions {
  /** Milliseconds since the epoch; the container's clock, so tests move it instead of waiting. */
  readonly now: () => number;
  /** false while starting and once stopping. */
  readonly serving: () => boolean;
  readonly pingStorage: () => Promise<void>;
  /** A cheap DocSpace read (the key's own profile); rejects with an error carrying the gateway code. */
  readonly probeDocSpace: (signal: AbortSignal) => Promise<unknown>;
  /** Default 30 000 ms. */
  readonly maxAgeMs?: number;
  /** For the storage query and the on-demand DocSpace probe; default 2000 ms. */
  readonly timeoutMs?: number;
}

export interface Readiness {
  /** Every DocSpace HTTP exchange, as the client's observer reports it: real traffic keeps the result fresh. */
  docspaceAnswered(status: number | 'timeout' | 'network' | 'aborted'): void;
  /** Every Slack call's outcome: a rejected token makes the instance unready until a call succeeds again. */
  slackAnswered(outcome: string, error: string | null): void;
  check(): Promise<ReadinessReport>;
}

/** Slack error codes that mean the token no longer works. */
const TOKEN_REJECTED: ReadonlySet<string> = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
]);
/** Gateway codes after which DocSpace counts as unreachable (anything else is an answer). */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set(['timeout', 'network', 'server_error', 'unexpected_response']);

function stateOfStatus(status: number | 'timeout' | 'network'): DocSpaceState {
  if (typeof status !== 'number') return 'unreachable';
  if (status === 401) return 'rejected';
  return status >= 500 ? 'unreachable' : 'ok';
}

function stateOfError(error: unknown): DocSpaceState {
  const code: unknown = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (code === 'unauthorized') return 'rejected';
  // No code: our own timeout aborted the probe, or something unexpected; either way DocSpace did not answer.
  return typeof code !== 'string' || UNREACHABLE_CODES.has(code) ? 'unreachable' : 'ok';
}

/** Resolves with the promise's outcome, or 'timeout' when it takes longer than ms. */
async function within(work: Promise<void>, ms: number): Promise<StorageState> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  const outcome = work.then(
    () => 'ok' as const,
    () => 'failed' as const,
  );
  try {
    return await Promise.race([outcome, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export function createReadiness(options: ReadinessOptions): Readiness {
  const maxAgeMs = options.maxAgeMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 2000;
  let docspace: { state: DocSpaceState; at: number } | null = null;
  let probing: Promise<void> | null = null;
  let slack: 'ok' | 'rejected' = 'ok';
  const record = (state: DocSpaceState) => {
    docspace = { state, at: options.now() };
  };
  const probe = () => {
    probing ??= options
      .probeDocSpace(AbortSignal.timeout(timeoutMs))
      .then(
        () => record('ok'),
        (error: unknown) => record(stateOfError(error)),
      )
      .finally(() => {
        probing = null;
      });
    return probing;
  };
  const fresh = () => docspace !== null && options.now() - docspace.at <= maxAgeMs;
  return {
    docspaceAnswered(status) {
      if (status !== 'aborted') record(stateOfStatus(status));
    },
    slackAnswered(outcome, error) {
      if (outcome === 'ok') slack = 'ok';
      else if (error !== null && TOKEN_REJECTED.has(error)) slack = 'rejected';
    },
    async check() {
      const [storage] = await Promise.all([
        within(Promise.resolve().then(options.pingStorage), timeoutMs),
        fresh() ? Promise.resolve() : probe(),
      ]);
      const last = docspace ?? { state: 'unreachable' as const, at: options.now() };
      const checks = {
        serving: options.serving() ? ('ok' as const) : ('not_serving' as const),
        storage,
        docspace: last.state,
        slack,
      };
      const failed = Object.entries(checks)
        .filter(([, state]) => state !== 'ok')
        .map(([check]) => check);
      return {
        ready: failed.length === 0,
        failed,
        checks,
        docspaceCheckedSecondsAgo: Math.max(0, Math.floor((options.now() - last.at) / 1000)),
      };
    },
  };
}
