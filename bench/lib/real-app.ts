/** The real bot for the bench's app child: built by the container like `npm start`, on a temp SQLite file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, secretsOf } from '../../src/config.js';
import { createContainer } from '../../src/container.js';
import { createLogger } from '../../src/logger.js';
import type { LogCounts, RunningApp } from './types.js';

/** pino writes here instead of stdout: lines are serialized as in production, then only counted by level. */
function countingSink() {
  const counts = { warn: 0, error: 0, lastError: null as string | null, lastWarn: null as string | null };
  const write = (line: string) => {
    const level = Number(/"level":(\d+)/.exec(line)?.[1] ?? 0);
    if (level >= 50) {
      counts.error += 1;
      counts.lastError = line.slice(0, 500);
    } else if (level >= 40) {
      counts.warn += 1;
      counts.lastWarn = line.slice(0, 500);
    }
  };
  return { destination: { write }, counts: (): LogCounts => ({ ...counts }) };
}

export async function startRealApp(env: Record<string, string>, host: string): Promise<RunningApp> {
  const dir = mkdtempSync(join(tmpdir(), 'dsg-bench-'));
  const config = loadConfig({ ...env, DATABASE_URL: `sqlite:${join(dir, 'bot.sqlite')}` });
  const sink = countingSink();
  const logger = createLogger({ level: config.logLevel, secrets: secretsOf(config), destination: sink.destination });
  const container = await createContainer(config, { logger, host });
  const { port } = await container.start();
  return {
    port,
    logs: sink.counts,
    stop: async () => {
      await container.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
