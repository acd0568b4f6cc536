import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const STORAGE_INDEX = fileURLToPath(new URL('../../../src/storage/index.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NOBODY = 65534;

const SCRIPT = `
import { createStorage } from ${JSON.stringify(STORAGE_INDEX)};
const logger = { info() {}, warn() {}, error() {}, debug() {} };
try {
  const storage = await createStorage({ databaseUrl: process.argv[1], logger });
  await storage.close();
  process.stdout.write(JSON.stringify({ opened: true }));
} catch (e) {
  process.stdout.write(JSON.stringify({ opened: false, code: e.code, message: e.message }));
}`;

export type ChildOpenResult = { opened: true } | { opened: false; code: string; message: string };

/**
 * Calls createStorage in a child process; as root it runs as the unprivileged user nobody, because root ignores file
 * permissions and a permission test would otherwise prove nothing.
 */
export function createStorageInChild(databaseUrl: string): Promise<ChildOpenResult> {
  const asNobody = process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {};
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT, databaseUrl], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...asNobody,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (status) => {
      if (status !== 0) reject(new Error(`child exited ${status}: ${err.slice(0, 2000)}`));
      else resolve(JSON.parse(out) as ChildOpenResult);
    });
  });
}
