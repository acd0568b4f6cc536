import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createDocSpaceClient, createRehearsal, type DocSpaceClient, withoutWrites } from './docspace/index.js';
import type { Clock, PolicyConfig, Storage } from './domain/index.js';
import {
  type BotServices,
  createBotServices,
  createHomeService,
  createIdentityResolver,
  createReviewServices,
  type DomainDeps,
  GRANT_SWEEP_INTERVAL_MS,
  type ReviewServices,
  randomGrantId,
  randomRequestId,
  randomReviewId,
} from './domain/index.js';
import { moduleLogger } from './logger.js';
import { countDecisions, createObservability } from './observability/index.js';
import {
  COMMAND_LABELS,
  createBoltLogger,
  createDeliveryGuard,
  createDirectMessenger,
  createGrantNotifier,
  createHandoverNotifier,
  createHomeAddenda,
  createHomePublisher,
  createLightFetch,
  createReviewNotifier,
  createSlackApp,
  createSlackDirectory,
  createSlackNotifier,
  DEFAULT_SLACK_RETRY,
  fitSlackPayloads,
  type HomePublisher,
  type SlackApp,
  type SocketModeTuning,
  WebClient,
  withHomeRefresh,
} from './slack/index.js';
import { bindProblem, isBindError, runStartupChecks } from './startup-checks.js';
import { StartupError } from './startup-problems.js';
import { createStorage, isStorageError, probeStorage } from './storage/index.js';

export interface ContainerOptions {
  readonly logger: Logger;
  readonly clock?: Clock;
  /** Listen address; the default binds every interface. */
  readonly host?: string;
  readonly slackRetryConfig?: NonNullable<WebClientOptions['retryConfig']>;
  readonly submitDeadlineMs?: number;
  /** How often pending requests are expired, interrupted executions recovered and missing cards re-posted; 0: off. */
  readonly maintenanceIntervalMs?: number;
  /** How long an approved change may run before its card shows "applying…" (default 1500 ms). */
  readonly interimCardDelayMs?: number;
  /** Socket Mode heartbeat timings; tests shorten them to see reconnects quickly. Bolt's defaults when absent. */
  readonly socketMode?: SocketModeTuning;
  /** Default process metrics on /metrics (default true). */
  readonly processMetrics?: boolean;
  /** How often due grants are ended and reminders sent (default 30 s; 0: only at start, as when maintenance is off). */
  readonly grantSweepIntervalMs?: number;
}

export interface Container {
  readonly services: BotServices;
  /** Access reviews (start, decide, submit; the maintenance loop runs their sweep). */
  readonly reviews: ReviewServices;
  readonly storage: Storage;
  readonly docspace: DocSpaceClient;
  readonly slack: SlackApp;
  /** Publishes App Home tabs; idle() tells when no (re)publish is running or waiting. */
  readonly homes: HomePublisher;
  /** Starts listening; resolves with the bound port. */
  start(): Promise<{ port: number }>;
  /**
   * Stops taking Slack events, lets in-flight work finish for up to config.shutdownGraceMs, then closes storage and
   * connections. Resolves `drained: false` when the grace cut work off (see the comment in the body).
   */
  stop(): Promise<{ drained: boolean }>;
}

const HOUR = 3_600_000;

/** True when `work` settles within `ms`; false when the time runs out first (the work itself is not stopped). */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function policyOf(config: Config): PolicyConfig {
  const p = config.policy;
  return {
    adminSlackIds: new Set(p.adminSlackIds),
    approverSlackIds: new Set(p.approverSlackIds),
    trustDocSpaceAdmins: p.trustDocSpaceAdmins,
    approvalChannelId: p.approvalChannelId,
    requireReason: p.requireReason,
  };
}

/**
 * The composition root: the only place that builds adapters. Checks everything first, side by side (tokens, key,
 * store, port), and throws one StartupError naming every problem; the store is created or migrated only after that.
 */
