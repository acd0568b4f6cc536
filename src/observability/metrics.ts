import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Every Prometheus metric the bot exposes, on a registry this instance owns (never prom-client's global one, so two
 * app instances in one process do not collide). The only module that imports prom-client: the rest of the code
 * reports through the small recording methods below, and labels only ever carry values from closed lists or codes
 * the bot itself defines, never a user, an email, a group name or an id.
 */

export interface MetricsOptions {
  /** Subcommand labels the commands counter accepts; anything else is counted as `other`. */
  readonly subcommands: readonly string[];
  /** The default process metrics (CPU, memory, event loop lag, GC, handles); on unless false. */
  readonly processMetrics?: boolean;
}

export interface Metrics {
  /** The Content-Type of render()'s text (Prometheus text exposition format 0.0.4). */
  readonly contentType: string;
  render(): Promise<string>;
  command(subcommand: string, outcome: string): void;
  /** Time from a Slack request's arrival to its ack, by kind of request. */
  ack(kind: string, seconds: number): void;
  /** One HTTP exchange with DocSpace (a retry is another). */
  docspaceCall(operation: string, status: number | string, seconds: number): void;
  /** One Slack Web API call (or response_url post). */
  slackCall(method: string, outcome: string): void;
  /** An approve, deny, retry or cancel, by what it led to. */
  decision(action: string, outcome: string): void;
  maintenance(outcome: 'ok' | 'failed'): void;
  /** Where the requests gauge reads its counts, at each scrape. */
  countRequestsWith(source: () => Promise<Readonly<Record<string, number>>>): void;
  /** Time-bound access: a grant started, expired (ended by the bot), was renewed, or failed to end. */
  grant(event: 'started' | 'expired' | 'renewed' | 'failed'): void;
}

const METRIC_PREFIX = 'docspace_bot_';

/** Bot-defined codes (`group_not_found`, `getGroup`, `chat.postMessage`, `503`): letters, digits, dots, underscores. */
const CODE = /^[A-Za-z0-9][A-Za-z0-9_.]{0,47}$/;
/** Distinct values one label may take before further new ones count as `other` (a guard against a cardinality bug). */
const MAX_VALUES = 64;

/** A label guard: values from `allowed` (or, without a list, anything shaped like a code), at most MAX_VALUES. */
function labelGuard(allowed?: readonly string[]): (value: string) => string {
  const closed = allowed ? new Set(allowed) : null;
  const seen = new Set<string>();
  return (value) => {
    if (closed ? !closed.has(value) : !CODE.test(value)) return 'other';
    if (!seen.has(value)) {
      if (seen.size >= MAX_VALUES) return 'other';
      seen.add(value);
    }
    return value;
  };
}

const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5];
const DOCSPACE_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const name = (suffix: string) => `${METRIC_PREFIX}${suffix}`;
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });

  const commands = new Counter({
    name: name('commands_total'),
    help: 'Slash commands handled, by subcommand and outcome (ok, invalid, error or the failure code).',
    labelNames: ['subcommand', 'outcome'] as const,
    registers,
  });
  const acks = new Histogram({
    name: name('ack_duration_seconds'),
    help: 'Time from a Slack request arriving to its ack, by kind (command, block_actions, view_submission, …).',
    labelNames: ['kind'] as const,
    buckets: ACK_BUCKETS,
    registers,
  });
  const docspaceCalls = new Counter({
    name: name('docspace_requests_total'),
    help: 'HTTP exchanges with DocSpace (each retry counts), by operation and HTTP status or timeout/network/aborted.',
    labelNames: ['operation', 'status'] as const,
    registers,
  });
  const docspaceLatency = new Histogram({
    name: name('docspace_request_duration_seconds'),
    help: 'Duration of one HTTP exchange with DocSpace, by operation.',
    labelNames: ['operation'] as const,
    buckets: DOCSPACE_BUCKETS,
    registers,
  });
  const slackCalls = new Counter({
    name: name('slack_api_calls_total'),
    help: 'Slack Web API calls and response_url posts, by method and outcome (ok, error, rate_limited, …).',
    labelNames: ['method', 'outcome'] as const,
    registers,
  });
  const decisions = new Counter({
    name: name('decisions_total'),
    help: 'Approve, deny, retry and cancel actions, by action and outcome (the request status or the failure code).',
    labelNames: ['action', 'outcome'] as const,
    registers,
  });
  const maintenanceRuns = new Counter({
    name: name('maintenance_runs_total'),
    help: 'Maintenance passes (expire overdue requests, recover interrupted executions).',
    registers,
  });
  const maintenanceFailures = new Counter({
    name: name('maintenance_failures_total'),
    help: 'Maintenance passes that failed (see the log).',
    registers,
  });
  const grants = new Counter({
    name: name('grants_total'),
    help: 'Time-bound memberships and acting managers, by event: started, expired, renewed, failed.',
    labelNames: ['event'] as const,
    registers,
  });
  let countRequests: (() => Promise<Readonly<Record<string, number>>>) | null = null;
  const requestStatus = labelGuard();
  new Gauge({
    name: name('requests'),
    help: 'Change requests in storage, by status; read from storage at each scrape.',
    labelNames: ['status'] as const,
    registers,
    async collect() {
      if (countRequests === null) return;
      try {
        const counts = await countRequests();
        for (const [status, n] of Object.entries(counts)) this.set({ status: requestStatus(status) }, n);
      } catch {
        // Storage is down: no numbers rather than stale ones (readiness says why).
        this.reset();
      }
    },
  });

  const subcommand = labelGuard(options.subcommands);
  const commandOutcome = labelGuard();
  const ackKind = labelGuard();
  const operation = labelGuard();
  const docspaceStatus = labelGuard();
  const slackMethod = labelGuard();
  const slackOutcome = labelGuard();
  const action = labelGuard();
  const decisionOutcome = labelGuard();
  return {
    contentType: registry.contentType,
    render: () => registry.metrics(),
    command: (sub, outcome) => commands.inc({ subcommand: subcommand(sub), outcome: commandOutcome(outcome) }),
    ack: (kind, seconds) => acks.observe({ kind: ackKind(kind) }, seconds),
    docspaceCall(op, status, seconds) {
      const label = operation(op);
      docspaceCalls.inc({ operation: label, status: docspaceStatus(String(status)) });
      docspaceLatency.observe({ operation: label }, seconds);
    },
    slackCall: (method, outcome) => slackCalls.inc({ method: slackMethod(method), outcome: slackOutcome(outcome) }),
    decision: (act, outcome) => decisions.inc({ action: action(act), outcome: decisionOutcome(outcome) }),
    maintenance(outcome) {
      maintenanceRuns.inc();
      if (outcome === 'failed') maintenanceFailures.inc();
    },
    countRequestsWith(source) {
      countRequests = source;
    },
    grant: (event) => grants.inc({ event }),
  };
}
