import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Integration global setup: what `npm run build` does, compiling src/ to dist/ (incremental `tsc -b`; well under a second
 * when nothing changed) and bundling dist/main.js (scripts/bundle-main.mjs), so the tests that run the shipped programs (`npm start`, the CLIs) run the current code, and
 * never build it from several test files at once.
 */
export default async function buildDist(): Promise<void> {
  const tsc = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
  try {
    await promisify(execFile)(process.execPath, [tsc, '-b', 'tsconfig.build.json'], { cwd: REPO_ROOT });
    await promisify(execFile)(process.execPath, ['scripts/bundle-main.mjs'], { cwd: REPO_ROOT });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `npm run build failed; the tests of the compiled programs cannot run:\n${stdout ?? ''}${stderr ?? ''}`,
    );
  }
}
