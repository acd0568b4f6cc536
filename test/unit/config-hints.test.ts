import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, type LoadConfigOptions, loadConfig } from '../../src/config.js';
import { commentedOutInEnvFile, ENV_EXAMPLE_PLACEHOLDERS } from '../../src/config-hints.js';
import type { StartupProblem } from '../../src/startup-problems.js';

const valid = {
  SLACK_BOT_TOKEN: 'xoxb-111-222-secretbottoken',
  SLACK_SIGNING_SECRET: 'signing-secret-value',
  DOCSPACE_URL: 'https://acme.onlyoffice.com',
  DOCSPACE_API_KEY: 'sk-0123456789abcdef',
};

function problemsOf(env: Record<string, string | undefined>, options?: LoadConfigOptions): StartupProblem[] {
  try {
    loadConfig(env, options);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

const messageFor = (env: Record<string, string | undefined>, variable: string, options?: LoadConfigOptions) =>
  problemsOf(env, options).find((p) => p.variable === variable)?.message ?? '(no problem)';

const envExample = parseEnv(readFileSync(new URL('../../.env.example', import.meta.url), 'utf8'));

describe('.env.example placeholders', () => {
  it('refuses an unedited copy of .env.example, naming every placeholder variable and what to put there', () => {
    const problems = problemsOf(envExample);
    expect(problems.map((p) => p.variable).sort()).toEqual(Object.keys(ENV_EXAMPLE_PLACEHOLDERS).sort());
    for (const p of problems) expect(p.message).toMatch(/^is still the \.env\.example placeholder ".+"; \S/);
  });

  it('knows every placeholder of .env.example: each of its values is a listed placeholder or the default', () => {
    const defaults = loadConfig(valid);
    const unexplained = Object.entries(envExample).filter(([name, value]) => {
      if (!value || name in ENV_EXAMPLE_PLACEHOLDERS || name === 'SLACK_TEAM_ID') return false;
      return JSON.stringify(loadConfig({ ...valid, [name]: value })) !== JSON.stringify(defaults);
    });
    expect(unexplained).toEqual([]);
    for (const [name, { value }] of Object.entries(ENV_EXAMPLE_PLACEHOLDERS)) expect(envExample[name]).toBe(value);
  });

  it('refuses a placeholder left in a list, and the portal placeholder however it is written', () => {
    const env = {
      ...valid,
      ADMIN_SLACK_USER_IDS: 'U0ALICE001, U0123ADMIN',
      DOCSPACE_URL: 'YourPortal.onlyoffice.com/',
    };
    expect(problemsOf(env).map((p) => p.variable)).toEqual(['DOCSPACE_URL', 'ADMIN_SLACK_USER_IDS']);
  });

  it('lets the signing secret keep its placeholder in Socket Mode, where it is never used', () => {
    const env = { ...valid, SLACK_APP_TOKEN: 'xapp-1-abc', SLACK_SIGNING_SECRET: 'your-signing-secret' };
    expect(problemsOf(env)).toEqual([]);
  });
});

describe('DOCSPACE_URL mistakes, told apart', () => {
  it.each([
    ['ftp://acme.onlyoffice.com', /^must start with https:\/\/ \(or http:\/\/ .*\), not ftp:\/\//],
    ['htps://acme.onlyoffice.com', /^must start with https:\/\/.*not htps:\/\//],
    ['https://bot:hunter2@acme.onlyoffice.com', /user name or password.*Use https:\/\/acme\.onlyoffice\.com$/],
    ['https://acme.onlyoffice.com/rooms/shared', /root address.*Use https:\/\/acme\.onlyoffice\.com$/],
    ['acme.onlyoffice.com/Products/Files/', /root address.*Use https:\/\/acme\.onlyoffice\.com$/],
    ['https://acme.onlyoffice.com/?tab=1', /root address.*no path, query or #fragment/],
    ['https://acme onlyoffice com', /^is not a web address/],
    ['http://', /^is not a web address/],
  ])('explains %s', (url, expected) => {
    expect(messageFor({ ...valid, DOCSPACE_URL: url }, 'DOCSPACE_URL')).toMatch(expected);
  });

  it('never repeats credentials found in the address', () => {
    const problems = problemsOf({ ...valid, DOCSPACE_URL: 'https://bot:hunter2@acme.onlyoffice.com' });
    expect(JSON.stringify(problems)).not.toMatch(/hunter2|bot:/);
  });

  it('still accepts a pasted /api/2.0 and normalises it', () => {
    expect(loadConfig({ ...valid, DOCSPACE_URL: 'acme.onlyoffice.com/api/2.0/' }).docspace.url).toBe(
      'https://acme.onlyoffice.com',
    );
  });
});

describe('APPROVAL_CHANNEL_ID', () => {
  it.each(['#approvals', 'approvals', 'group-approvals'])('explains that %s is a name and how to find the id', (v) => {
    const message = messageFor({ ...valid, APPROVAL_CHANNEL_ID: v }, 'APPROVAL_CHANNEL_ID');
    expect(message).toMatch(/^is a channel name; the bot needs the channel's id \(C… or G…\)/);
    expect(message).toContain('Copy link');
  });

  it('says what an id looks like for anything else', () => {
    expect(messageFor({ ...valid, APPROVAL_CHANNEL_ID: 'X0123' }, 'APPROVAL_CHANNEL_ID')).toMatch(
      /^must be a Slack channel id \(C… or G…\)\. To find the id/,
    );
  });
});

describe('values a .env comment swallowed', () => {
  const envFileText = [
    '# comment',
    'APPROVAL_CHANNEL_ID=#approvals',
    'SLACK_SIGNING_SECRET= #s3cret',
    'PORT=3000',
  ].join('\n');

  it('finds the names whose value starts with "#", and nothing else', () => {
    expect(commentedOutInEnvFile(envFileText)).toEqual(['APPROVAL_CHANNEL_ID', 'SLACK_SIGNING_SECRET']);
  });

  it('explains them by name (with the channel-id how-to) instead of "is required" or silence', () => {
    const env = { ...valid, APPROVAL_CHANNEL_ID: '', SLACK_SIGNING_SECRET: '' };
    const problems = problemsOf(env, { envFileText });
    expect(problems.map((p) => p.variable)).toEqual(['APPROVAL_CHANNEL_ID', 'SLACK_SIGNING_SECRET']);
    expect(problems[0]?.message).toMatch(/starts with "#".*comment.*not its #name\. To find the id/);
    expect(problems[1]?.message).toMatch(/starts with "#".*put it in double quotes/);
    expect(JSON.stringify(problems)).not.toMatch(/approvals|s3cret/);
  });

  it('says nothing when the variable got a value anyway (the real environment wins over .env)', () => {
    expect(problemsOf({ ...valid, APPROVAL_CHANNEL_ID: 'C0APPROVE1' }, { envFileText })).toEqual([]);
  });
});
