import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createStorage } from '../../../src/storage/index.js';
import { makeAuditEntry } from '../storage/builders.js';
import { createTestLogger, tempDirForTest } from '../storage/factories.js';
import { runTool } from './cli-process.js';

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

    const result = await runTool('backup', ['copy.sqlite'], { cwd: dir, env: {} });

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Backed up .*bot\.sqlite to .*copy\.sqlite \(\d+ pages\)\.\n$/);
    const copy = await createStorage({ databaseUrl: `sqlite:${join(dir, 'copy.sqlite')}`, logger: createTestLogger() });
    onTestFinished(() => copy.close());
    expect((await copy.audit.listAfter(0, 10)).map((e) => e.action)).toEqual(['create', 'rename']);
  });

  it('exits 1 with the reason on stderr when the store does not exist, and writes nothing', async () => {
    const dir = await tempDirForTest();
    const result = await runTool('backup', ['copy.sqlite'], {
      cwd: dir,
      env: { DATABASE_URL: 'sqlite:./nope.sqlite' },
    });
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

    const result = await runTool('audit', ['prune', '--before', '2023-01-01'], {
      cwd: dir,
      env: { DATABASE_URL: databaseUrl },
    });

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('Removed 1 audit entry recorded before 2023-01-01T00:00:00.000Z.\n');
    expect((await storage.audit.listAfter(0, 10)).map((e) => e.action)).toEqual(['rename']);
  });

  it('exits 2 with the usage on stderr without --before, opening no store', async () => {
    const dir = await tempDirForTest();
    const result = await runTool('audit', ['prune'], { cwd: dir, env: { DATABASE_URL: 'sqlite:./never.sqlite' } });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('prune needs --before <date>.');
    expect(existsSync(join(dir, 'never.sqlite'))).toBe(false);
  });
});
