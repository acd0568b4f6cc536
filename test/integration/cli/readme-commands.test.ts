import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/cli/csv.js';
import { EXPORT_COLUMNS } from '../../../src/cli/mappings.js';
import { createStorage } from '../../../src/storage/index.js';
import { makeAuditEntry, makeMapping } from '../storage/builders.js';
import { createTestLogger, tempDirForTest } from '../storage/factories.js';
import { REPO_ROOT, runShell } from './cli-process.js';

/**
 * The export command lines exactly as the README shows them, run by sh through npm in the repository: the files they
 * write must hold only data (no npm banner, no log line). Only the output file is moved to a temp folder.
 */
async function readmeLine(start: string): Promise<string> {
  const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
  const line = readme.split('\n').find((l) => l.startsWith(start));
  if (line === undefined) throw new Error(`the README has no command line starting with "${start}"`);
  return line.replace(/\s+#.*$/, '');
}

function redirectInto(dir: string, line: string): { line: string; output: string } {
  const match = /^(.*\s>\s*)(\S+)$/.exec(line);
  if (!match) throw new Error(`"${line}" does not write to a file`);
  const output = join(dir, match[2] as string);
  return { line: `${match[1]}${output}`, output };
}

async function seededStore(dir: string): Promise<string> {
  const databaseUrl = `sqlite:${join(dir, 'bot.sqlite')}`;
  const storage = await createStorage({ databaseUrl, logger: createTestLogger() });
  await storage.mappings.save(makeMapping({ docspaceEmail: 'alice@example.com' }));
  await storage.audit.append(makeAuditEntry({ action: 'create' }));
  await storage.audit.append(makeAuditEntry({ action: 'delete' }));
  await storage.close();
  return databaseUrl;
}

// Settings a developer's ./.env could hold that would change what is exported are blanked (the environment wins).
const env = (databaseUrl: string) => ({ DATABASE_URL: databaseUrl, SLACK_TEAM_ID: '', LOG_LEVEL: '' });

describe("the README's export command lines", () => {
  it('npm run -s mappings -- export > mappings.csv writes a CSV file and nothing else', async () => {
    const dir = await tempDirForTest();
    const databaseUrl = await seededStore(dir);
    const { line, output } = redirectInto(dir, await readmeLine('npm run -s mappings -- export'));
    const run = await runShell(line, env(databaseUrl));
    expect(run).toMatchObject({ status: 0, stdout: '', stderr: '' });
    const parsed = parseCsv(await readFile(output, 'utf8'));
    if (!parsed.ok) throw new Error(`not CSV: ${parsed.error.message}`);
    expect(parsed.value[0]?.fields).toEqual([...EXPORT_COLUMNS]);
    expect(parsed.value.slice(1).map((row) => row.fields[2])).toEqual(['alice@example.com']);
  });

  it('npm run -s audit -- export > audit.jsonl writes one JSON object per line and nothing else', async () => {
    const dir = await tempDirForTest();
    const databaseUrl = await seededStore(dir);
    const { line, output } = redirectInto(dir, await readmeLine('npm run -s audit -- export'));
    const run = await runShell(line, env(databaseUrl));
    expect(run).toMatchObject({ status: 0, stdout: '', stderr: '' });
    const lines = (await readFile(output, 'utf8')).trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { action: string }).action)).toEqual(['create', 'delete']);
  });

  it('npm run -s reviews -- export > reviews.jsonl writes one JSON object per review and nothing else', async () => {
    const dir = await tempDirForTest();
    const databaseUrl = await seededStore(dir);
    const { line, output } = redirectInto(dir, await readmeLine('npm run -s reviews -- export'));
    const run = await runShell(line, env(databaseUrl));
    expect(run).toMatchObject({ status: 0, stdout: '', stderr: '' });
    // The seeded store holds no review: an empty file, no banner or log line.
    expect(await readFile(output, 'utf8')).toBe('');
  });
});
