/**
 * The built runtime as a process, the way the container starts it: `node dist/main.js` in the runtime folder, with an
 * environment made here (nothing inherited but PATH: no .env, no DATABASE_URL from the shell). Used by the runtime
 * check (pruned-runtime.test.ts).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const TAIL = 4000;

export interface BotProcess {
  readonly pid: number;
  /** The port the bot announced in its "ready" log line. */
  readonly port: number;
  readonly baseUrl: string;
  /** Every line the bot wrote to stdout (pino JSON) and stderr, for failure messages. */
  output(): string;
  /** Sends SIGTERM and resolves with the exit code (null when a signal ended it). */
  terminate(): Promise<number | null>;
  /** SIGKILL if still running: a cleanup for failed tests. */
  kill(): void;
}

interface LogLine {
  readonly msg?: string;
  readonly port?: number;
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Starts `node dist/main.js` in `runtimeDir`; resolves on the bot's own "ready" log line, which names its port. */
export function startBot(runtimeDir: string, env: Record<string, string>): Promise<BotProcess> {
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: runtimeDir,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (line: string) => {
    output = `${output}${line}\n`.slice(-TAIL);
  };
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => keep(chunk.trimEnd()));
  const lines = createInterface({ input: child.stdout });
  return new Promise((resolve, reject) => {
    // 'close', not 'exit': by then stderr has been read to its end, so the message shows why it stopped.
    const onExit = (code: number | null) =>
      reject(new Error(`the bot exited (code ${code}) before it was ready:\n${output}`));
    child.once('close', onExit);
    child.once('error', reject);
    lines.on('line', (line) => {
      keep(line);
      const parsed = parseLine(line);
      if (parsed?.msg !== 'docspace-group-bot is ready' || typeof parsed.port !== 'number') return;
      child.off('close', onExit);
      const port = parsed.port;
      resolve({
        pid: child.pid ?? 0,
        port,
        baseUrl: `http://127.0.0.1:${port}`,
        output: () => output,
        async terminate() {
          child.kill('SIGTERM');
          return exitOf(child);
        },
        kill() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        },
      });
    });
  });
}

function parseLine(line: string): LogLine | null {
  try {
    return JSON.parse(line) as LogLine;
  } catch {
    return null;
  }
}

/** Runs scripts/build-runtime.sh <source> <out>; on failure the error carries the end of its output. */
export function buildRuntime(script: string, source: string, out: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('bash', [script, source, out], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve();
      const tail = `${stdout}\n${stderr}`.slice(-TAIL);
      reject(new Error(`${script} failed (${error.message.split('\n')[0]}):\n${tail}`));
    });
  });
}
