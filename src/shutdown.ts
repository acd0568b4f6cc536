import { constants } from 'node:os';
import type { Logger } from './domain/index.js';

/**
 * A copy of the first signal that arrives this soon after it is the same request, not a second one: Ctrl+C in a
 * terminal reaches every process of the foreground group, so under `npm start` node gets SIGINT from the terminal
 * and npm forwards its own copy a few milliseconds later. Counting that as "second signal" would skip the drain.
 */
export const SAME_REQUEST_WITHIN_MS = 1000;

const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
type StopSignal = (typeof STOP_SIGNALS)[number];

export interface ShutdownOptions {
  /** Stops the bot: intake, drain within the grace, close. */
  readonly stop: () => Promise<{ readonly drained: boolean }>;
  readonly logger: Logger;
  readonly exit: (code: number) => void;
  readonly now?: () => number;
}

/**
 * The process's answer to SIGTERM and SIGINT: the first one stops the bot cleanly and exits 0 (also when the grace
 * cut work off: that is the configured behaviour, and recovery handles what was cut); exits 1 if closing failed.
 * Another signal later exits at once with 128 + its number, as a shell reports a process killed by it.
 */
export function createShutdown(options: ShutdownOptions): (signal: StopSignal) => void {
  const now = options.now ?? Date.now;
  let firstAt: number | null = null;
  return (signal) => {
    if (firstAt !== null) {
      if (now() - firstAt < SAME_REQUEST_WITHIN_MS) return;
      options.logger.warn({ signal }, 'second stop signal: exiting at once');
      options.exit(128 + constants.signals[signal]);
      return;
    }
    firstAt = now();
    options.logger.info({ signal }, 'stopping');
    options.stop().then(
      ({ drained }) => {
        options.logger.info({ drained }, 'stopped');
        options.exit(0);
      },
      (error: unknown) => {
        options.logger.error({ err: error }, 'error while stopping');
        options.exit(1);
      },
    );
  };
}

/** Routes SIGTERM and SIGINT to the shutdown; installed once the bot is running. */
export function stopOnSignals(options: ShutdownOptions): void {
  const onSignal = createShutdown(options);
  for (const signal of STOP_SIGNALS) process.on(signal, () => onSignal(signal));
}
