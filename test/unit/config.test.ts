import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, normalizeDocSpaceUrl, secretsOf } from '../../src/config.js';

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

describe('loadConfig', () => {
  it('applies the documented defaults to a minimal valid environment', () => {
    const config = loadConfig(valid);
    expect(config.slack.mode).toBe('http');
    expect(config.slack.port).toBe(3000);
    expect(config.docspace.timeoutMs).toBe(10_000);
    expect(config.mappingTtlHours).toBe(24);
    expect(config.authorityTtlSeconds).toBe(300);
    expect(config.policy.requestTtlHours).toBe(72);
    expect(config.policy.trustDocSpaceAdmins).toBe(true);
    expect(config.policy.requireReason).toBe(false);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.logLevel).toBe('info');
  });

  it('turns manager handover acceptance off by default, with a 72-hour wait, and reads off/on in any case', () => {
    expect(loadConfig(valid).handover).toEqual({ acceptance: false, ttlHours: 72 });
    expect(loadConfig({ ...valid, HANDOVER_ACCEPTANCE: ' ON ', HANDOVER_TTL_HOURS: '24' }).handover).toEqual({
      acceptance: true,
      ttlHours: 24,
    });
    expect(problemsOf({ ...valid, HANDOVER_ACCEPTANCE: 'true', HANDOVER_TTL_HOURS: '0' })).toEqual([
      'HANDOVER_ACCEPTANCE: must be off or on',
      'HANDOVER_TTL_HOURS: must be at least 1',
    ]);
  });

  it('sizes the DocSpace pool, its queue wait and the flood limits from the environment, with defaults', () => {
    const defaults = loadConfig(valid);
    expect([defaults.docspace.maxConnections, defaults.docspace.queueTimeoutMs, defaults.limits]).toEqual([
      10,
      5_000,
      { maxPendingPerRequester: 10, maxPeoplePerChange: 50 },
    ]);
    const set = loadConfig({
      ...valid,
      DOCSPACE_MAX_CONNECTIONS: '4',
      DOCSPACE_QUEUE_TIMEOUT_MS: '750',
      MAX_PENDING_PER_REQUESTER: '3',
      MAX_PEOPLE_PER_CHANGE: '200',
    });
    expect([set.docspace.maxConnections, set.docspace.queueTimeoutMs, set.limits]).toEqual([
      4,
      750,
      { maxPendingPerRequester: 3, maxPeoplePerChange: 200 },
    ]);
    expect(problemsOf({ ...valid, DOCSPACE_MAX_CONNECTIONS: '0', MAX_PEOPLE_PER_CHANGE: 'many' })).toEqual([
      'DOCSPACE_MAX_CONNECTIONS: must be at least 1',
      'MAX_PEOPLE_PER_CHANGE: must be a whole number',
    ]);
  });

  it('returns a deeply frozen object', () => {
    const config = loadConfig(valid);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.policy.adminSlackIds)).toBe(true);
  });

  it('switches to Socket Mode when an app token is set, and then needs no signing secret', () => {
    const config = loadConfig({ ...valid, SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: 'xapp-1-abc' });
    expect(config.slack.mode).toBe('socket');
    expect(config.slack.signingSecret).toBeNull();
  });

  it('binds every interface unless HOST names an address, and refuses a HOST that is not one', () => {
    expect(loadConfig(valid).slack.host).toBeNull();
    expect(loadConfig({ ...valid, HOST: ' 127.0.0.1 ' }).slack.host).toBe('127.0.0.1');
    expect(loadConfig({ ...valid, HOST: '::' }).slack.host).toBe('::');
    expect(problemsOf({ ...valid, HOST: 'http://0.0.0.0:3000/' })).toEqual([
      expect.stringMatching(/^HOST: must be an IP address or a host name/),
    ]);
  });

  it('requires the signing secret in HTTP mode', () => {
    expect(problemsOf({ ...valid, SLACK_SIGNING_SECRET: undefined })).toEqual([
      expect.stringMatching(/^SLACK_SIGNING_SECRET: is required in HTTP mode/),
    ]);
  });

  it('reports every problem at once, naming each variable', () => {
    const problems = problemsOf({ PORT: 'abc', LOG_LEVEL: 'loud', ADMIN_SLACK_USER_IDS: 'U0ALICE001,alice' });
    const names = problems.map((p) => p.split(':')[0]);
    expect(names).toEqual(
      expect.arrayContaining([
        'SLACK_BOT_TOKEN',
        'SLACK_SIGNING_SECRET',
        'DOCSPACE_URL',
        'DOCSPACE_API_KEY',
        'PORT',
        'LOG_LEVEL',
        'ADMIN_SLACK_USER_IDS',
      ]),
    );
  });

  it('never echoes a secret value in its message', () => {
    const secret = 'xoxp-user-token-that-must-not-leak';
    let message = '';
    try {
      loadConfig({ ...valid, SLACK_BOT_TOKEN: secret, SLACK_APP_TOKEN: 'not-an-app-token-secret' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('SLACK_BOT_TOKEN');
    expect(message).not.toContain(secret);
    expect(message).not.toContain('not-an-app-token-secret');
  });

  it('parses comma-separated Slack user ids and trims blanks', () => {
    const config = loadConfig({
      ...valid,
      ADMIN_SLACK_USER_IDS: ' U0ALICE001 , ,U0BOB00001',
      APPROVER_SLACK_USER_IDS: '',
    });
    expect(config.policy.adminSlackIds).toEqual(['U0ALICE001', 'U0BOB00001']);
    expect(config.policy.approverSlackIds).toEqual([]);
  });

  it('accepts true/false style booleans and rejects others', () => {
    expect(loadConfig({ ...valid, TRUST_DOCSPACE_ADMINS: 'false', REQUIRE_REASON: 'yes' }).policy).toMatchObject({
      trustDocSpaceAdmins: false,
      requireReason: true,
    });
    expect(problemsOf({ ...valid, REQUIRE_REASON: 'maybe' })).toEqual([expect.stringMatching(/^REQUIRE_REASON:/)]);
  });

  it('refuses an approval channel that is not a channel id', () => {
    expect(problemsOf({ ...valid, APPROVAL_CHANNEL_ID: '#approvals' })).toEqual([
      expect.stringMatching(/^APPROVAL_CHANNEL_ID:/),
    ]);
  });

  it('lists the secrets for log scrubbing', () => {
    expect(secretsOf(loadConfig(valid))).toEqual([
      'xoxb-111-222-secretbottoken',
      'signing-secret-value',
      'sk-0123456789abcdef',
    ]);
  });
});

describe('normalizeDocSpaceUrl', () => {
  it.each([
    ['acme.onlyoffice.com', 'https://acme.onlyoffice.com'],
    ['https://acme.onlyoffice.com/', 'https://acme.onlyoffice.com'],
    ['https://acme.onlyoffice.com/api/2.0/', 'https://acme.onlyoffice.com'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['  HTTPS://Acme.OnlyOffice.com  ', 'https://acme.onlyoffice.com'],
  ])('normalises %s to %s', (input, expected) => {
    expect(normalizeDocSpaceUrl(input)).toBe(expected);
  });

  it.each([
    'ftp://acme.com',
    'https://acme.com/some/path',
    'https://user:pw@acme.com',
    'https://acme.com/?x=1',
    'http://',
  ])('rejects %s', (input) => {
    expect(normalizeDocSpaceUrl(input)).toBeNull();
  });
});

describe('DATABASE_URL', () => {
  it.each(['sqlite:./data/x.sqlite', 'sqlite::memory:', 'postgres://u@h/db', 'postgresql://u:p@h:5432/db'])(
    'accepts %s',
    (url) => {
      expect(loadConfig({ ...valid, DATABASE_URL: url }).databaseUrl).toBe(url);
    },
  );

  it('rejects other schemes without echoing the value', () => {
    const problems = problemsOf({ ...valid, DATABASE_URL: 'mysql://root:hunter2@h/db' });
    expect(problems).toEqual([expect.stringMatching(/^DATABASE_URL:/)]);
    expect(problems.join()).not.toContain('hunter2');
  });
});
