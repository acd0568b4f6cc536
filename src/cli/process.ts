import { existsSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// What the command-line tools share as Unix programs: where they read settings, where text goes, when they run.

/** Reads ./.env like the bot does; a variable already set in the environment wins over the file. */
export function loadDotEnv(): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
}

/** stdout carries only data (CSV, JSON lines, a report); everything said to a person goes to stderr. */
export const stdoutLine = (line: string): void => void process.stdout.write(`${line}\n`);
export const stderrLine = (line: string): void => void process.stderr.write(`${line}\n`);

/**
 * True when the module at `moduleUrl` is the program node was started with, also through a symlink such as the
 * package's `bin` entry in node_modules/.bin (node resolves the module's real path; argv[1] keeps the link's).
 */
export function isEntryPoint(moduleUrl: string): boolean {
  const invoked = process.argv[1];
  if (invoked === undefined) return false;
  try {
    return realpathSync(invoked) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
