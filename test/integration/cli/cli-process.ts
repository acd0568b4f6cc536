import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Runs the shipped command-line tools as separate processes: the compiled dist/cli files (built by global setup). */

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ProcessRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment a run starts from: enough to find node and npm, nothing of the caller's settings. */
function bareEnv(): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' };
}

function collect(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
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

/**
 * `node dist/cli/<tool>.js <args>` with only `env` set (plus PATH and HOME), in `cwd`: the tools read `./.env`, so
 * tests run them in a temp folder of their own unless they test the repository's.
 */
export function runTool(
  tool: 'mappings' | 'audit' | 'backup' | 'reviews',
  args: readonly string[],
  options: { readonly env: Record<string, string>; readonly cwd: string },
): Promise<ProcessRun> {
  const program = fileURLToPath(new URL(`dist/cli/${tool}.js`, `file://${REPO_ROOT}`));
  return collect(process.execPath, [program, ...args], options.cwd, { ...bareEnv(), ...options.env });
}

/** A command line run by sh in the repository, as an operator types it (e.g. the README's `npm run -s …`). */
export function runShell(line: string, env: Record<string, string>): Promise<ProcessRun> {
  return collect('sh', ['-c', line], REPO_ROOT, { ...bareEnv(), ...env });
}
