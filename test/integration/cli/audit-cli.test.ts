import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditAction } from '../../../src/domain/model/audit.js';
import { createStorage } from '../../../src/storage/index.js';
import { makeAuditEntry } from '../storage/builders.js';
import { createTestLogger, tempDirForTest } from '../storage/factories.js';
import { runTool } from './cli-process.js';

/** A store the bot wrote, with one audit entry per action given; returns its DATABASE_URL. */
async function auditedStore(dir: string, ...actions: AuditAction[]): Promise<string> {
  const databaseUrl = `sqlite:${join(dir, 'audit.sqlite')}`;
  const storage = await createStorage({ databaseUrl, logger: createTestLogger() });
  for (const action of actions) await storage.audit.append(makeAuditEntry({ action }));
  await storage.close();
  return databaseUrl;
}

const actionsIn = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .map((l) => (JSON.parse(l) as { action: string }).action);

describe('audit CLI as a process (dist/cli/audit.js)', () => {
  it('exports the store DATABASE_URL names to stdout, one JSON line per entry, and nothing else', async () => {
    const dir = await tempDirForTest();
    const databaseUrl = await auditedStore(dir, 'create', 'delete');
    const result = await runTool('audit', ['export'], { env: { DATABASE_URL: databaseUrl }, cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(actionsIn(result.stdout)).toEqual(['create', 'delete']);
  });

  it('reads DATABASE_URL from ./.env like the bot, and a variable set in the environment wins over it', async () => {
    const dir = await tempDirForTest();
    const fromFile = await auditedStore(await tempDirForTest(), 'create');
    const fromEnv = await auditedStore(await tempDirForTest(), 'rename');
    await writeFile(join(dir, '.env'), `# as in .env.example\nDATABASE_URL=${fromFile}\nLOG_LEVEL=info\n`);
    const viaFile = await runTool('audit', ['export'], { env: {}, cwd: dir });
    expect(viaFile).toMatchObject({ status: 0, stderr: '' });
    expect(actionsIn(viaFile.stdout)).toEqual(['create']);
    const viaEnv = await runTool('audit', ['export'], { env: { DATABASE_URL: fromEnv }, cwd: dir });
    expect(actionsIn(viaEnv.stdout)).toEqual(['rename']);
  });

  it('exits 1 saying there is no database when the default one is missing, and creates nothing', async () => {
    const cwd = await tempDirForTest();
    const result = await runTool('audit', ['export'], { env: {}, cwd });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`There is no database at ${join(cwd, 'data', 'docspace-bot.sqlite')}`);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('exits 2 with usage on stderr for an unknown command, without creating a store', async () => {
    const cwd = await tempDirForTest();
    const result = await runTool('audit', ['wipe'], { env: {}, cwd });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage:');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('exits 1 with the storage error on stderr when the store cannot be opened', async () => {
    const dir = await tempDirForTest();
    const result = await runTool('audit', ['export'], { env: { DATABASE_URL: `sqlite:${dir}` }, cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('is a directory');
  });
});
