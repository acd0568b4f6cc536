import { z } from 'zod';
import { ConfigError, normalizeDocSpaceUrl } from '../config.js';
import { type SlackTeamId, toSlackTeamId } from '../domain/index.js';
import { blankToUndefined, docspaceTuningFields, LOG_LEVELS } from '../env-schema.js';

/** What `npm run mappings` reads from the environment: no Slack variables; DocSpace only when importing. */
export interface MappingsEnv {
  readonly databaseUrl: string | undefined;
  readonly teamId: SlackTeamId | null;
  readonly logLevel: string;
  readonly docspace: {
    readonly url: string;
    readonly apiKey: string;
    readonly timeoutMs: number;
    readonly retry: { readonly maxRetries: number; readonly baseDelayMs: number; readonly maxDelayMs: number };
  } | null;
}

const optional = z.preprocess(blankToUndefined, z.string().trim().optional());

const schema = z.object({
  DATABASE_URL: optional,
  DOCSPACE_URL: optional.refine(
    (v) => v === undefined || normalizeDocSpaceUrl(v) !== null,
    'must be your portal address, e.g. https://yourportal.onlyoffice.com',
  ),
  DOCSPACE_API_KEY: optional,
  ...docspaceTuningFields,
  SLACK_TEAM_ID: optional.refine(
    (v) => v === undefined || toSlackTeamId(v) !== null,
    'must be a Slack team id (T…), as in the workspace URL of the Slack admin pages',
  ),
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(LOG_LEVELS).default('warn')),
});

/** Pure: validates the passed-in env; throws ConfigError listing every problem (never a value). */
export function loadMappingsEnv(
  env: Readonly<Record<string, string | undefined>>,
  options: { readonly needDocSpace: boolean },
): MappingsEnv {
  const parsed = schema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  if (parsed.success && options.needDocSpace) {
    if (parsed.data.DOCSPACE_URL === undefined) problems.push('DOCSPACE_URL: is required to import mappings');
    if (parsed.data.DOCSPACE_API_KEY === undefined) problems.push('DOCSPACE_API_KEY: is required to import mappings');
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const url = e.DOCSPACE_URL === undefined ? null : normalizeDocSpaceUrl(e.DOCSPACE_URL);
  return {
    databaseUrl: e.DATABASE_URL,
    teamId: e.SLACK_TEAM_ID === undefined ? null : toSlackTeamId(e.SLACK_TEAM_ID),
    logLevel: e.LOG_LEVEL,
    docspace:
      url === null || e.DOCSPACE_API_KEY === undefined
        ? null
        : {
            url,
            apiKey: e.DOCSPACE_API_KEY,
            timeoutMs: e.DOCSPACE_TIMEOUT_MS,
            retry: {
              maxRetries: e.DOCSPACE_MAX_RETRIES,
              baseDelayMs: e.DOCSPACE_RETRY_BASE_MS,
              maxDelayMs: e.DOCSPACE_RETRY_MAX_MS,
            },
          },
  };
}
