import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createDocSpaceClient, type DocSpaceClient } from './docspace/index.js';
import type { Clock, PolicyConfig, Storage } from './domain/index.js';
import { type BotServices, createBotServices, createIdentityResolver, randomRequestId } from './domain/index.js';
import { moduleLogger } from './logger.js';
import {
  createBoltLogger,
  createDirectMessenger,
  createLightFetch,
  createSlackApp,
  createSlackDirectory,
  createSlackNotifier,
  DEFAULT_SLACK_RETRY,
  type SlackApp,
  WebClient,
} from './slack/index.js';
import { checkDocSpaceKey, checkSlackToken } from './startup-checks.js';
import { createStorage } from './storage/index.js';

export interface ContainerOptions {
  readonly logger: Logger;
  readonly clock?: Clock;
  /** Listen address; the default binds every interface. */
  readonly host?: string;
  readonly slackRetryConfig?: NonNullable<WebClientOptions['retryConfig']>;
  readonly submitDeadlineMs?: number;
  /** How often pending requests are expired and interrupted executions recovered; 0 turns the timer off. */
  readonly maintenanceIntervalMs?: number;
  /** How long an approved change may run before its card shows "applying…" (default 1500 ms). */
  readonly interimCardDelayMs?: number;
}

export interface Container {
  readonly services: BotServices;
  readonly storage: Storage;
  readonly docspace: DocSpaceClient;
  readonly slack: SlackApp;
  /** Starts listening; resolves with the bound port. */
  start(): Promise<{ port: number }>;
  stop(): Promise<void>;
}

const HOUR = 3_600_000;

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

/** The composition root: the only place that builds adapters. Fails fast (bad token, key or store) with clear text. */
export async function createContainer(config: Config, options: ContainerOptions): Promise<Container> {
  const log = options.logger;
  const clock = options.clock ?? { now: () => new Date() };
  const retryConfig = options.slackRetryConfig ?? DEFAULT_SLACK_RETRY;
  const http = createLightFetch();
  const client = new WebClient(config.slack.botToken, {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    fetch: http.fetch,
    logger: createBoltLogger(moduleLogger(log, 'slack.web')),
    retryConfig,
  });
  const auth = await checkSlackToken(client);
  const docspace = createDocSpaceClient({
    baseUrl: config.docspace.url,
    apiKey: config.docspace.apiKey,
    timeoutMs: config.docspace.timeoutMs,
    retry: config.docspace.retry,
    logger: moduleLogger(log, 'docspace.client'),
  });
  const docspaceState = await checkDocSpaceKey(docspace, moduleLogger(log, 'startup'));
  const storage = await createStorage({ databaseUrl: config.databaseUrl, logger: moduleLogger(log, 'storage') });
  const domainLog = moduleLogger(log, 'domain');
  const slackDirectory = createSlackDirectory(client);
  const sendDm = createDirectMessenger(client);
  const policy = policyOf(config);
  const identity = createIdentityResolver({
    mappings: storage.mappings,
    slack: slackDirectory,
    docspace,
    clock,
    ttlMs: config.mappingTtlHours * HOUR,
    logger: domainLog,
  });
  const services = createBotServices({
    requests: storage.requests,
    audit: storage.audit,
    mappings: storage.mappings,
    docspace,
    slack: slackDirectory,
    notifier: createSlackNotifier({ client, approvalChannelId: policy.approvalChannelId, clock, sendDm }),
    identity,
    policy,
    clock,
    logger: domainLog,
    requestTtlMs: config.policy.requestTtlHours * HOUR,
    newRequestId: randomRequestId,
    interimCardDelayMs: options.interimCardDelayMs ?? 1500,
  });
  let ready = false;
  const slack = createSlackApp(
    {
      services,
      logger: moduleLogger(log, 'slack'),
      reasonMode: config.policy.requireReason ? 'required' : 'optional',
      sendDm,
      submitDeadlineMs: options.submitDeadlineMs ?? 1500,
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
      fetch: http.fetch,
      health: () => ({ ready, mode: config.slack.mode, storage: storage.kind, docspace: docspaceState }),
    },
  );
  let timer: NodeJS.Timeout | null = null;
  const maintain = async () => {
    try {
      const done = await services.maintain();
      if (done.ok && (done.value.expired || done.value.recovered)) log.info(done.value, 'maintenance');
    } catch (error) {
      log.error({ err: error }, 'maintenance failed');
    }
  };
  let server: Server | null = null;
  return {
    services,
    storage,
    docspace,
    slack,
    async start() {
      server = await slack.start(config.slack.port, options.host);
      await maintain();
      const every = options.maintenanceIntervalMs ?? 60_000;
      if (every > 0) timer = setInterval(maintain, every).unref();
      ready = true;
      return { port: (server.address() as AddressInfo).port };
    },
    async stop() {
      ready = false;
      if (timer) clearInterval(timer);
      await slack.stop().catch((error: unknown) => log.warn({ err: error }, 'error while stopping Slack'));
      await docspace.close();
      await storage.close();
      await http.close();
    },
  };
}
