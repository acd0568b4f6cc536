import { z } from 'zod';
import {
  channelIdProblem,
  checkDocSpaceUrl,
  commentedOutInEnvFile,
  commentedOutProblem,
  placeholderProblems,
} from './config-hints.js';
import { durationProblemText, parseDuration, SLACK_CHANNEL_ID_PATTERN, SLACK_USER_ID_PATTERN } from './domain/index.js';
import { formatProblems, type StartupProblem } from './startup-problems.js';

/** Pieces of the environment schemas shared by the bot (config.ts) and the command-line tools. */
export const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const envInt = (def: number, min: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`)
      .default(def),
  );

/** DocSpace timeout and retry bounds, with the documented defaults. */
export const docspaceTuningFields = {
  DOCSPACE_TIMEOUT_MS: envInt(10_000, 100, 120_000),
  DOCSPACE_MAX_RETRIES: envInt(3, 0, 10),
  DOCSPACE_RETRY_BASE_MS: envInt(250, 1, 60_000),
  DOCSPACE_RETRY_MAX_MS: envInt(8_000, 1, 300_000),
  DOCSPACE_MAX_CONNECTIONS: envInt(10, 1, 100),
  DOCSPACE_QUEUE_TIMEOUT_MS: envInt(5_000, 10, 120_000),
};

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Where the DocSpace portal is and how to call it; the bot and the mappings CLI build it the same way. */
export interface DocSpaceSettings {
  readonly url: string;
  readonly apiKey: string;
  readonly timeoutMs: number;
  readonly retry: { readonly maxRetries: number; readonly baseDelayMs: number; readonly maxDelayMs: number };
  /** Pool size, and how long a call may wait for one of its connections before DocSpace counts as busy. */
  readonly maxConnections: number;
  readonly queueTimeoutMs: number;
}

type DocSpaceTuning = { readonly [K in keyof typeof docspaceTuningFields]: number };

export function docspaceSettingsOf(url: string, apiKey: string, tuning: DocSpaceTuning): DocSpaceSettings {
  return {
    url,
    apiKey,
    timeoutMs: tuning.DOCSPACE_TIMEOUT_MS,
    retry: {
      maxRetries: tuning.DOCSPACE_MAX_RETRIES,
      baseDelayMs: tuning.DOCSPACE_RETRY_BASE_MS,
      maxDelayMs: tuning.DOCSPACE_RETRY_MAX_MS,
    },
    maxConnections: tuning.DOCSPACE_MAX_CONNECTIONS,
    queueTimeoutMs: tuning.DOCSPACE_QUEUE_TIMEOUT_MS,
  };
}

/** Thrown by loadConfig with every problem listed; never contains a secret value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'invalid_config';
  readonly problems: readonly StartupProblem[];

  constructor(problems: readonly StartupProblem[]) {
    super(formatProblems('Invalid configuration:', problems));
    this.problems = problems;
  }
}

const secret = (prefix: string | null, what: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'is required' })
      .trim()
      .refine((v) => prefix === null || v.startsWith(prefix), `must be ${what} (it starts with "${prefix}")`),
  );
const bool = (def: boolean) =>
  z.preprocess(
    blankToUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
      .default(def ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  );
const idList = (pattern: RegExp, what: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .refine((ids) => ids.every((id) => pattern.test(id)), `must be a comma-separated list of ${what}`),
  );

const schema = z.object({
  SLACK_BOT_TOKEN: secret('xoxb-', 'a Slack bot token'),
  SLACK_SIGNING_SECRET: z.preprocess(blankToUndefined, z.string().trim().optional()),
  SLACK_APP_TOKEN: z.preprocess(
    blankToUndefined,
    z.string().trim().startsWith('xapp-', 'must be an app-level token (it starts with "xapp-")').optional(),
  ),
  SLACK_API_URL: z.preprocess(blankToUndefined, z.url({ error: 'must be an http(s) URL' }).optional()),
  PORT: envInt(3000, 0, 65535),
  HOST: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z.:-]+$/, 'must be an IP address or a host name, e.g. 127.0.0.1 or ::')
      .optional(),
  ),
  DOCSPACE_URL: z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'is required' })
      .superRefine((v, ctx) => {
        const checked = checkDocSpaceUrl(v);
        if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.problem });
      })
      .transform((v) => normalizeDocSpaceUrl(v) ?? v),
  ),
  DOCSPACE_API_KEY: secret(null, 'a DocSpace API key'),
  ...docspaceTuningFields,
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ),
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(
        /^(sqlite:.+|postgres(ql)?:\/\/.+)$/,
        'must be sqlite:<path>, sqlite::memory: or postgres://user:pass@host/db',
      )
      .optional(),
  ),
  MAPPING_TTL_HOURS: envInt(24, 0, 24 * 365),
  AUTHORITY_TTL_SECONDS: envInt(300, 0, 24 * 3600),
  ADMIN_SLACK_USER_IDS: idList(SLACK_USER_ID_PATTERN, 'Slack user ids (U…)'),
  APPROVER_SLACK_USER_IDS: idList(SLACK_USER_ID_PATTERN, 'Slack user ids (U…)'),
  APPROVAL_CHANNEL_ID: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .superRefine((v, ctx) => {
        if (!SLACK_CHANNEL_ID_PATTERN.test(v)) ctx.addIssue({ code: 'custom', message: channelIdProblem(v) });
      })
      .optional(),
  ),
  TRUST_DOCSPACE_ADMINS: bool(true),
  REQUIRE_REASON: bool(false),
  REQUEST_TTL_HOURS: envInt(72, 1, 24 * 90),
  SHUTDOWN_GRACE_MS: envInt(10_000, 0, 600_000),
  MAX_PENDING_PER_REQUESTER: envInt(10, 1, 1000),
  MAX_PEOPLE_PER_CHANGE: envInt(50, 1, 1000),
  MAX_GRANT_DAYS: envInt(90, 1, 3650),
  REMIND_BEFORE: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('24h')
      .transform((v, ctx) => {
        const parsed = parseDuration(v);
        if (!parsed.ok) {
          ctx.addIssue({
            code: 'custom',
            message: `must be a duration like 30m, 8h or 1d: ${durationProblemText(parsed.error)}`,
          });
          return z.NEVER;
        }
        return parsed.value;
      }),
  ),
  DRY_RUN: bool(false),
  UNDO_WINDOW_MINUTES: envInt(15, 0, 7 * 24 * 60),
  HANDOVER_ACCEPTANCE: z.preprocess(
    (v) => (typeof v === 'string' ? blankToUndefined(v.trim().toLowerCase()) : v),
    z.enum(['off', 'on'], { error: 'must be off or on' }).default('off'),
  ),
  HANDOVER_TTL_HOURS: envInt(72, 1, 24 * 90),
  REVIEW_INTERVAL_DAYS: envInt(0, 0, 3650),
  REVIEW_DUE_DAYS: envInt(7, 1, 365),
  REVIEW_REMOVALS_APPLY: bool(true),
});

/** Accepts "acme.onlyoffice.com", "https://acme.onlyoffice.com/" or ".../api/2.0"; returns the origin. */
export function normalizeDocSpaceUrl(raw: string): string | null {
  const checked = checkDocSpaceUrl(raw);
  return checked.ok ? checked.origin : null;
}

export interface Config {
  readonly slack: {
    readonly botToken: string;
    readonly signingSecret: string | null;
    readonly appToken: string | null;
    readonly mode: 'socket' | 'http';
    readonly apiUrl: string | null;
    readonly port: number;
    /** Bind address; null binds every interface. */
    readonly host: string | null;
  };
  readonly docspace: DocSpaceSettings;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly databaseUrl: string | undefined;
  readonly mappingTtlHours: number;
  /** What a mapped caller's DocSpace account may do (type, status) is re-read when older than this. */
  readonly authorityTtlSeconds: number;
  readonly policy: {
    readonly adminSlackIds: readonly string[];
    readonly approverSlackIds: readonly string[];
    readonly approvalChannelId: string | null;
    readonly trustDocSpaceAdmins: boolean;
    readonly requireReason: boolean;
    readonly requestTtlHours: number;
  };
  /** On SIGTERM/SIGINT: how long in-flight Slack work may run on after intake stops, before storage closes anyway. */
  readonly shutdownGraceMs: number;
  /** Floods refused with a reply that names the limit. */
  readonly limits: { readonly maxPendingPerRequester: number; readonly maxPeoplePerChange: number };
  /** Time-bound access: the longest grant (MAX_GRANT_DAYS) and how long before its end the reminder goes (REMIND_BEFORE). */
  readonly grants: { readonly maxDays: number; readonly remindBeforeMs: number };
  /** DRY_RUN: answer everything as usual and read DocSpace, but send no DocSpace write (list what would be sent). */
  readonly dryRun: boolean;
  /** How long after a change its Undo works (0: changes offer no Undo). */
  readonly undoWindowMinutes: number;
  /** HANDOVER_ACCEPTANCE and HANDOVER_TTL_HOURS: manager changes wait for the incoming manager to accept. */
  readonly handover: { readonly acceptance: boolean; readonly ttlHours: number };
  /** Access reviews: the schedule (0: off), how long a reviewer has, and whether a manager's removals apply at once. */
  readonly reviews: { readonly intervalDays: number; readonly dueDays: number; readonly removalsApply: boolean };
}

/** Every secret value in the config, for log scrubbing. */
export function secretsOf(config: Config): string[] {
  return [config.slack.botToken, config.slack.signingSecret, config.slack.appToken, config.docspace.apiKey].filter(
    (s): s is string => typeof s === 'string' && s.length >= 6,
  );
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export interface LoadConfigOptions {
  /** The raw text of the .env file the env was loaded from, to explain values a "#" turned into comments. */
  readonly envFileText?: string | null;
}

/**
 * Pure: reads only what it is passed. Reports every problem at once (format, .env.example placeholders, values lost to
 * a .env comment), each naming its variable, never echoing a value.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, options: LoadConfigOptions = {}): Config {
  const parsed = schema.safeParse(env);
  const raw = (name: string) => env[name]?.trim() || undefined;
  // A value a .env comment emptied is explained as such, instead of as "is required" or not at all.
  const commented = new Set(commentedOutInEnvFile(options.envFileText ?? '').filter((name) => !raw(name)));
  const problems: StartupProblem[] = [...commented].map(commentedOutProblem);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const variable = issue.path.join('.') || '(env)';
      if (!commented.has(variable)) problems.push({ variable, message: issue.message });
    }
  }
  if (!raw('SLACK_APP_TOKEN') && !raw('SLACK_SIGNING_SECRET') && !commented.has('SLACK_SIGNING_SECRET')) {
    problems.push({
      variable: 'SLACK_SIGNING_SECRET',
      message: 'is required in HTTP mode (set SLACK_APP_TOKEN to use Socket Mode instead)',
    });
  }
  if (parsed.success && parsed.data.DOCSPACE_RETRY_BASE_MS > parsed.data.DOCSPACE_RETRY_MAX_MS) {
    problems.push({ variable: 'DOCSPACE_RETRY_BASE_MS', message: 'must not exceed DOCSPACE_RETRY_MAX_MS' });
  }
  const named = new Set(problems.map((p) => p.variable));
  // Socket Mode never uses the signing secret, so its placeholder may stay.
  if (raw('SLACK_APP_TOKEN')) named.add('SLACK_SIGNING_SECRET');
  problems.push(...placeholderProblems(env).filter((p) => !named.has(p.variable)));
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const e = parsed.data;
  return deepFreeze({
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET ?? null,
      appToken: e.SLACK_APP_TOKEN ?? null,
      mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
      apiUrl: e.SLACK_API_URL ?? null,
      port: e.PORT,
      host: e.HOST ?? null,
    },
    docspace: docspaceSettingsOf(e.DOCSPACE_URL, e.DOCSPACE_API_KEY, e),
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    mappingTtlHours: e.MAPPING_TTL_HOURS,
    authorityTtlSeconds: e.AUTHORITY_TTL_SECONDS,
    policy: {
      adminSlackIds: e.ADMIN_SLACK_USER_IDS,
      approverSlackIds: e.APPROVER_SLACK_USER_IDS,
      approvalChannelId: e.APPROVAL_CHANNEL_ID ?? null,
      trustDocSpaceAdmins: e.TRUST_DOCSPACE_ADMINS,
      requireReason: e.REQUIRE_REASON,
      requestTtlHours: e.REQUEST_TTL_HOURS,
    },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    limits: { maxPendingPerRequester: e.MAX_PENDING_PER_REQUESTER, maxPeoplePerChange: e.MAX_PEOPLE_PER_CHANGE },
    grants: { maxDays: e.MAX_GRANT_DAYS, remindBeforeMs: e.REMIND_BEFORE },
    dryRun: e.DRY_RUN,
    undoWindowMinutes: e.UNDO_WINDOW_MINUTES,
    handover: { acceptance: e.HANDOVER_ACCEPTANCE === 'on', ttlHours: e.HANDOVER_TTL_HOURS },
    reviews: {
      intervalDays: e.REVIEW_INTERVAL_DAYS,
      dueDays: e.REVIEW_DUE_DAYS,
      removalsApply: e.REVIEW_REMOVALS_APPLY,
    },
  });
}
