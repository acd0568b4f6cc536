import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, formatDuration, HOUR_MS, MINUTE_MS, parseDuration } from '../../../../src/domain/grants/duration.js';
import { remindAtOf } from '../../../../src/domain/grants/model.js';
import { FUZZ_SEED, SEED_TITLE } from '../../../helpers/fuzz-seed.js';

const UNITS = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS, w: 7 * DAY_MS } as const;
const params = { seed: FUZZ_SEED, numRuns: 300 };

describe(`durations of time-bound access ${SEED_TITLE}`, () => {
  it('reads 30m, 8h, 3d and 2w', () => {
    expect(parseDuration('30m')).toEqual({ ok: true, value: 30 * MINUTE_MS });
    expect(parseDuration('8h')).toEqual({ ok: true, value: 8 * HOUR_MS });
    expect(parseDuration('3d')).toEqual({ ok: true, value: 3 * DAY_MS });
    expect(parseDuration('2w')).toEqual({ ok: true, value: 14 * DAY_MS });
    expect(parseDuration('3 days')).toEqual({ ok: true, value: 3 * DAY_MS });
  });

  it('refuses zero, negative, unparsable and too long, saying which', () => {
    expect(parseDuration('0m')).toMatchObject({ ok: false, error: { kind: 'zero' } });
    expect(parseDuration('-3d')).toMatchObject({ ok: false, error: { kind: 'zero' } });
    expect(parseDuration('soon')).toMatchObject({ ok: false, error: { kind: 'unparsable' } });
    expect(parseDuration('3.5d')).toMatchObject({ ok: false, error: { kind: 'unparsable' } });
    expect(parseDuration('91d', 90)).toMatchObject({ ok: false, error: { kind: 'too_long', maxDays: 90 } });
    expect(parseDuration('90d', 90)).toEqual({ ok: true, value: 90 * DAY_MS });
  });

  it('reads any whole number of any unit as that many units', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999 }), fc.constantFrom(...Object.keys(UNITS)), (n, unit) => {
        const parsed = parseDuration(`${n}${unit}`);
        expect(parsed).toEqual({ ok: true, value: n * UNITS[unit as keyof typeof UNITS] });
      }),
      params,
    );
  });

  it('reads back what it writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200_000 }), (minutes) => {
        const ms = minutes * MINUTE_MS;
        expect(parseDuration(formatDuration(ms))).toEqual({ ok: true, value: ms });
      }),
      params,
    );
  });

  it('never throws, and never accepts more than the maximum or less than a minute', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.integer({ min: 1, max: 3650 }), (text, maxDays) => {
        const parsed = parseDuration(text, maxDays);
        if (parsed.ok) {
          expect(parsed.value).toBeGreaterThanOrEqual(MINUTE_MS);
          expect(parsed.value).toBeLessThanOrEqual(maxDays * DAY_MS);
        }
      }),
      params,
    );
  });

  it('reminds REMIND_BEFORE ahead, or a tenth of the duration for grants too short for that, always within the grant', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    const end = (ms: number) => new Date(start.getTime() + ms);
    expect(remindAtOf(start, end(7 * DAY_MS), DAY_MS)).toEqual(end(6 * DAY_MS));
    expect(remindAtOf(start, end(HOUR_MS), DAY_MS)).toEqual(end(54 * MINUTE_MS));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 100_000 }), (minutes, remind) => {
        const at = remindAtOf(start, end(minutes * MINUTE_MS), remind * MINUTE_MS);
        expect(at.getTime()).toBeGreaterThan(start.getTime());
        expect(at.getTime()).toBeLessThan(end(minutes * MINUTE_MS).getTime());
      }),
      params,
    );
  });
});
