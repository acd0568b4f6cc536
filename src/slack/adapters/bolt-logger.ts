import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from 'pino';

const message = (args: unknown[]) =>
  args.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a))).join(' ');

function boltLevelOf(logger: Logger): LogLevel {
  if (logger.isLevelEnabled('debug')) return LogLevel.DEBUG;
  if (logger.isLevelEnabled('info')) return LogLevel.INFO;
  return logger.isLevelEnabled('warn') ? LogLevel.WARN : LogLevel.ERROR;
}

/**
 * Bolt's and the WebClient's logs go through pino (and its redaction), never to the console. Arguments are only
 * formatted when the level is enabled: Bolt logs whole payloads at debug on every request.
 */
export function createBoltLogger(logger: Logger): BoltLogger {
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      if (logger.isLevelEnabled(level)) logger[level]({ source: 'bolt' }, message(args));
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    // pino's level (LOG_LEVEL) governs; Bolt asking for another level changes nothing.
    setLevel: () => undefined,
    getLevel: () => boltLevelOf(logger),
    setName: () => undefined,
  };
}
