import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../../src/domain/grants/duration.js';
import { parseCommand } from '../../../../src/slack/parse/command.js';
import { FUZZ_SEED, SEED_TITLE } from '../../../helpers/fuzz-seed.js';

const CAROL = '<@U0CAROL001>';

describe(`for <duration> on add and manager ${SEED_TITLE}`, () => {
  it('reads a trailing for <duration> on add and manager', () => {
    expect(parseCommand(`add "Finance" ${CAROL} <@U0BOB00001> for 3d`)).toMatchObject({
      ok: true,
      value: { kind: 'add', users: [{ kind: 'slack' }, { kind: 'slack' }], duration: 3 * DAY_MS },
    });
    expect(parseCommand(`manager "Dev Team" ${CAROL} for 8h reason: leave`)).toMatchObject({
      ok: true,
      value: { kind: 'manager', duration: 8 * HOUR_MS, reason: 'leave' },
    });
    expect(parseCommand(`add Finance ${CAROL} FOR 30m`)).toMatchObject({
      ok: true,
      value: { duration: 30 * MINUTE_MS },
    });
  });

  it('leaves changes without one permanent', () => {
    const parsed = parseCommand(`add "Finance" ${CAROL}`);
    expect(parsed.ok && 'duration' in parsed.value).toBe(false);
  });

  it.each([
    [`add "F" ${CAROL} for 0m`, 'bad_duration', 'more than zero'],
    [`add "F" ${CAROL} for soon`, 'bad_duration', 'is not a duration'],
    [`add "F" ${CAROL} for`, 'missing_argument', 'needs a duration'],
    [`manager "F" ${CAROL} for 2x`, 'bad_duration', 'is not a duration'],
    [`remove "F" ${CAROL} for 3d`, 'unexpected_argument', 'only accepted on add and manager'],
    ['rename "F" "G" for 1w', 'unexpected_argument', 'only accepted on add and manager'],
    ['delete "F" for 1w', 'unexpected_argument', 'only accepted on add and manager'],
    ['grants mine', 'unexpected_argument', 'grants takes no arguments'],
  ])('refuses %s clearly', (text, code, message) => {
    const parsed = parseCommand(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.code).toBe(code);
      expect(parsed.error.message).toContain(message);
    }
  });

  it('parses grants', () => {
    expect(parseCommand('grants')).toEqual({ ok: true, value: { kind: 'grants' } });
  });

  it('carries any valid duration through, whatever comes before it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.constantFrom('m', 'h', 'd', 'w'), (n, unit) => {
        const parsed = parseCommand(`add "Finance" ${CAROL} for ${n}${unit}`);
        const size = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS, w: 7 * DAY_MS }[unit] as number;
        expect(parsed).toMatchObject({ ok: true, value: { duration: n * size } });
      }),
      { seed: FUZZ_SEED, numRuns: 200 },
    );
  });
});
