import { err, ok, type Result } from '../model/result.js';

// Durations of time-bound access as people type them: a whole number and one unit, like 30m, 8h, 3d or 2w.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;

/** The shortest grant: one minute. */
export const MIN_GRANT_MS = 60_000;

const UNITS: Readonly<Record<string, number>> = {
  m: MINUTE_MS,
  min: MINUTE_MS,
  mins: MINUTE_MS,
  minute: MINUTE_MS,
  minutes: MINUTE_MS,
  h: HOUR_MS,
  hr: HOUR_MS,
  hrs: HOUR_MS,
  hour: HOUR_MS,
  hours: HOUR_MS,
  d: DAY_MS,
  day: DAY_MS,
  days: DAY_MS,
  w: WEEK_MS,
  week: WEEK_MS,
  weeks: WEEK_MS,
};

export type DurationProblem =
  | { readonly kind: 'unparsable'; readonly text: string }
  | { readonly kind: 'zero' }
  | { readonly kind: 'too_short' }
  | { readonly kind: 'too_long'; readonly maxDays: number };

/**
 * `30m`, `8h`, `3d`, `2w` (also `3 days` written as one word like `3days`): a whole number above zero and one unit.
 * Checks the minimum (one minute) and, when given, the maximum in days. Never throws.
 */
export function parseDuration(text: string, maxDays: number | null = null): Result<number, DurationProblem> {
  const match = /^\s*([0-9]{1,7})\s*([a-z]+)\s*$/i.exec(text);
  const unit = match ? UNITS[(match[2] ?? '').toLowerCase()] : undefined;
  if (!match || unit === undefined) {
    if (/^\s*-/.test(text)) return err({ kind: 'zero' });
    return err({ kind: 'unparsable', text });
  }
  const amount = Number(match[1]);
  if (amount === 0) return err({ kind: 'zero' });
  const ms = amount * unit;
  if (ms < MIN_GRANT_MS) return err({ kind: 'too_short' });
  if (maxDays !== null && ms > maxDays * DAY_MS) return err({ kind: 'too_long', maxDays });
  return ok(ms);
}

/** The shortest exact way to say a duration: `3 days`, `2 weeks`, `90 minutes`, `1 hour`. */
export function formatDuration(ms: number): string {
  const units: readonly [number, string][] = [
    [WEEK_MS, 'week'],
    [DAY_MS, 'day'],
    [HOUR_MS, 'hour'],
    [MINUTE_MS, 'minute'],
  ];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) {
      const n = ms / size;
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  const minutes = Math.max(1, Math.round(ms / MINUTE_MS));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** A plain sentence naming what is wrong with a duration. */
export function durationProblemText(problem: DurationProblem): string {
  switch (problem.kind) {
    case 'unparsable':
      return `"${problem.text.slice(0, 40)}" is not a duration; write a number and a unit, like 30m, 8h, 3d or 2w.`;
    case 'zero':
      return 'The duration must be more than zero, like 30m, 8h, 3d or 2w.';
    case 'too_short':
      return 'The shortest duration is 1 minute (1m).';
    case 'too_long':
      return `The longest duration is ${problem.maxDays} days (MAX_GRANT_DAYS).`;
  }
}
