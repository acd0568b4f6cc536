// First: tunes the V8 heap before the rest of the bot is loaded.
import './heap.js';
import { existsSync, readFileSync } from 'node:fs';
import { ConfigError, loadConfig, secretsOf } from './config.js';
import { type Container, createContainer } from './container.js';
import { createLogger } from './logger.js';
import { stopOnSignals } from './shutdown.js';
import { StartupError } from './startup-problems.js';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** Process entry: config, container, start, log ready, stop cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  // The raw text too: loadConfig explains a value a "#" turned into a .env comment (it reads names only).
  const envFileText = existsSync('.env') ? readFileSync('.env', 'utf8') : null;
  if (envFileText !== null) process.loadEnvFile('.env');
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env, { envFileText });
  } catch (error) {
    if (error instanceof ConfigError) fail(`${error.message}\nSee .env.example and the README for every variable.`);
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, secrets: secretsOf(config) });
  let container: Container;
  let port: number;
  try {
    container = await createContainer(config, { logger });
    ({ port } = await container.start());
  } catch (error) {
    if (error instanceof StartupError) {
      logger.fatal({ problems: error.problems }, 'start-up failed');
      fail(error.message);
    }
    throw error;
  }
  logger.info(
    { port, mode: config.slack.mode, storage: container.storage.kind, dryRun: config.dryRun },
    config.dryRun
      ? 'docspace-group-bot is ready (dry run: no DocSpace write will be sent)'
      : 'docspace-group-bot is ready',
  );
  stopOnSignals({ stop: () => container.stop(), logger, exit: (code) => process.exit(code) });
}

main().catch((error: unknown) => {
  process.stderr.write(`Unexpected start-up error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
