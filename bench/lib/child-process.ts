/** The parent side of the bench's IPC: forks a bench child under tsx and sends it typed requests. */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
const STDERR_TAIL = 4000;

function waitForReady<Ready>(child: ChildProcess, name: string, stderr: () => string): Promise<Ready> {
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

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
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
      const id = ++nextId;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, type, args });
    });
}

/** Forks `bench/<script>` with `args` under tsx; resolves once the child has announced itself ready. */
export async function startChild<Ready>(script: string, args: string[], env: Record<string, string> = {}) {
  const path = fileURLToPath(new URL(`../${script}`, import.meta.url));
  const child = fork(path, args, {
    // BENCH_NODE_FLAGS (e.g. "--max-semi-space-size=4") tries V8 tuning on the measured processes.
    execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env['BENCH_NODE_FLAGS'] ?? '').split(' ').filter(Boolean)],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL);
  });
  const name = `${script} ${args.join(' ')}`.trim();
  const call = createCaller(child, name, () => stderr);
  const ready = await waitForReady<Ready>(child, name, () => stderr).catch((error: unknown) => {
    child.kill();
    throw error;
  });
  const handle: BenchChild<Ready> = {
    pid: child.pid ?? 0,
    ready,
    call,
    async stop() {
      if (child.connected) await call('stop').catch(() => undefined);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited(child);
      clearTimeout(timer);
    },
  };
  return handle;
}
