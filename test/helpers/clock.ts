import type { Clock } from '../../src/domain/ports.js';

/** The default start of test time, and the units tests move it by. */
export const START = new Date('2025-03-03T09:00:00.000Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** A Clock the test moves by hand; the app, the domain and the memory stores read it instead of the wall clock. */
export interface FakeClock extends Clock {
  advance(ms: number): void;
  set(at: Date): void;
}

export function createFakeClock(start: Date = START): FakeClock {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
    set: (at) => {
      now = at.getTime();
    },
  };
}
