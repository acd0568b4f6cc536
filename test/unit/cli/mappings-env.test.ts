import { describe, expect, it } from 'vitest';
import { loadMappingsEnv } from '../../../src/cli/mappings-env.js';
import { ConfigError } from '../../../src/config.js';

const DOCSPACE = { DOCSPACE_URL: 'acme.onlyoffice.com/', DOCSPACE_API_KEY: 'sk-abc123' };

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
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
