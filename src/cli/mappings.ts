#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import pino from 'pino';
import { z } from 'zod';
import {
  blankToUndefined,
  ConfigError,
  type DocSpaceSettings,
  docspaceSettingsOf,
  docspaceTuningFields,
  LOG_LEVELS,
  normalizeDocSpaceUrl,
} from '../config.js';
import { createDocSpaceClient, type DocSpaceClient } from '../docspace/index.js';
import type { DocSpaceGateway, Logger, SlackTeamId, Storage, UserMapping } from '../domain/index.js';
import { toSlackTeamId } from '../domain/index.js';
import { createLogger } from '../logger.js';
import { formatCsvRow, parseCsv } from './csv.js';
import { findColumns, formatReportLine, formatSummary, importMappings } from './mappings-import.js';
import { isEntryPoint, loadDotEnv, stderrLine, stdoutLine } from './process.js';
import { withExistingStore } from './store.js';

export const MAPPINGS_USAGE = [
  'Usage: npm run -s mappings -- <command> [--team T…]   (or: node dist/cli/mappings.js <command>)',
  '',
  'Commands:',
  '  import <file.csv>  Link Slack users to DocSpace accounts in bulk. The file starts with the header',
  '                     "slack_user_id,docspace"; docspace is an email or a DocSpace user id. Every row is',
  '                     checked first; only valid rows are saved (as manual links). Prints one line per row',
  '                     and a summary; exits 0 when every row was linked or unchanged, 1 when some were skipped.',
  '  export             Write every mapping to stdout as CSV',
  '                     (slack_user_id,docspace_user_id,docspace_email,source,verified_at).',
  '  help               Show this text.',
  '',
  'Options:',
  '  --team T…          The Slack team (workspace) the rows belong to; default SLACK_TEAM_ID.',
  '                     Required for import; export lists every team without it.',
  '',
  'Environment (or ./.env): DATABASE_URL (unset: ./data/docspace-bot.sqlite; it must exist, the bot creates it),',
  'DOCSPACE_URL and DOCSPACE_API_KEY (import), DOCSPACE_TIMEOUT_MS, DOCSPACE_MAX_RETRIES, SLACK_TEAM_ID,',
  'LOG_LEVEL (default warn). Messages and logs go to stderr; stdout carries only the report or the CSV.',
].join('\n');

export type MappingsCommand =
  | { readonly kind: 'import'; readonly file: string; readonly team: SlackTeamId | null }
  | { readonly kind: 'export'; readonly team: SlackTeamId | null }
  | { readonly kind: 'help' }
  | { readonly kind: 'usage_error'; readonly message: string };

type Split = { positional: string[]; team: string | null } | { error: string };

function splitOptions(argv: readonly string[]): Split {
  const positional: string[] = [];
  let team: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--team' || arg.startsWith('--team=')) {
      const value = arg === '--team' ? argv[++i] : arg.slice('--team='.length);
      if (value === undefined || value === '') return { error: '--team needs a Slack team id (T…).' };
      team = value;
    } else if (arg.startsWith('--') && arg !== '--help') {
      return { error: `Unknown option: ${arg}` };
    } else positional.push(arg);
  }
  return { positional, team };
}

export function parseMappingsArgs(argv: readonly string[]): MappingsCommand {
  const split = splitOptions(argv);
  if ('error' in split) return { kind: 'usage_error', message: split.error };
  const team = split.team === null ? null : toSlackTeamId(split.team);
  if (split.team !== null && team === null) {
    return { kind: 'usage_error', message: `--team ${split.team} is not a Slack team id (T…).` };
  }
  const [command, ...rest] = split.positional;
  if (command === undefined) return { kind: 'usage_error', message: 'Missing command.' };
  if (command === 'help' || command === '--help' || command === '-h') return { kind: 'help' };
  if (command === 'export') {
    return rest.length === 0
      ? { kind: 'export', team }
      : { kind: 'usage_error', message: `Unexpected arguments: ${rest.join(' ')}` };
  }
  if (command !== 'import') return { kind: 'usage_error', message: `Unknown command: ${command}` };
  const [file, ...extra] = rest;
  if (file === undefined) return { kind: 'usage_error', message: 'import needs the CSV file to read.' };
  if (extra.length > 0) return { kind: 'usage_error', message: `Unexpected arguments: ${extra.join(' ')}` };
  return { kind: 'import', file, team };
}

/** What `npm run mappings` reads from the environment: no Slack variables; DocSpace only when importing. */
export interface MappingsEnv {
  readonly databaseUrl: string | undefined;
  readonly teamId: SlackTeamId | null;
  readonly logLevel: string;
  readonly docspace: DocSpaceSettings | null;
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
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ variable: i.path.join('.'), message: i.message }));
  if (parsed.success && options.needDocSpace) {
    const required = { message: 'is required to import mappings' };
    if (parsed.data.DOCSPACE_URL === undefined) problems.push({ variable: 'DOCSPACE_URL', ...required });
    if (parsed.data.DOCSPACE_API_KEY === undefined) problems.push({ variable: 'DOCSPACE_API_KEY', ...required });
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const url = e.DOCSPACE_URL === undefined ? null : normalizeDocSpaceUrl(e.DOCSPACE_URL);
  return {
    databaseUrl: e.DATABASE_URL,
    teamId: e.SLACK_TEAM_ID === undefined ? null : toSlackTeamId(e.SLACK_TEAM_ID),
    logLevel: e.LOG_LEVEL,
    docspace: url === null || e.DOCSPACE_API_KEY === undefined ? null : docspaceSettingsOf(url, e.DOCSPACE_API_KEY, e),
  };
}

