/** Scenario knobs of the fake Slack: queued one-shot failures and rate limits, plus per-method latency. */
export interface SlackKnobs {
  failNext(method: string, error: string, n?: number): void;
  rateLimitNext(method: string, retryAfterSeconds: number, n?: number): void;
  setLatency(ms: number, method?: string): void;
  /** Consumes one queued failure for the method, if any. */
  takeFailure(method: string): string | undefined;
  /** Consumes one queued rate limit for the method, if any; returns Retry-After seconds. */
  takeRateLimit(method: string): number | undefined;
  latencyFor(method: string): number;
  /** Strict (the default): messages and views over Slack's Block Kit limits are refused as Slack refuses them. */
  setStrictBlockKit(on: boolean): void;
  readonly strictBlockKit: boolean;
  reset(): void;
}

interface Queued<T> {
  value: T;
  remaining: number;
}

function createQueue<T>() {
  const queues = new Map<string, Queued<T>[]>();
  return {
    push(method: string, value: T, n: number): void {
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
      const queue = queues.get(method) ?? [];
      queue.push({ value, remaining: n });
      queues.set(method, queue);
    },
    take(method: string): T | undefined {
      const head = queues.get(method)?.[0];
      if (head === undefined) return undefined;
      head.remaining -= 1;
      if (head.remaining === 0) queues.get(method)?.shift();
      return head.value;
    },
    clear(): void {
      queues.clear();
    },
  };
}

export function createSlackKnobs(options: { strictBlockKit?: boolean } = {}): SlackKnobs {
  const failures = createQueue<string>();
  const rateLimits = createQueue<number>();
  const latency = new Map<string, number>();
  const strictByDefault = options.strictBlockKit ?? true;
  let strict = strictByDefault;
  let defaultLatency = 0;
  return {
    failNext: (method, error, n = 1) => failures.push(method, error, n),
    rateLimitNext: (method, retryAfterSeconds, n = 1) => rateLimits.push(method, retryAfterSeconds, n),
    setLatency(ms, method) {
      if (method === undefined) defaultLatency = ms;
      else latency.set(method, ms);
    },
    takeFailure: (method) => failures.take(method),
    takeRateLimit: (method) => rateLimits.take(method),
    latencyFor: (method) => latency.get(method) ?? defaultLatency,
    setStrictBlockKit(on) {
      strict = on;
    },
    get strictBlockKit() {
      return strict;
    },
    reset() {
      failures.clear();
      rateLimits.clear();
      latency.clear();
      defaultLatency = 0;
      strict = strictByDefault;
    },
  };
}
