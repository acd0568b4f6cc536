import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { DocSpaceGateway, DocSpaceUser, GatewayErrorCode } from '../../src/domain/index.js';
import { createLogger } from '../../src/logger.js';
import { createBoltLogger } from '../../src/slack/index.js';
import { bindProblem, checkPortFree, runStartupChecks } from '../../src/startup-checks.js';
import { checkDocSpaceKey } from '../../src/startup-docspace.js';
import { StartupError } from '../../src/startup-problems.js';
import { StorageError } from '../../src/storage/index.js';
import { PEOPLE } from '../fixtures/people.js';
import { createMemoryDocSpace, docspaceUserOfPerson } from '../helpers/memory-docspace.js';

const ORIGIN = 'https://acme.onlyoffice.com';
const owner = docspaceUserOfPerson(PEOPLE.owner) as DocSpaceUser;
const alice = docspaceUserOfPerson(PEOPLE.alice) as DocSpaceUser;
const carol = docspaceUserOfPerson(PEOPLE.carol) as DocSpaceUser;

const gatewayError = (code: GatewayErrorCode, cause?: unknown) =>
  Object.assign(new Error(`DocSpace failed: ${code}`, cause === undefined ? undefined : { cause }), { code });

/** The memory gateway as `self`, with getSelf and listGroups failing as asked. */
function docspaceWith(options: { self?: DocSpaceUser; selfFails?: Error; groupsFail?: Error }): DocSpaceGateway {
  const memory = createMemoryDocSpace({ self: options.self ?? owner });
  return {
    ...memory,
    getSelf: () => (options.selfFails ? Promise.reject(options.selfFails) : memory.getSelf()),
    listGroups: (query) => (options.groupsFail ? Promise.reject(options.groupsFail) : memory.listGroups(query)),
  };
}

describe('checkDocSpaceKey', () => {
  it('passes a key of the owner that may read groups', async () => {
    expect(await checkDocSpaceKey(docspaceWith({}), ORIGIN)).toEqual({ ok: true, value: 'ok', warnings: [] });
  });

  it('refuses a key without accounts:read: people answer, GET /group is 403', async () => {
    const result = await checkDocSpaceKey(docspaceWith({ groupsFail: gatewayError('forbidden') }), ORIGIN);
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          variable: 'DOCSPACE_API_KEY',
          message: expect.stringMatching(
            /^DocSpace does not let this key read groups \(GET \/api\/2\.0\/group answered 403\): it lacks the accounts:read scope\. Create a key .* accounts:read and accounts:write/,
          ),
        },
      ],
    });
  });

  it('names the role too when the key belongs to a plain user', async () => {
    const result = await checkDocSpaceKey(docspaceWith({ self: alice, groupsFail: gatewayError('forbidden') }), ORIGIN);
    expect(!result.ok && result.problems[0]?.message).toMatch(/belongs to a DocSpace user, not the owner or an admin/);
  });

  it('refuses a key DocSpace does not accept (401), however the other read went', async () => {
    const result = await checkDocSpaceKey(docspaceWith({ selfFails: gatewayError('unauthorized') }), ORIGIN);
    expect(!result.ok && result.problems).toEqual([
      { variable: 'DOCSPACE_API_KEY', message: expect.stringMatching(/^DocSpace rejected the key \(401\)/) },
    ]);
  });

  it('blames DOCSPACE_URL when the address answers 404 to the API', async () => {
    const result = await checkDocSpaceKey(docspaceWith({ selfFails: gatewayError('not_found') }), ORIGIN);
    expect(!result.ok && result.problems[0]?.variable).toBe('DOCSPACE_URL');
  });

  it('starts with a warning naming DOCSPACE_URL when the portal does not answer, and says when DNS is why', async () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND acme.onlyoffice.com'), { code: 'ENOTFOUND' });
    const result = await checkDocSpaceKey(docspaceWith({ selfFails: gatewayError('network', dns) }), ORIGIN);
    expect(result).toEqual({
      ok: true,
      value: 'unreachable',
      warnings: [
        {
          variable: 'DOCSPACE_URL',
          message: expect.stringMatching(
            /^DocSpace at https:\/\/acme\.onlyoffice\.com .*does not resolve \(ENOTFOUND\)/,
          ),
        },
      ],
    });
  });

  it('warns that group changes will be refused when the key is not an admin’s', async () => {
    const result = await checkDocSpaceKey(docspaceWith({ self: carol }), ORIGIN);
    expect(result.ok && result.warnings).toEqual([
      {
        variable: 'DOCSPACE_API_KEY',
        message: expect.stringMatching(/^the key belongs to a DocSpace room admin, not/),
      },
    ]);
  });
});

