import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createStorage } from '../../../src/storage/index.js';
import { startFakeDocSpace } from '../../fakes/docspace-server.js';
import { PEOPLE, TEAM_ID } from '../../fixtures/people.js';
import { createTestLogger } from '../storage/factories.js';
import { runTool } from './cli-process.js';
import { csv, tempDir } from './mappings-cli-kit.js';

const { alice, gus } = PEOPLE;

async function fakeDocSpaceEnv() {
  const docspace = await startFakeDocSpace();
  onTestFinished(() => docspace.close());
  return { DOCSPACE_URL: docspace.url, DOCSPACE_API_KEY: docspace.apiKey, DOCSPACE_MAX_RETRIES: '0' };
}

/** A database as the bot leaves it after its first start (migrated, empty); returns its DATABASE_URL. */
async function botDatabase(dir: string): Promise<string> {
  const databaseUrl = `sqlite:${join(dir, 'bot.sqlite')}`;
  const storage = await createStorage({ databaseUrl, logger: createTestLogger() });
  await storage.close();
  return databaseUrl;
}

describe('mappings CLI as a process (dist/cli/mappings.js)', () => {
  it('imports a file for SLACK_TEAM_ID, prints the report on stdout and exits 1 when a row was skipped', async () => {
    const dir = await tempDir();
    const file = join(dir, 'in.csv');
    await writeFile(file, csv(`${alice.slack.id},${alice.email}`, `${gus.slack.id},${gus.email}`));
    const env = { ...(await fakeDocSpaceEnv()), DATABASE_URL: await botDatabase(dir), SLACK_TEAM_ID: TEAM_ID };
    const run = await runTool('mappings', ['import', file], { env, cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split('  ')[0])).toEqual(['linked', 'skipped', '1 linked, 0 unchanged, 1 skipped']);
  });

  it('exports the same store without any DocSpace or Slack variables', async () => {
    const dir = await tempDir();
    const file = join(dir, 'in.csv');
    await writeFile(file, csv(`${alice.slack.id},${alice.email}`));
    const databaseUrl = await botDatabase(dir);
    const imported = await runTool('mappings', ['import', file, '--team', TEAM_ID], {
      env: { ...(await fakeDocSpaceEnv()), DATABASE_URL: databaseUrl },
      cwd: dir,
    });
    expect(imported.status).toBe(0);
    const exported = await runTool('mappings', ['export'], { env: { DATABASE_URL: databaseUrl }, cwd: dir });
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
    const run = await runTool('mappings', ['import', file], {
      env: { DATABASE_URL: `sqlite:${join(dir, 'never', 'bot.sqlite')}`, SLACK_TEAM_ID: TEAM_ID },
      cwd: dir,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('DOCSPACE_URL: is required to import mappings');
    expect(run.stderr).toContain('DOCSPACE_API_KEY: is required to import mappings');
    await expect(stat(join(dir, 'never'))).rejects.toThrow(/ENOENT/);
  });

  it('exits 1 saying there is no database, for export and import alike, and creates none', async () => {
    const dir = await tempDir();
    const file = join(dir, 'in.csv');
    await writeFile(file, csv(`${alice.slack.id},${alice.email}`));
    const missing = join(dir, 'typo', 'bot.sqlite');
    const env = { ...(await fakeDocSpaceEnv()), DATABASE_URL: `sqlite:${missing}`, SLACK_TEAM_ID: TEAM_ID };
    for (const args of [['export'], ['import', file]]) {
      const run = await runTool('mappings', args, { env, cwd: dir });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`There is no database at ${missing}`);
    }
    expect((await readdir(dir)).sort()).toEqual(['in.csv']);
  });
});