export interface MappingsCliDeps {
  readonly storage: Storage;
  readonly docspace: DocSpaceGateway;
  /** The team rows belong to (SLACK_TEAM_ID); `--team` overrides it. */
  readonly teamId: SlackTeamId | null;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly now: () => Date;
  /** Receives the audit log lines; silent when absent. */
  readonly logger?: Logger;
}

const SILENT: Logger = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

function answerWithoutStore(command: MappingsCommand, io: Pick<MappingsCliDeps, 'out' | 'err'>): number {
  if (command.kind === 'usage_error') {
    io.err(command.message);
    io.err(MAPPINGS_USAGE);
    return 2;
  }
  io.out(MAPPINGS_USAGE);
  return 0;
}

async function runImport(file: string, teamId: SlackTeamId | null, deps: MappingsCliDeps): Promise<number> {
  if (teamId === null) {
    deps.err('import needs the Slack team the rows belong to: set SLACK_TEAM_ID or pass --team T….');
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    deps.err(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return 2;
  }
  const parsed = parseCsv(text);
  if (!parsed.ok) {
    deps.err(`${file}, line ${parsed.error.line}: ${parsed.error.message}; nothing was imported.`);
    return 2;
  }
  const columns = findColumns(parsed.value[0]);
  if (!columns.ok) {
    deps.err(`${file}: ${columns.error} Nothing was imported.`);
    return 2;
  }
  const reports = await importMappings(parsed.value.slice(1), columns.value, {
    storage: deps.storage,
    docspace: deps.docspace,
    teamId,
    now: deps.now,
    logger: deps.logger ?? SILENT,
  });
  for (const report of reports) deps.out(formatReportLine(report));
  deps.out(formatSummary(reports));
  return reports.some((r) => r.status === 'skipped') ? 1 : 0;
}

/**
 * `mappings import <file.csv>` / `mappings export` against an open store and DocSpace gateway.
 * Exit code: 0 all good, 1 some rows skipped (or a store/DocSpace failure), 2 usage error (nothing written).
 */
export async function runMappingsCli(argv: readonly string[], deps: MappingsCliDeps): Promise<number> {
  const command = parseMappingsArgs(argv);
  if (command.kind === 'help' || command.kind === 'usage_error') return answerWithoutStore(command, deps);
  const teamId = command.team ?? deps.teamId;
  try {
    if (command.kind === 'import') return await runImport(command.file, teamId, deps);
    await exportMappings(deps.storage, teamId, deps.out);
    return 0;
  } catch (error) {
    deps.err(`Mappings ${command.kind} failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

export const EXPORT_COLUMNS = ['slack_user_id', 'docspace_user_id', 'docspace_email', 'source', 'verified_at'] as const;

export function mappingToCsvRow(m: UserMapping): string {
  return formatCsvRow([m.slackUserId, m.docspaceUserId, m.docspaceEmail ?? '', m.source, m.verifiedAt.toISOString()]);
}

/** Writes the header and one CSV line per mapping (one team's, or every team's), ordered by team then Slack user. */
export async function exportMappings(
  storage: Storage,
  teamId: SlackTeamId | null,
  out: (line: string) => void,
): Promise<number> {
  const mappings = await storage.mappings.list(teamId ?? undefined);
  out(formatCsvRow(EXPORT_COLUMNS));
  for (const mapping of mappings) out(mappingToCsvRow(mapping));
  return mappings.length;
}

/** Export never calls DocSpace, so it runs without DocSpace settings. */
const NO_DOCSPACE = new Proxy({} as DocSpaceClient, {
  get(_target, key) {
    if (key === 'then') return undefined;
    if (key === 'close') return () => Promise.resolve();
    return () => Promise.reject(new Error('DOCSPACE_URL and DOCSPACE_API_KEY are not set'));
  },
});

function openDocSpace(env: MappingsEnv, logger: Logger): DocSpaceClient {
  if (env.docspace === null) return NO_DOCSPACE;
  const { url, apiKey, timeoutMs, retry, maxConnections, queueTimeoutMs } = env.docspace;
  return createDocSpaceClient({ baseUrl: url, apiKey, timeoutMs, retry, maxConnections, queueTimeoutMs, logger });
}

async function main(argv: readonly string[]): Promise<number> {
  const out = stdoutLine;
  const err = stderrLine;
  const command = parseMappingsArgs(argv);
  if (command.kind === 'help' || command.kind === 'usage_error') return answerWithoutStore(command, { out, err });
  loadDotEnv();
  let env: MappingsEnv;
  try {
    env = loadMappingsEnv(process.env, { needDocSpace: command.kind === 'import' });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    err(`${error.message}\nSee .env.example and the README for every variable.`);
    return 2;
  }
  // Logs go to stderr: stdout carries only the report or the exported CSV.
  const secrets = env.docspace ? [env.docspace.apiKey] : [];
  const logger = createLogger({ level: env.logLevel, secrets, destination: pino.destination(2) });
  return withExistingStore({ databaseUrl: env.databaseUrl, logger, err }, async (storage) => {
    const docspace = openDocSpace(env, logger);
    try {
      return await runMappingsCli(argv, {
        storage,
        docspace,
        teamId: env.teamId,
        out,
        err,
        now: () => new Date(),
        logger,
      });
    } finally {
      await docspace.close();
    }
  });
}

if (isEntryPoint(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
