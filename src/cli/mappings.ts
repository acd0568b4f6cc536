import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { ConfigError } from '../config.js';
import { createDocSpaceClient, type DocSpaceClient } from '../docspace/index.js';
import type { DocSpaceGateway, Logger, SlackTeamId, Storage } from '../domain/index.js';
import { createLogger } from '../logger.js';
import { createStorage } from '../storage/index.js';
import { parseCsv } from './csv.js';
import { MAPPINGS_USAGE, type MappingsCommand, parseMappingsArgs } from './mappings-args.js';
import { loadMappingsEnv, type MappingsEnv } from './mappings-env.js';
import { exportMappings } from './mappings-export.js';
import { formatReportLine, formatSummary, importMappings } from './mappings-import.js';
import { findColumns } from './mappings-rows.js';

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
  const { url, apiKey, timeoutMs, retry } = env.docspace;
  return createDocSpaceClient({ baseUrl: url, apiKey, timeoutMs, retry, logger });
}

async function main(argv: readonly string[]): Promise<number> {
  const out = (line: string) => void process.stdout.write(`${line}\n`);
  const err = (line: string) => void process.stderr.write(`${line}\n`);
  const command = parseMappingsArgs(argv);
  if (command.kind === 'help' || command.kind === 'usage_error') return answerWithoutStore(command, { out, err });
  if (existsSync('.env')) process.loadEnvFile('.env');
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
  let storage: Storage;
  try {
    storage = await createStorage({ databaseUrl: env.databaseUrl, logger });
  } catch (error) {
    err(error instanceof Error ? error.message : String(error));
    return 1;
  }
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
    await storage.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
