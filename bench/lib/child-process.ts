/**
 * The parent side of the bench's processes. The doubles child is a compiled bench script that announces itself over
 * IPC. A measured child (the real app, the bare Bolt app, the empty baseline) is started the way production starts
 * the app, `node <main.js>`, in a temp folder with a clean environment, plus `--expose-gc --import probe.js` (the
 * same in every measured child); it is ready when GET /healthz answers 200, and it is stopped with SIGTERM.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { waitHealthy } from './health.js';
import { built } from './paths.js';
import type { LogCounts } from './types.js';

export interface BenchChild<Ready> {
  readonly pid: number;
  /** What the child announced when it was ready (ports, URLs). */
  readonly ready: Ready;
  call<T>(type: string, args?: unknown): Promise<T>;
  stop(): Promise<void>;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

const READY_TIMEOUT_MS = 30_000;
/** Above the app's default SHUTDOWN_GRACE_MS (10 s): a stop that takes longer is killed. */
const STOP_TIMEOUT_MS = 15_000;
const STDERR_TAIL = 4000;

/** BENCH_NODE_FLAGS (e.g. "--max-semi-space-size=4") tries V8 tuning on the measured processes. */
function extraNodeFlags(): string[] {
  return (process.env['BENCH_NODE_FLAGS'] ?? '').split(' ').filter(Boolean);
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function tailOf(child: ChildProcess): () => string {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL);
  });
  return () => stderr;
}

/** Request/response over the IPC channel: each request carries an id the child echoes back. */
function createCaller(child: ChildProcess, name: string, stderr: () => string) {
  const pending = new Map<number, Pending>();
  child.on('message', (m: { id?: number; ok?: boolean; value?: unknown; error?: string }) => {
    const waiter = m.id === undefined ? undefined : pending.get(m.id);
    if (!waiter || m.id === undefined) return;
    pending.delete(m.id);
    if (m.ok) waiter.resolve(m.value);
    else waiter.reject(new Error(`${name}: ${m.error}`));
  });
  child.on('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`${name} exited (code ${code})\n${stderr()}`));
    pending.clear();
  });
  let nextId = 0;
  return <T>(type: string, args?: unknown) =>
    new Promise<T>((resolve, reject) => {
      if (!child.connected) {
        reject(new Error(`${name} is not running\n${stderr()}`));
        return;
      }
      const id = ++nextId;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, type, args });
    });
}

function waitForAnnouncement<Ready>(child: ChildProcess, name: string, stderr: () => string): Promise<Ready> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in time\n${stderr()}`)), READY_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${code} before it was ready\n${stderr()}`));
    });
    child.on('message', (message: { type?: string; value?: unknown; error?: string }) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message.value as Ready);
      } else if (message.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`${name} failed to start: ${message.error}\n${stderr()}`));
      }
    });
  });
}

/** SIGTERM (unless the child was already asked to stop), then SIGKILL if it is still there after STOP_TIMEOUT_MS. */
async function stopChild(child: ChildProcess, asked = false): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  if (!asked) child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  const code = await exited(child);
  clearTimeout(timer);
  return code;
}

/** Forks the compiled `bench/<script>.js`; resolves once the child has announced itself ready over IPC. */
export async function startChild<Ready>(script: string): Promise<BenchChild<Ready>> {
  const child = fork(built(`bench/${script}`), [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const stderr = tailOf(child);
  const call = createCaller(child, script, stderr);
  const ready = await waitForAnnouncement<Ready>(child, script, stderr).catch((error: unknown) => {
    child.kill();
    throw error;
  });
  return {
    pid: child.pid ?? 0,
    ready,
    call,
    async stop() {
      // The doubles close their servers on an IPC `stop`; a SIGTERM follows if they do not exit.
      const asked =
        child.connected &&
        (await call('stop').then(
          () => true,
          () => false,
        ));
      await stopChild(child, asked);
    },
  };
}

/** A port free right now on 127.0.0.1 (the child binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface MeasuredChild {
  readonly name: string;
  readonly pid: number;
  readonly port: number;
  readonly eventsUrl: string;
  /** Milliseconds from spawn() until GET /healthz first answered 200. */
  readonly startupMs: number;
  /** CPU time the process had used by then (all its threads), ms: less sensitive to a busy machine than startupMs. */
  readonly startupCpuMs: number;
  /** The private temp folder the process runs in (its cwd; the app's SQLite file goes there). */
  readonly dir: string;
  call<T>(type: string, args?: unknown): Promise<T>;
  /** Warning and error lines the process has written to stdout (pino JSON lines) so far. */
  logs(): LogCounts;
  /** SIGTERM, as a supervisor stops it; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface MeasuredSpec {
  readonly name: string;
  /** Absolute path of the script node runs. */
  readonly main: string;
  /** The whole environment (nothing is inherited but PATH), PORT excluded. */
  readonly env: (dir: string) => Record<string, string>;
}

function countLogLevels(path: string): LogCounts {
  const counts = { warn: 0, error: 0, lastError: null as string | null, lastWarn: null as string | null };
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return counts;
  }
  for (const line of text.split('\n')) {
    const level = Number(/"level":(\d+)/.exec(line)?.[1] ?? 0);
    if (level >= 50) {
      counts.error += 1;
      counts.lastError = line.slice(0, 500);
    } else if (level >= 40) {
      counts.warn += 1;
      counts.lastWarn = line.slice(0, 500);
    }
  }
  return counts;
}

/**
 * Spawns a measured process and times it to its first healthy answer. The port is picked free just before the
 * spawn; on a shared machine another process may take it first, so a start that fails with EADDRINUSE is retried.
 */
export async function spawnMeasured(spec: MeasuredSpec): Promise<MeasuredChild> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await spawnOnce(spec);
    } catch (error) {
      const portTaken = error instanceof Error && error.message.includes('EADDRINUSE');
      if (!portTaken || attempt >= 3) throw error;
    }
  }
}

async function spawnOnce(spec: MeasuredSpec): Promise<MeasuredChild> {
  const dir = mkdtempSync(join(tmpdir(), `dsg-bench-${spec.name}-`));
  const logPath = join(dir, 'stdout.log');
  const logFd = openSync(logPath, 'a');
  const port = await freePort();
  const env = { PATH: process.env['PATH'] ?? '', ...spec.env(dir), PORT: String(port) };
  const started = performance.now();
  const child = fork(spec.main, [], {
    cwd: dir,
    env,
    execArgv: ['--expose-gc', '--import', pathToFileURL(built('bench/probe')).href, ...extraNodeFlags()],
    stdio: ['ignore', logFd, 'pipe', 'ipc'],
  });
  closeSync(logFd);
  const stderr = tailOf(child);
  const name = spec.name;
  const call = createCaller(child, name, stderr);
  let exitError: Error | null = null;
  child.once('exit', (code) => {
    exitError = new Error(`${name} exited with code ${code} before it was ready\n${stderr()}`);
  });
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  let readyAt: number;
  try {
    readyAt = await waitHealthy(port, READY_TIMEOUT_MS, () => exitError);
  } catch (error) {
    await stopChild(child);
    cleanUp();
    throw error;
  }
  const startupCpuMs = await call<number>('cpu').catch(() => Number.NaN);
  return {
    name,
    pid: child.pid ?? 0,
    port,
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    startupMs: readyAt - started,
    startupCpuMs,
    dir,
    call,
    logs: () => countLogLevels(logPath),
    async stop() {
      const code = await stopChild(child);
      cleanUp();
      return code;
    },
  };
}
