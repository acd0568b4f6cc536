import { z } from 'zod';

/** Pieces of the environment schemas shared by the bot (config.ts) and the command-line tools. */
export const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const envInt = (def: number, min: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`)
      .default(def),
  );

/** DocSpace timeout and retry bounds, with the documented defaults. */
export const docspaceTuningFields = {
  DOCSPACE_TIMEOUT_MS: envInt(10_000, 100, 120_000),
  DOCSPACE_MAX_RETRIES: envInt(3, 0, 10),
  DOCSPACE_RETRY_BASE_MS: envInt(250, 1, 60_000),
  DOCSPACE_RETRY_MAX_MS: envInt(8_000, 1, 300_000),
};

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
