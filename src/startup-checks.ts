import { createServer } from 'node:http';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { APPROVALS_CHANNEL_UNSET } from './config-hints.js';
import type { ApprovalChannelState, DocSpaceGateway } from './domain/index.js';
import { checkApprovalChannel } from './startup-channel.js';
import { checkDocSpaceKey, type DocSpaceState } from './startup-docspace.js';
import { type CheckResult, failed, passed, StartupError, type StartupProblem } from './startup-problems.js';
import { checkSlackAppToken, checkSlackBotToken, type SlackAuth } from './startup-slack.js';
import { isStorageError } from './storage/index.js';

// The live start-up checks, run side by side: every problem is reported in one StartupError, so an operator fixes
// them in one round. They only read (auth.test, apps.connections.open, two DocSpace GETs, a port bound and released,
// a store opened without writing): a failed start leaves nothing behind.

export interface StartupCheckDeps {
  readonly config: Config;
  /** The Web API client with the bot token. */
  readonly slack: WebClient;
  /** A Web API client with the app-level token, in Socket Mode. */
  readonly appSlack: WebClient | null;
  readonly docspace: DocSpaceGateway;
  /** Throws the StorageError opening the store would throw; writes nothing. */
  readonly probeStorage: () => Promise<void>;
  /** The listen address; undefined = every interface. */
  readonly host: string | undefined;
  readonly logger: Logger;
}

export interface StartupFacts {
  readonly auth: SlackAuth;
  readonly docspace: DocSpaceState;
  /** Whether the bot is a member of APPROVAL_CHANNEL_ID (a warning only: the bot serves either way). */
  readonly approvalChannel: ApprovalChannelState;
}

/** Runs every check at once; logs the warnings; throws StartupError listing every problem. */
export async function runStartupChecks(deps: StartupCheckDeps): Promise<StartupFacts> {
  const { config } = deps;
  const [bot, app, docspace, port, storage, channel] = await Promise.all([
    checkSlackBotToken(deps.slack, config.slack.apiUrl),
    deps.appSlack ? checkSlackAppToken(deps.appSlack, config.slack.apiUrl) : passed(null),
    checkDocSpaceKey(deps.docspace, config.docspace.url),
    checkPortFree(config.slack.port, deps.host),
    checkStorage(deps.probeStorage),
    checkApprovalChannel(deps.slack, config.policy.approvalChannelId),
  ]);
  const results: CheckResult<unknown>[] = [bot, app, docspace, port, storage, channel];
  const problems = results.flatMap((r) => (r.ok ? [] : r.problems));
  const warnings = [...results.flatMap((r) => (r.ok ? r.warnings : [])), ...configWarnings(config)];
  for (const w of warnings) deps.logger.warn({ variable: w.variable }, `${w.variable}: ${w.message}`);
  if (!bot.ok || !docspace.ok || problems.length > 0) throw new StartupError(problems);
  return { auth: bot.value, docspace: docspace.value, approvalChannel: channel.ok ? channel.value : 'unknown' };
}

/** What the config allows but an operator should hear about at start-up. */
function configWarnings(config: Config): StartupProblem[] {
  return config.policy.approvalChannelId === null
    ? [{ variable: 'APPROVAL_CHANNEL_ID', message: APPROVALS_CHANNEL_UNSET }]
    : [];
}

async function checkStorage(probe: () => Promise<void>): Promise<CheckResult<null>> {
  try {
    await probe();
    return passed(null);
  } catch (error) {
    // StorageError messages name the store (never a password) and the fix; anything else is a bug.
    if (!isStorageError(error)) throw error;
    return failed({ variable: 'DATABASE_URL', message: error.message });
  }
}

/** Binds the port and lets it go at once, so a busy port is reported with the rest; port 0 is always free. */
export async function checkPortFree(port: number, host: string | undefined): Promise<CheckResult<null>> {
  if (port === 0) return passed(null);
  const server = createServer();
  const error = await new Promise<Error | null>((resolve) => {
    server.once('error', resolve);
    server.listen(port, host, () => resolve(null));
  });
  if (error) return failed(bindProblem(error, port, host));
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return passed(null);
}

/** The problem for a listen error, naming PORT (or HOST, when the address is the trouble) and what to do. */
export function bindProblem(error: unknown, port: number, host: string | undefined): StartupProblem {
  const code = (error as { code?: unknown }).code;
  const where = host ? ` on ${host} (HOST)` : ' on every interface';
  switch (code) {
    case 'EADDRINUSE':
      return {
        variable: 'PORT',
        message: `port ${port}${where} is already in use by another program (maybe another copy of the bot). Stop it, or set PORT to a free port${host ? ' or HOST to another address' : ''}.`,
      };
    case 'EACCES':
      return {
        variable: 'PORT',
        message: `this process may not listen on port ${port}${where} (ports below 1024 need privileges). Set PORT to 1024 or above, e.g. 3000, and put a reverse proxy in front if needed.`,
      };
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return {
        variable: 'HOST',
        message: `${host ?? 'the address'} is not an address of this machine (${code}). Set HOST to one of its addresses, or leave it empty to listen on every interface.`,
      };
    default:
      return {
        variable: 'PORT',
        message: `cannot listen on port ${port}${where} (${typeof code === 'string' ? code : 'unknown error'}). Set PORT to a free port.`,
      };
  }
}

/** A listen error bindProblem can explain (the port or the address); other errors are not start-up problems. */
export function isBindError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && ['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN'].includes(code);
}