async function occupiedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

describe('checkPortFree', () => {
  it('names PORT and HOST when the port is taken', async () => {
    const port = await occupiedPort();
    expect(await checkPortFree(port, '127.0.0.1')).toEqual({
      ok: false,
      problems: [
        {
          variable: 'PORT',
          message: `port ${port} on 127.0.0.1 (HOST) is already in use by another program (maybe another copy of the bot). Stop it, or set PORT to a free port or HOST to another address.`,
        },
      ],
    });
  });

  it('lets a free port go again at once (the same port checks free twice)', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const free = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    expect(await checkPortFree(free, '127.0.0.1')).toMatchObject({ ok: true });
    expect(await checkPortFree(free, '127.0.0.1')).toMatchObject({ ok: true });
  });

  it('explains privileged ports and addresses that are not this machine’s', () => {
    expect(bindProblem({ code: 'EACCES' }, 80, undefined).message).toMatch(/port 80 on every interface.*below 1024/);
    expect(bindProblem({ code: 'EADDRNOTAVAIL' }, 3000, '10.9.9.9')).toEqual({
      variable: 'HOST',
      message: expect.stringMatching(/^10\.9\.9\.9 is not an address of this machine/),
    });
  });
});

const ENV = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-botTokenThatMustNotLeak',
  SLACK_APP_TOKEN: 'xapp-1-A1-2-appTokenThatMustNotLeak',
  DOCSPACE_URL: ORIGIN,
  DOCSPACE_API_KEY: 'sk-keyThatMustNotLeak',
  PORT: '0',
};

/** Resolves once `n` parties have arrived: proof that they all ran at the same time. */
function barrier(n: number) {
  let arrived = 0;
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return () => {
    arrived += 1;
    if (arrived === n) open();
    return opened;
  };
}

describe('runStartupChecks', () => {
  it('runs the checks side by side and reports every problem in one StartupError, with no secret in it', async () => {
    // Slack (twice), DocSpace and storage each wait here until all four have started: run one after another,
    // they would never get past it.
    const arrive = barrier(4);
    const slackFetch = async (input: string | URL | Request) => {
      await arrive();
      const method = String(input).split('/').pop();
      const error = method === 'auth.test' ? 'invalid_auth' : 'not_allowed_token_type';
      return new Response(JSON.stringify({ ok: false, error }), { headers: { 'content-type': 'application/json' } });
    };
    const web = (token: string) =>
      new WebClient(token, {
        fetch: slackFetch as typeof fetch,
        retryConfig: { retries: 0 },
        logger: createBoltLogger(createLogger({ level: 'silent' })),
      });
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', destination: { write: (l: string) => void lines.push(l) } });
    const config = loadConfig(ENV);
    const docspace = docspaceWith({ groupsFail: gatewayError('forbidden') });
    const error = await runStartupChecks({
      config,
      slack: web(config.slack.botToken),
      appSlack: web(config.slack.appToken as string),
      docspace: { ...docspace, getSelf: () => arrive().then(() => docspace.getSelf()) },
      probeStorage: () =>
        arrive().then(() => {
          throw new StorageError('open_failed', 'SQLite file /x', 'Cannot open SQLite file /x: it is a directory.');
        }),
      host: undefined,
      logger,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    const { problems, message } = error as StartupError;
    expect(problems.map((p) => p.variable)).toEqual([
      'SLACK_BOT_TOKEN',
      'SLACK_APP_TOKEN',
      'DOCSPACE_API_KEY',
      'DATABASE_URL',
    ]);
    for (const p of problems) expect(message).toContain(`  - ${p.variable}: ${p.message}`);
    for (const secret of [ENV.SLACK_BOT_TOKEN, ENV.SLACK_APP_TOKEN, ENV.DOCSPACE_API_KEY]) {
      expect(message).not.toContain(secret);
      expect(lines.join('\n')).not.toContain(secret);
    }
    // The unset approvals channel is a warning, logged even when start-up fails for other reasons.
    expect(lines.map((l) => JSON.parse(l).variable)).toEqual(['APPROVAL_CHANNEL_ID']);
  });
});
