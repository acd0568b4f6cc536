import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createStorage } from '../../../src/storage/index.js';
import { makeAuditEntry } from '../storage/builders.js';
import { createTestLogger, tempDirForTest } from '../storage/factories.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// By URL, so the CLIs can run in a folder of their own (where a .env is read) and still find the loader.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs src/cli/<script> as a process in `cwd`, with `env` over an environment that holds no DATABASE_URL. */
function runCli(script: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const child = spawn(process.execPath, ['--import', TSX, join(REPO_ROOT, 'src/cli', script), ...args], {
      cwd,
      env: { ...inherited, ...env },
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

async function storeWithEntries(databaseUrl: string) {
  const storage = await createStorage({ databaseUrl, logger: createTestLogger() });
  onTestFinished(() => storage.close());
  await storage.audit.append(makeAuditEntry({ at: new Date('2020-06-01T00:00:00Z'), action: 'create' }));
  await storage.audit.append(makeAuditEntry({ at: new Date('2024-06-01T00:00:00Z'), action: 'rename' }));
  return storage;
}

describe('backup CLI as a process', () => {
  it('backs up the store that .env names while it is open, and says where on stdout', async () => {
    const dir = await tempDirForTest();
    await storeWithEntries(`sqlite:${join(dir, 'bot.sqlite')}`);
    writeFileSync(join(dir, '.env'), 'DATABASE_URL=sqlite:./bot.sqlite\n');

    const result = await runCli('backup.ts', ['copy.sqlite'], dir);

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Backed up .*bot\.sqlite to .*copy\.sqlite \(\d+ pages\)\.\n$/);
    const copy = await createStorage({ databaseUrl: `sqlite:${join(dir, 'copy.sqlite')}`, logger: createTestLogger() });
    onTestFinished(() => copy.close());
    expect((await copy.audit.listAfter(0, 10)).map((e) => e.action)).toEqual(['create', 'rename']);
  });

  it('exits 1 with the reason on stderr when the store does not exist, and writes nothing', async () => {
    const dir = await tempDirForTest();
    const result = await runCli('backup.ts', ['copy.sqlite'], dir, { DATABASE_URL: 'sqlite:./nope.sqlite' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('does not exist');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('audit prune as a process', () => {
  it('removes the entries before the date and prints how many', async () => {
    const dir = await tempDirForTest();
    const databaseUrl = `sqlite:${join(dir, 'bot.sqlite')}`;
    const storage = await storeWithEntries(databaseUrl);

    const result = await runCli('audit.ts', ['prune', '--before', '2023-01-01'], dir, { DATABASE_URL: databaseUrl });

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('Removed 1 audit entry recorded before 2023-01-01T00:00:00.000Z.\n');
    expect((await storage.audit.listAfter(0, 10)).map((e) => e.action)).toEqual(['rename']);
  });

  it('exits 2 with the usage on stderr without --before, opening no store', async () => {
    const dir = await tempDirForTest();
    const result = await runCli('audit.ts', ['prune'], dir, { DATABASE_URL: 'sqlite:./never.sqlite' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('prune needs --before <date>.');
    expect(existsSync(join(dir, 'never.sqlite'))).toBe(false);
  });
});
