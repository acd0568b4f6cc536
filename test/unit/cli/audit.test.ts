import { describe, expect, it } from 'vitest';
import { runAuditCli } from '../../../src/cli/audit.js';
import type { NewAuditEntry } from '../../../src/domain/model/audit.js';
import { createMemoryStorage } from '../../helpers/memory-storage.js';
import { makeAuditEntry } from '../../integration/storage/builders.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, deps: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) } };
}

async function storageWith(entries: readonly NewAuditEntry[]) {
  const storage = createMemoryStorage();
  for (const entry of entries) await storage.audit.append(entry);
  return storage;
}

describe('audit CLI', () => {
  it('exports every entry as one JSON line, oldest first, with ISO dates', async () => {
    const storage = await storageWith([
      makeAuditEntry({ action: 'create' }),
      makeAuditEntry({ action: 'rename', before: undefined }),
    ]);
    const io = capture();
    expect(await runAuditCli(['export'], { storage, ...io.deps })).toBe(0);
    expect(io.err).toEqual([]);
    const lines = io.out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l['id'], l['action']])).toEqual([
      [1, 'create'],
      [2, 'rename'],
    ]);
    expect(lines[0]?.['at']).toBe('2026-03-02T09:15:30.123Z');
    expect(lines[0]?.['after']).toEqual(makeAuditEntry().after);
  });

  it('pages through more entries than one page holds without losing or repeating any', async () => {
    const storage = await storageWith(Array.from({ length: 1203 }, (_, i) => makeAuditEntry({ detail: `#${i}` })));
    const io = capture();
    await runAuditCli(['export'], { storage, ...io.deps });
    const ids = io.out.map((l) => (JSON.parse(l) as { id: number }).id);
    expect(ids).toEqual(Array.from({ length: 1203 }, (_, i) => i + 1));
  });

  it('exports nothing and succeeds when the log is empty', async () => {
    const io = capture();
    expect(await runAuditCli(['export'], { storage: createMemoryStorage(), ...io.deps })).toBe(0);
    expect(io.out).toEqual([]);
  });

  it('answers an unknown command with usage on stderr and exit code 2', async () => {
    const io = capture();
    expect(await runAuditCli(['purge'], { storage: createMemoryStorage(), ...io.deps })).toBe(2);
    expect(io.out).toEqual([]);
    expect(io.err.join('\n')).toContain('Unknown command: purge');
    expect(io.err.join('\n')).toContain('Usage: npm run -s audit -- <command>');
  });

  it('answers a missing command with usage on stderr and exit code 2', async () => {
    const io = capture();
    expect(await runAuditCli([], { storage: createMemoryStorage(), ...io.deps })).toBe(2);
    expect(io.err.join('\n')).toContain('Missing command.');
  });

  it('prints usage on stdout for help and exits 0', async () => {
    const io = capture();
    expect(await runAuditCli(['help'], { storage: createMemoryStorage(), ...io.deps })).toBe(0);
    expect(io.out.join('\n')).toContain('export');
  });

  it('reports a storage failure on stderr and exits 1', async () => {
    const storage = createMemoryStorage();
    await storage.close();
    const io = capture();
    expect(await runAuditCli(['export'], { storage, ...io.deps })).toBe(1);
    expect(io.err.join('\n')).toContain('Audit export failed');
  });
});
