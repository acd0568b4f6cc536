import { type Harness, startHarness } from '../../helpers/harness.js';

/**
 * The harness's app, but logging at debug level WITHOUT the scrubbing stream (the last line of defence that replaces
 * known secret values in every line). What reaches these logs shows whether the structural protections (pino
 * redact paths, the error serializer, the DocSpace client's own redaction) keep secrets out on their own.
 */
export function startUnscrubbedApp(env: Record<string, string> = {}): Promise<Harness> {
  return startHarness({ env: { LOG_LEVEL: 'debug', ...env }, scrubSecrets: false });
}
