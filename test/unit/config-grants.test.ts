import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const valid = {
  SLACK_BOT_TOKEN: 'xoxb-111-222-secretbottoken',
  SLACK_SIGNING_SECRET: 'signing-secret-value',
  DOCSPACE_URL: 'https://acme.onlyoffice.com',
  DOCSPACE_API_KEY: 'sk-0123456789abcdef',
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.variable}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('time-bound access settings', () => {
  it('defaults to 90 days at most and a reminder 24 hours before the end', () => {
    expect(loadConfig(valid).grants).toEqual({ maxDays: 90, remindBeforeMs: 24 * 3_600_000 });
  });

  it('reads MAX_GRANT_DAYS and REMIND_BEFORE', () => {
    const config = loadConfig({ ...valid, MAX_GRANT_DAYS: '30', REMIND_BEFORE: '2h' });
    expect(config.grants).toEqual({ maxDays: 30, remindBeforeMs: 2 * 3_600_000 });
  });

  it('names the variable of a bad value', () => {
    expect(problemsOf({ ...valid, MAX_GRANT_DAYS: '0' })).toEqual(['MAX_GRANT_DAYS: must be at least 1']);
    expect(problemsOf({ ...valid, REMIND_BEFORE: 'soon' })[0]).toMatch(/^REMIND_BEFORE: must be a duration like/);
    expect(problemsOf({ ...valid, REMIND_BEFORE: '0h' })[0]).toMatch(/^REMIND_BEFORE: .*more than zero/);
  });
});