export async function createContainer(config: Config, options: ContainerOptions): Promise<Container> {
  const log = options.logger;
  const clock = options.clock ?? { now: () => new Date() };
  const retryConfig = options.slackRetryConfig ?? DEFAULT_SLACK_RETRY;
  let ready = false;
  const observability = createObservability({
    clock,
    subcommands: COMMAND_LABELS,
    serving: () => ready,
    ...(options.processMetrics === undefined ? {} : { processMetrics: options.processMetrics }),
  });
  const { metrics } = observability;
  const host = options.host ?? config.slack.host ?? undefined;
  const http = createLightFetch(observability.onSlackCall);
  // The send boundary: every message and view the bot posts (its own client, Bolt's, respond()) fits Block Kit limits.
  const slackFetch = fitSlackPayloads(http.fetch, moduleLogger(log, 'slack.limits'));
  const webClient = (token: string) =>
    new WebClient(token, {
      ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
      fetch: slackFetch,
      logger: createBoltLogger(moduleLogger(log, 'slack.web')),
      retryConfig,
    });
  const client = webClient(config.slack.botToken);
  const liveDocspace = createDocSpaceClient({
    baseUrl: config.docspace.url,
    apiKey: config.docspace.apiKey,
    timeoutMs: config.docspace.timeoutMs,
    maxConnections: config.docspace.maxConnections,
    queueTimeoutMs: config.docspace.queueTimeoutMs,
    retry: config.docspace.retry,
    logger: moduleLogger(log, 'docspace.client'),
    observe: observability.onDocSpaceExchange,
  });
  // DRY_RUN: nothing the bot holds can send a DocSpace write; changes are rehearsed (reads only) instead.
  const docspace = config.dryRun ? withoutWrites(liveDocspace) : liveDocspace;
  const rehearsal = config.dryRun ? { rehearsal: createRehearsal(liveDocspace) } : {};
  const checkThenOpen = async () => {
    const facts = await runStartupChecks({
      config,
      slack: client,
      appSlack: config.slack.appToken ? webClient(config.slack.appToken) : null,
      docspace,
      probeStorage: () => probeStorage({ databaseUrl: config.databaseUrl }),
      host,
      logger: moduleLogger(log, 'startup'),
    });
    // Created or migrated only now that every check passed. The probe said it opens, so a failure here means the
    // store changed in between; it is still a DATABASE_URL problem.
    const opened = await createStorage({ databaseUrl: config.databaseUrl, logger: moduleLogger(log, 'storage') }).catch(
      (error: unknown) => {
        throw isStorageError(error) ? new StartupError([{ variable: 'DATABASE_URL', message: error.message }]) : error;
      },
    );
    return { ...facts, storage: opened };
  };
  const { auth, storage, approvalChannel } = await checkThenOpen().catch(async (error: unknown) => {
    await docspace.close();
    await http.close();
    throw error;
  });
  observability.approvalChannelIs(approvalChannel);
  const domainLog = moduleLogger(log, 'domain');
  const slackDirectory = createSlackDirectory(client, { clock });
  const sendDm = createDirectMessenger(client);
  const policy = policyOf(config);
  const identity = createIdentityResolver({
    mappings: storage.mappings,
    slack: slackDirectory,
    docspace,
    clock,
    ttlMs: config.mappingTtlHours * HOUR,
    authorityTtlMs: config.authorityTtlSeconds * 1000,
    logger: domainLog,
  });
  const domainDeps: DomainDeps = {
    requests: storage.requests,
    audit: storage.audit,
    alerts: storage.alerts,
    mappings: storage.mappings,
    names: storage.names,
    docspace,
    slack: slackDirectory,
    notifier: createSlackNotifier({
      client,
      approvalChannelId: policy.approvalChannelId,
      clock,
      sendDm,
      botUserId: auth.botUserId,
      onApprovalChannel: observability.approvalChannelIs,
    }),
    identity,
    policy,
    clock,
    logger: domainLog,
    requestTtlMs: config.policy.requestTtlHours * HOUR,
    newRequestId: randomRequestId,
    interimCardDelayMs: options.interimCardDelayMs ?? 1500,
    limits: config.limits,
    grants: {
      repo: storage.grants,
      notifier: createGrantNotifier(sendDm),
      maxDays: config.grants.maxDays,
      remindBeforeMs: config.grants.remindBeforeMs,
      newGrantId: randomGrantId,
      onEvent: metrics.grant,
    },
    ...rehearsal,
    undo: storage.undo,
    undoWindowMs: config.undoWindowMinutes * 60_000,
    handover: {
      acceptance: config.handover.acceptance,
      ttlMs: config.handover.ttlHours * HOUR,
      repo: storage.handovers,
      notifier: createHandoverNotifier({ client, clock, sendDm }),
    },
  };
  const domainServices = createBotServices(domainDeps);
  const homeService = createHomeService({
    requests: storage.requests,
    audit: storage.audit,
    mappings: storage.mappings,
    docspace,
    identity,
    policy,
    clock,
    logger: domainLog,
    homes: storage.homes,
  });
  const homes = createHomePublisher({
    home: homeService,
    client,
    clock,
    logger: moduleLogger(log, 'slack.home'),
    addenda: createHomeAddenda({
      dryRun: config.dryRun,
      handovers: storage.handovers,
      reviews: storage.reviews,
      clock,
    }),
  });
  const services = withHomeRefresh(countDecisions(domainServices, metrics), homeService, homes, log);
  const reviews = createReviewServices({
    ...domainDeps,
    reviews: storage.reviews,
    reviewNotifier: createReviewNotifier(sendDm),
    reviewSettings: config.reviews,
    newReviewId: randomReviewId,
    // The group's live time-bound access, so the reviewer sees each grant's end.
    grantReader: {
      listActiveForGroup: async (teamId, groupId) =>
        (await storage.grants.listActiveForGroup(teamId, groupId)).map((g) => ({
          docspaceUserId: g.userId,
          endsAt: g.endsAt,
        })),
    },
  });
  const slack = createSlackApp(
    {
      services,
      logger: moduleLogger(log, 'slack'),
      reasonMode: config.policy.requireReason ? 'required' : 'optional',
      sendDm,
      deliveries: createDeliveryGuard(storage.deliveries, clock),
      submitDeadlineMs: options.submitDeadlineMs ?? 1500,
      onCommand: metrics.command,
      dryRun: config.dryRun,
      home: homes,
      reviews,
    },
    {
      botToken: config.slack.botToken,
      signingSecret: config.slack.signingSecret,
      appToken: config.slack.appToken,
      apiUrl: config.slack.apiUrl,
      botId: auth.botId,
      botUserId: auth.botUserId,
      logger: moduleLogger(log, 'bolt'),
      retryConfig,
      fetch: slackFetch,
      ops: observability.endpoints({ storage, docspace, mode: config.slack.mode, dryRun: config.dryRun }),
      onAck: metrics.ack,
      ...(options.socketMode ? { socketMode: options.socketMode } : {}),
    },
  );
  let timer: NodeJS.Timeout | null = null;
  // The running maintenance pass, so stop() can let it finish like any other in-flight work.
  let maintaining: Promise<void> = Promise.resolve();
  const runMaintenance = async () => {
    try {
      const done = await services.maintain();
      metrics.maintenance(done.ok ? 'ok' : 'failed');
      if (done.ok && Object.values(done.value).some((n) => n > 0)) log.info(done.value, 'maintenance');
      const swept = await reviews.sweep();
      if (Object.values(swept).some((n) => n > 0)) log.info({ reviews: swept }, 'access review maintenance');
    } catch (error) {
      metrics.maintenance('failed');
      log.error({ err: error }, 'maintenance failed');
    }
  };
  const maintain = () => {
    maintaining = runMaintenance();
    return maintaining;
  };
  // The grant sweep: its own timer, at least every 30 s; a pass still running is not started twice in this process.
  let sweepTimer: NodeJS.Timeout | null = null;
  let sweeping: Promise<void> | null = null;
  const sweep = () => {
    sweeping ??= services
      .sweepGrants()
      .then((done) => {
        if (done.ok && (done.value.expired > 0 || done.value.reminded > 0)) log.info(done.value, 'grant sweep');
      })
      .catch((error: unknown) => log.error({ err: error }, 'grant sweep failed'))
      .finally(() => {
        sweeping = null;
      });
    return sweeping;
  };
  let server: Server | null = null;
  return {
    services,
    reviews,
    storage,
    docspace,
    slack,
    homes,
    async start(this: Container) {
      try {
        server = await slack.start(config.slack.port, host);
      } catch (error) {
        // The port was free during the checks; another program took it since.
        if (!isBindError(error)) throw error;
        await this.stop();
        throw new StartupError([bindProblem(error, config.slack.port, host)]);
      }
      await maintain();
      const every = options.maintenanceIntervalMs ?? 60_000;
      if (every > 0) timer = setInterval(maintain, every).unref();
      // A bot that was down past an expiry performs it now, at start.
      await sweep();
      const sweepEvery = options.grantSweepIntervalMs ?? (every > 0 ? GRANT_SWEEP_INTERVAL_MS : 0);
      if (sweepEvery > 0) sweepTimer = setInterval(sweep, sweepEvery).unref();
      ready = true;
      if (config.dryRun) log.warn({ dryRun: true }, 'DRY_RUN is on: the bot reads DocSpace but sends no write to it');
      return { port: (server.address() as AddressInfo).port };
    },
    async stop() {
      ready = false;
      if (timer) clearInterval(timer);
      if (sweepTimer) clearInterval(sweepTimer);
      homes.close();
      // Intake first: HTTP stops accepting connections, Socket Mode disconnects; events already received run on.
      const intake = slack.stop().catch((error: unknown) => log.warn({ err: error }, 'error while stopping Slack'));
      const drained = await settlesWithin(
        Promise.all([intake, slack.idle(), maintaining, sweeping, homes.idle()]),
        config.shutdownGraceMs,
      );
      if (!drained) {
        // Cut off: an approved change still running stays `approved` in storage, and maintenance turns it into
        // `failed` with Retry after INTERRUPTED_AFTER_MS (recoverInterrupted), exactly as after a crash.
        log.warn({ graceMs: config.shutdownGraceMs }, 'shutdown grace ran out: in-flight Slack work is cut off');
        server?.closeAllConnections();
      }
      // Storage before the HTTP clients: work that was cut off can write nothing more once it closes.
      await storage.close();
      const clients = Promise.all([docspace.close(), http.close()]);
      // Closing a client waits for its calls in flight; cut-off work may still have some, which the exit ends.
      if (drained) await clients;
      else void clients.catch(() => undefined);
      return { drained };
    },
  };
}
