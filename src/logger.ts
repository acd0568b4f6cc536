import { Writable } from 'node:stream';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Paths pino blanks out wherever they appear in a log object. */
const REDACT_PATHS = [
  'token',
  'botToken',
  'appToken',
  'apiKey',
  'signingSecret',
  'authorization',
  'Authorization',
  'password',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.apiKey',
  '*.signingSecret',
  '*.authorization',
  '*.Authorization',
  '*.password',
  'headers.authorization',
  '*.headers.authorization',
  '*.headers["x-slack-signature"]',
  'config.slack',
  'config.docspace.apiKey',
];

/** Error serializer: name, code, message, status and stack; never request headers or bodies that carry credentials. */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const e = error as Error & Record<string, unknown>;
  const out: Record<string, unknown> = { type: e.name, message: e.message };
  for (const key of ['code', 'status', 'statusCode', 'operation', 'method', 'path', 'retryAfterSeconds']) {
    if (e[key] !== undefined) out[key] = e[key];
  }
  const data = e['data'] as { error?: unknown } | undefined;
  if (data && typeof data === 'object' && data.error !== undefined) out['slackError'] = data.error;
  if (e.stack) out['stack'] = e.stack;
  if (e.cause !== undefined && e.cause !== error) out['cause'] = serializeError(e.cause);
  return out;
}

/** A last line of defence: replaces any known secret value that still reaches the output. */
export function createScrubbingStream(secrets: readonly string[], target: DestinationStream): DestinationStream {
  const needles = secrets.filter((s) => s.length >= 6);
  if (needles.length === 0) return target;
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      let line = chunk.toString();
      for (const needle of needles) if (line.includes(needle)) line = line.split(needle).join('[REDACTED]');
      target.write(line);
      callback();
    },
  });
}

export interface LoggerOptions {
  readonly level: string;
  readonly secrets?: readonly string[];
  /** Defaults to stdout. Tests pass a collecting stream. */
  readonly destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const destination = createScrubbingStream(options.secrets ?? [], options.destination ?? pino.destination(1));
  return pino(
    {
      level: options.level,
      base: { app: 'docspace-group-bot' },
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      serializers: { err: serializeError, error: serializeError },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** One child per module, as design.md asks: `logger.child({ module: 'docspace.client' })`. */
export function moduleLogger(root: Logger, module: string): Logger {
  return root.child({ module });
}
