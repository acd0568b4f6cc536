import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [
    ...source.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] ?? m[2] ?? '');
}

const SDKS = ['@slack/', 'undici', 'pg', 'better-sqlite3', 'pino'];

describe('architecture: one-way layers', () => {
  it('keeps src/domain free of SDKs and adapter folders', () => {
    const offenders = filesUnder(join(root, 'src/domain')).flatMap((file) =>
      importsOf(file)
        .filter(
          (spec) =>
            SDKS.some((sdk) => spec === sdk || spec.startsWith(sdk.endsWith('/') ? sdk : `${sdk}/`)) ||
            /^\.\.\/(slack|docspace|storage|cli)\//.test(spec) ||
            /^\.\.\/(config|logger|container|main)\.js$/.test(spec),
        )
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('never imports test code from src', () => {
    const offenders = filesUnder(join(root, 'src')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.includes('/test/') || spec.startsWith('../../test') || spec.includes('fakes'))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps the doubles in test/fakes independent of src', () => {
    const offenders = filesUnder(join(root, 'test/fakes')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.includes('/src/'))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('lets only the HTTP adapters use undici and only storage use the database drivers', () => {
    const misplaced = filesUnder(join(root, 'src')).flatMap((file) => {
      const rel = relative(root, file);
      return importsOf(file)
        .filter(
          (spec) =>
            (spec === 'undici' && !rel.startsWith('src/docspace/') && !rel.startsWith('src/slack/adapters/')) ||
            ((spec === 'pg' || spec === 'better-sqlite3') && !rel.startsWith('src/storage/')),
        )
        .map((spec) => `${rel} imports ${spec}`);
    });
    expect(misplaced).toEqual([]);
  });
});
