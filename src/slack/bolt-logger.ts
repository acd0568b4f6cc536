import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from 'pino';

const message = (args: unknown[]) =>
  args.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a))).join(' ');

/** Bolt's and the WebClient's logs go through pino (and its redaction), never to the console. */
export function createBoltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  return {
    debug: (...args: unknown[]) => logger.debug({ source: 'bolt' }, message(args)),
    info: (...args: unknown[]) => logger.info({ source: 'bolt' }, message(args)),
    warn: (...args: unknown[]) => logger.warn({ source: 'bolt' }, message(args)),
    error: (...args: unknown[]) => logger.error({ source: 'bolt' }, message(args)),
    // pino's own level (LOG_LEVEL) governs; Bolt's requested level is only remembered.
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
