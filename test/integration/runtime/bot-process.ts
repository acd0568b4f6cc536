import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { type FakeDocSpace, startFakeDocSpace } from '../../fakes/docspace-server.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack-api-server.js';
import { TEAM_ID } from '../../fixtures/people.js';
import { baseEnv } from '../../helpers/harness.js';

/**
 * The bot as an operator runs it: `npm start` in the repository (which runs dist/, built by global setup), against
 * the DocSpace and Slack doubles, on a SQLite file in a temp folder. Everything is watched through definite signals:
 * /healthz answers, the process list under the npm pid, the port refusing connections, the exit code.
 */

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const POLL_MS = 25;

export interface BotProcess {
  readonly docspace: FakeDocSpace;
  readonly slack: FakeSlack;
  readonly port: number;
  readonly baseUrl: string;
  readonly databaseUrl: string;
  /** The pid of `npm start`, what a supervisor signals. */
  readonly npmPid: number;
  /** Every process under npm once the bot was healthy (the bot itself among them). */
  readonly descendants: readonly number[];
  /** Resolves with npm's exit code (or the signal that killed it). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** stdout + stderr so far (npm's lines and the bot's JSON log lines). */
  output(): string;
  /** The bot's log lines that parse as JSON. */
  logLines(): Record<string, unknown>[];
}

/** Polls `check` until it holds or `timeoutMs` passes; the error names `label` and shows the bot's output. */
export async function pollUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  label: string,
  output: () => string = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() >= deadline) throw new Error(`${label}: not within ${timeoutMs} ms\n${output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** A port nothing listens on right now (the kernel's pick for port 0, released again). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** True once a TCP connection to the port is refused: nothing listens there any more. */
export function portRefuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

async function healthStatus(baseUrl: string): Promise<number> {
  try {
    const res = await fetch(`${baseUrl}/healthz`, { headers: { connection: 'close' } });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** Pids of every living process under `root` (read from /proc: parent pid is the 2nd field after the command). */
async function descendantsOf(root: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => null);
    if (stat === null) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    parents.set(Number(name), Number(fields[1]));
  }
  const found: number[] = [];
  let frontier = [root];
  while (frontier.length > 0) {
    const next = [...parents].filter(([, parent]) => frontier.includes(parent)).map(([pid]) => pid);
    found.push(...next);
    frontier = next;
  }
  return found;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Every variable .env.example names, blank: a developer's ./.env cannot change the run (the environment wins). */
async function blankedSettings(): Promise<Record<string, string>> {
  const example = await readFile(join(REPO_ROOT, '.env.example'), 'utf8');
  const names = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] as string);
  return Object.fromEntries(names.map((name) => [name, '']));
}

function watchExit(child: ChildProcess): BotProcess['exited'] {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Starts `npm start` with the doubles' settings plus `env`, and resolves once /healthz answers 200. */
export async function startBotProcess(env: Record<string, string> = {}): Promise<BotProcess> {
  const docspace = await startFakeDocSpace();
  onTestFinished(() => docspace.close());
  const slack = await startFakeSlack({ teamId: TEAM_ID });
  onTestFinished(() => slack.close());
  const dir = await mkdtemp(join(tmpdir(), 'dsg-runtime-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const databaseUrl = `sqlite:${join(dir, 'bot.sqlite')}`;
  const port = await freePort();
  const settings = {
    ...(await blankedSettings()),
    ...baseEnv(docspace, slack, databaseUrl),
    PORT: String(port),
    ...env,
  };
  const child = spawn('npm', ['start'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...settings },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const npmPid = child.pid as number;
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const exited = watchExit(child);
  let done = false;
  void exited.then(() => {
    done = true;
  });
  // A failed test must not leave a bot running: everything seen under npm is killed, by pid, whatever its parent now.
  const seen = new Set<number>([npmPid]);
  onTestFinished(async () => {
    for (const pid of await descendantsOf(npmPid)) seen.add(pid);
    for (const pid of seen) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await pollUntil(
    async () => {
      if (done) throw new Error(`npm start exited before the bot was healthy:\n${output.slice(-3000)}`);
      return (await healthStatus(baseUrl)) === 200;
    },
    60_000,
    'GET /healthz 200',
    () => output,
  );
  const descendants = await descendantsOf(npmPid);
  for (const pid of descendants) seen.add(pid);
  return {
    docspace,
    slack,
    port,
    baseUrl,
    databaseUrl,
    npmPid,
    descendants,
    exited,
    output: () => output,
    logLines: () =>
      output
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
