import type { ApprovalChannelState, Clock, DocSpaceUser, RequestStatus } from '../domain/index.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createReadiness, type Readiness } from './readiness.js';

/**
 * Metrics and readiness as the container wires them: hooks to hand the adapters (the Slack fetch, the DocSpace
 * client), and the three ops endpoints. Kept out of container.ts so the composition root stays a list of parts.
 */

interface ObservabilityOptions {
  readonly clock: Clock;
  /** The commands counter's closed list of subcommands. */
  readonly subcommands: readonly string[];
  /** false while starting and once stopping. */
  readonly serving: () => boolean;
  readonly processMetrics?: boolean;
  /** Overrides for tests; defaults 30 000 ms and 2000 ms. */
  readonly readinessMaxAgeMs?: number;
  readonly readinessTimeoutMs?: number;
}

/** What readiness needs once the adapters exist. */
interface Watched {
  readonly storage: {
    readonly kind: string;
    ping(): Promise<void>;
    readonly requests: { countByStatus(): Promise<Record<RequestStatus, number>> };
  };
  readonly docspace: { getSelf(signal?: AbortSignal): Promise<DocSpaceUser> };
  readonly mode: 'http' | 'socket';
  /** DRY_RUN: reported on /healthz, so a roll-out can see that the bot writes nothing. */
  readonly dryRun?: boolean;
}

export interface Observability {
  readonly metrics: Metrics;
  readonly readiness: Readiness;
  /** For createLightFetch: every Slack call. */
  onSlackCall(call: { method: string; outcome: string; error: string | null }): void;
  /**
   * What the bot last learnt about APPROVAL_CHANNEL_ID (start-up check, then every card post). Reported as
   * `approvalChannel` on /healthz and /readyz for information: it never fails liveness or readiness, since requests
   * stay decidable from `requests` while the channel is broken.
   */
  approvalChannelIs(state: ApprovalChannelState): void;
  /** For the DocSpace client: every HTTP exchange. */
  onDocSpaceExchange(exchange: {
    operation: string;
    status: number | 'timeout' | 'network' | 'aborted';
    seconds: number;
  }): void;
  /** The /healthz, /readyz and /metrics endpoints over the store and client built after this. */
  endpoints(watched: Watched): {
    live(): Record<string, unknown>;
    ready(): Promise<{ ready: boolean; body: Record<string, unknown> }>;
    metrics(): Promise<{ contentType: string; body: string }>;
  };
}

export function createObservability(options: ObservabilityOptions): Observability {
  const metrics = createMetrics({
    subcommands: options.subcommands,
    ...(options.processMetrics === undefined ? {} : { processMetrics: options.processMetrics }),
  });
  let watched: Watched | null = null;
  let approvalChannel: ApprovalChannelState = 'unknown';
  const notYet = () => Promise.reject(new Error('the store and the DocSpace client are not built yet'));
  const readiness = createReadiness({
    now: () => options.clock.now().getTime(),
    serving: options.serving,
    pingStorage: () => watched?.storage.ping() ?? notYet(),
    probeDocSpace: (signal) => watched?.docspace.getSelf(signal) ?? notYet(),
    ...(options.readinessMaxAgeMs === undefined ? {} : { maxAgeMs: options.readinessMaxAgeMs }),
    ...(options.readinessTimeoutMs === undefined ? {} : { timeoutMs: options.readinessTimeoutMs }),
  });
  return {
    metrics,
    readiness,
    onSlackCall(call) {
      metrics.slackCall(call.method, call.outcome);
      readiness.slackAnswered(call.outcome, call.error);
    },
    approvalChannelIs(state) {
      approvalChannel = state;
    },
    onDocSpaceExchange(exchange) {
      metrics.docspaceCall(exchange.operation, exchange.status, exchange.seconds);
      readiness.docspaceAnswered(exchange.status);
    },
    endpoints(w) {
      watched = w;
      metrics.countRequestsWith(() => w.storage.requests.countByStatus());
      return {
        live: () => ({ mode: w.mode, approvalChannel, dryRun: w.dryRun === true }),
        async ready() {
          const report = await readiness.check();
          const status = report.ready ? 'ready' : 'not_ready';
          return { ready: report.ready, body: { status, ...report, approvalChannel } };
        },
        metrics: async () => ({ contentType: metrics.contentType, body: await metrics.render() }),
      };
    },
  };
}
