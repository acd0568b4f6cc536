// First: tunes the V8 heap before the rest of the bot is loaded.
import './heap.js';
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, secretsOf } from './config.js';
import { type Container, createContainer } from './container.js';
import { createLogger } from './logger.js';
import { StartupError } from './startup-checks.js';
import { isStorageError } from './storage/index.js';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** Process entry: config, container, start, log ready, stop cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(`${error.message}\nSee .env.example and the README for every variable.`);
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, secrets: secretsOf(config) });
  let container: Container;
  try {
    container = await createContainer(config, { logger });
  } catch (error) {
    if (error instanceof StartupError || isStorageError(error)) {
      logger.fatal({ err: error }, 'start-up failed');
      fail(`Start-up failed: ${(error as Error).message}`);
    }
    throw error;
  }
  const { port } = await container.start();
  logger.info({ port, mode: config.slack.mode, storage: container.storage.kind }, 'docspace-group-bot is ready');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'stopping');
    await container.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Unexpected start-up error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
