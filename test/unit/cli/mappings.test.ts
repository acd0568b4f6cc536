import { describe, expect, it } from 'vitest';
import { loadMappingsEnv, parseMappingsArgs } from '../../../src/cli/mappings.js';
import { ConfigError } from '../../../src/config.js';

describe('parseMappingsArgs', () => {
  it('reads import with its file and an optional --team in either spelling', () => {
    expect(parseMappingsArgs(['import', 'a.csv'])).toEqual({ kind: 'import', file: 'a.csv', team: null });
    expect(parseMappingsArgs(['--team', 'T0TEAM0001', 'import', 'a.csv'])).toEqual({
      kind: 'import',
      file: 'a.csv',
      team: 'T0TEAM0001',
    });
    expect(parseMappingsArgs(['export', '--team=T0TEAM0001'])).toEqual({ kind: 'export', team: 'T0TEAM0001' });
  });

  it('treats help, --help and -h as help', () => {
    for (const arg of ['help', '--help', '-h']) expect(parseMappingsArgs([arg])).toEqual({ kind: 'help' });
  });

  it.each([
    [[], 'Missing command.'],
    [['import'], 'import needs the CSV file to read.'],
    [['import', 'a.csv', 'b.csv'], 'Unexpected arguments: b.csv'],
    [['export', 'x'], 'Unexpected arguments: x'],
    [['wipe'], 'Unknown command: wipe'],
    [['export', '--force'], 'Unknown option: --force'],
    [['export', '--team'], '--team needs a Slack team id (T…).'],
    [['export', '--team', 'acme'], '--team acme is not a Slack team id (T…).'],
  ])('refuses %j with "%s"', (argv, message) => {
    expect(parseMappingsArgs(argv)).toEqual({ kind: 'usage_error', message });
  });
});

const DOCSPACE = { DOCSPACE_URL: 'acme.onlyoffice.com/', DOCSPACE_API_KEY: 'sk-abc123' };

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.variable}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadMappingsEnv', () => {
  it('needs no Slack variables and normalises the DocSpace address', () => {
    const env = loadMappingsEnv({ ...DOCSPACE, SLACK_TEAM_ID: 'T0TEAM0001' }, { needDocSpace: true });
    expect(env.docspace).toEqual({
      url: 'https://acme.onlyoffice.com',
      apiKey: 'sk-abc123',
      timeoutMs: 10_000,
      retry: { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 8_000 },
      maxConnections: 10,
      queueTimeoutMs: 5_000,
    });
    expect(env.teamId).toBe('T0TEAM0001');
    expect(env.logLevel).toBe('warn');
  });

  it('names both DocSpace variables when importing without them', () => {
    expect(problemsOf(() => loadMappingsEnv({}, { needDocSpace: true }))).toEqual([
      'DOCSPACE_URL: is required to import mappings',
      'DOCSPACE_API_KEY: is required to import mappings',
    ]);
  });

  it('accepts an environment with nothing set for export', () => {
    expect(loadMappingsEnv({ DATABASE_URL: ' ' }, { needDocSpace: false })).toEqual({
      databaseUrl: undefined,
      teamId: null,
      logLevel: 'warn',
      docspace: null,
    });
  });

  it('reports a malformed team id, portal address and timeout without echoing the values', () => {
    const problems = problemsOf(() =>
      loadMappingsEnv(
        { SLACK_TEAM_ID: 'acme', DOCSPACE_URL: 'ftp://x', DOCSPACE_TIMEOUT_MS: 'soon' },
        { needDocSpace: false },
      ),
    );
    expect(problems.map((p) => p.split(':')[0])).toEqual(['DOCSPACE_URL', 'DOCSPACE_TIMEOUT_MS', 'SLACK_TEAM_ID']);
    expect(problems.join('\n')).not.toContain('acme');
  });
});
