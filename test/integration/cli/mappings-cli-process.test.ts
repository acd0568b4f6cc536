import { spawn } from 'node:child_process';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startFakeDocSpace } from '../../fakes/docspace-server.js';
import { PEOPLE, TEAM_ID } from '../../fixtures/people.js';
import { csv, tempDir } from './mappings-cli-kit.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const { alice, gus } = PEOPLE;

interface ProcessRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `src/cli/mappings.ts` as `npm run mappings` would, with only the given variables set. */
function runCli(args: string[], env: Record<string, string>): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const base = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/mappings.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...base, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function fakeDocSpaceEnv() {
  const docspace = await startFakeDocSpace();
  onTestFinished(() => docspace.close());
  return { DOCSPACE_URL: docspace.url, DOCSPACE_API_KEY: docspace.apiKey, DOCSPACE_MAX_RETRIES: '0' };
}

describe('mappings CLI as a process', () => {
  it('imports a file for SLACK_TEAM_ID, prints the report on stdout and exits 1 when a row was skipped', async () => {
    const dir = await tempDir();
    const file = join(dir, 'in.csv');
    await writeFile(file, csv(`${alice.slack.id},${alice.email}`, `${gus.slack.id},${gus.email}`));
    const env = {
      ...(await fakeDocSpaceEnv()),
      DATABASE_URL: `sqlite:${join(dir, 'bot.sqlite')}`,
      SLACK_TEAM_ID: TEAM_ID,
    };
    const run = await runCli(['import', file], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split('  ')[0])).toEqual(['linked', 'skipped', '1 linked, 0 unchanged, 1 skipped']);
  });

  it('exports the same store without any DocSpace or Slack variables', async () => {
    const dir = await tempDir();
    const file = join(dir, 'in.csv');
    await writeFile(file, csv(`${alice.slack.id},${alice.email}`));
    const databaseUrl = `sqlite:${join(dir, 'bot.sqlite')}`;
    const imported = await runCli(['import', file, '--team', TEAM_ID], {
      ...(await fakeDocSpaceEnv()),
      DATABASE_URL: databaseUrl,
    });
    expect(imported.status).toBe(0);
    const exported = await runCli(['export'], { DATABASE_URL: databaseUrl });
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    const lines = exported.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('slack_user_id,docspace_user_id,docspace_email,source,verified_at');
    expect(lines[1]).toMatch(new RegExp(`^${alice.slack.id},${alice.docspace.id},${alice.email},manual,\\d{4}-`));
  });

  it('exits 2 naming the missing variables when importing without DocSpace settings, and creates no store', async () => {
    const dir = await tempDir();
    const file = join(dir, 'in.csv');
    await writeFile(file, csv(`${alice.slack.id},${alice.email}`));
    const run = await runCli(['import', file], {
      DATABASE_URL: `sqlite:${join(dir, 'never', 'bot.sqlite')}`,
      SLACK_TEAM_ID: TEAM_ID,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('DOCSPACE_URL: is required to import mappings');
    expect(run.stderr).toContain('DOCSPACE_API_KEY: is required to import mappings');
    await expect(stat(join(dir, 'never'))).rejects.toThrow(/ENOENT/);
  });
});
