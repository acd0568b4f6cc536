import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createStorage } from '../../../src/storage/index.js';
import { makeAuditEntry } from '../storage/builders.js';
import { createTestLogger, tempDirForTest } from '../storage/factories.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function runCli(
  args: string[],
  databaseUrl: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, DATABASE_URL: databaseUrl };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/audit.ts', ...args], { cwd: REPO_ROOT, env });
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

describe('audit CLI as a process', () => {
  it('exports the store DATABASE_URL names to stdout, one JSON line per entry, and nothing else', async () => {
    const dir = await tempDirForTest();
    const databaseUrl = `sqlite:${join(dir, 'audit.sqlite')}`;
    const storage = await createStorage({ databaseUrl, logger: createTestLogger() });
    await storage.audit.append(makeAuditEntry({ action: 'create' }));
    await storage.audit.append(makeAuditEntry({ action: 'delete' }));
    await storage.close();
    const result = await runCli(['export'], databaseUrl);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { action: string }).action)).toEqual(['create', 'delete']);
  });

  it('exits 2 with usage on stderr for an unknown command, without creating a store', async () => {
    const dir = await tempDirForTest();
    const result = await runCli(['wipe'], `sqlite:${join(dir, 'never', 'created.sqlite')}`);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage:');
    await expect(stat(join(dir, 'never'))).rejects.toThrow(/ENOENT/);
  });

  it('exits 1 with the storage error on stderr when the store cannot be opened', async () => {
    const dir = await tempDirForTest();
    const result = await runCli(['export'], `sqlite:${dir}`);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('is a directory');
  });
});
