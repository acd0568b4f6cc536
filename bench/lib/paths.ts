/**
 * Where the bench finds things. The bench runs as compiled JavaScript (bench/.build, from bench/tsconfig.json) and
 * the app under test is the production build (dist/main.js from `npm run build`), so no TypeScript loader sits in any
 * measured process. The repo root is the nearest folder with a package.json, from the source or the build alike.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}

export const REPO_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** The compiled bench (bench/tsconfig.json outDir); it mirrors the repo's folders. */
const BUILD_DIR = join(REPO_ROOT, 'bench', '.build');

/** A compiled bench script, e.g. `bench/bare-server`. */
export function built(script: string): string {
  return join(BUILD_DIR, `${script}.js`);
}

/**
 * The app under test: `node dist/main.js`, as production runs it. BENCH_APP_MAIN points at another build (e.g. the
 * dist/main.js of an older checkout, to measure before and after with the same harness).
 */
export function appMain(): string {
  const chosen = process.env['BENCH_APP_MAIN'];
  return chosen ? resolve(chosen) : join(REPO_ROOT, 'dist', 'main.js');
}
