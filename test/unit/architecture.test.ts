import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const src = join(root, 'src');

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

/** A relative import as a path from the repository root, e.g. `src/domain/model/ids.ts`. */
function target(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return relative(root, resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
}

/** `src/<layer>/…` -> layer name; top-level files (config, container, main, logger, …) -> null. */
function layerOf(path: string): string | null {
  const parts = path.split('/');
  return parts[0] === 'src' && parts.length > 2 ? (parts[1] ?? null) : null;
}

const LAYERS = ['domain', 'slack', 'docspace', 'storage'] as const;
const SDKS = ['@slack/', 'undici', 'pg', 'better-sqlite3', 'pino'];
const isSdk = (spec: string) =>
  SDKS.some((sdk) => spec === sdk || spec.startsWith(sdk.endsWith('/') ? sdk : `${sdk}/`));

/** Which layers each layer may import (always through the other layer's index.ts). */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  domain: [],
  slack: ['domain'],
  docspace: ['domain'],
  storage: ['domain'],
  cli: ['domain', 'docspace', 'storage', 'slack'],
  observability: ['domain'],
};

describe('architecture: one-way layers', () => {
  it('keeps src/domain free of SDKs and of every file outside src/domain', () => {
    const offenders = filesUnder(join(src, 'domain')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => isSdk(spec) || (target(file, spec)?.startsWith('src/domain/') ?? true) === false)
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('lets each layer import only the layers below it, and only through their index.ts', () => {
    const offenders = filesUnder(src).flatMap((file) => {
      const from = layerOf(relative(root, file));
      return importsOf(file).flatMap((spec) => {
        const to = target(file, spec);
        const toLayer = to ? layerOf(to) : null;
        if (!to || !toLayer || toLayer === from || !(LAYERS as readonly string[]).includes(toLayer)) return [];
        const allowed = from === null || (MAY_IMPORT[from] ?? []).includes(toLayer);
        const viaIndex = to === `src/${toLayer}/index.ts`;
        return allowed && viaIndex ? [] : [`${relative(root, file)} imports ${spec}`];
      });
    });
    expect(offenders).toEqual([]);
  });

  it('never imports test code from src', () => {
    const offenders = filesUnder(src).flatMap((file) =>
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

  it('keeps prom-client in src/observability, so the layers report through hooks and never name a metric', () => {
    const misplaced = filesUnder(src).flatMap((file) => {
      const rel = relative(root, file);
      return importsOf(file)
        .filter((spec) => spec === 'prom-client' && !rel.startsWith('src/observability/'))
        .map((spec) => `${rel} imports ${spec}`);
    });
    expect(misplaced).toEqual([]);
  });

  it('lets only the HTTP adapters use undici and only storage use the database drivers', () => {
    const misplaced = filesUnder(src).flatMap((file) => {
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
