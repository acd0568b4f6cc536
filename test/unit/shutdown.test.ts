import { describe, expect, it } from 'vitest';
import { createShutdown, SAME_REQUEST_WITHIN_MS } from '../../src/shutdown.js';

/** A shutdown whose stop() the test settles by hand, on a clock the test moves. */
function rig() {
  let now = 1_000_000;
  const exits: number[] = [];
  const logs: string[] = [];
  let stops = 0;
  let settle: { resolve: (v: { drained: boolean }) => void; reject: (e: Error) => void } | null = null;
  const onSignal = createShutdown({
    stop: () => {
      stops += 1;
      return new Promise((resolve, reject) => {
        settle = { resolve, reject };
      });
    },
    logger: {
      info: (_obj: object, msg?: string) => void logs.push(`info ${msg}`),
      warn: (_obj: object, msg?: string) => void logs.push(`warn ${msg}`),
      error: (_obj: object, msg?: string) => void logs.push(`error ${msg}`),
      debug: () => undefined,
    },
    exit: (code) => void exits.push(code),
    now: () => now,
  });
  return {
    onSignal,
    exits,
    logs,
    stops: () => stops,
    advance: (ms: number) => {
      now += ms;
    },
    settle: () => settle as NonNullable<typeof settle>,
  };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('stopping on SIGTERM / SIGINT', () => {
  it('stops once and exits 0 when stop() resolves, whether or not the grace cut work off', async () => {
    for (const drained of [true, false]) {
      const r = rig();
      r.onSignal('SIGTERM');
      expect(r.stops()).toBe(1);
      expect(r.exits).toEqual([]);
      r.settle().resolve({ drained });
      await settled();
      expect(r.exits).toEqual([0]);
    }
  });

  it('exits 1 when closing failed', async () => {
    const r = rig();
    r.onSignal('SIGINT');
    r.settle().reject(new Error('storage would not close'));
    await settled();
    expect(r.exits).toEqual([1]);
    expect(r.logs).toContain('error error while stopping');
  });

  it("takes a copy of the signal right after the first as the same request (Ctrl+C reaches npm's child twice)", async () => {
    const r = rig();
    r.onSignal('SIGINT');
    r.advance(SAME_REQUEST_WITHIN_MS - 1);
    r.onSignal('SIGINT');
    expect(r.stops()).toBe(1);
    expect(r.exits).toEqual([]);
    r.settle().resolve({ drained: true });
    await settled();
    expect(r.exits).toEqual([0]);
  });

  it('exits at once on a later second signal, with 128 + its number', () => {
    const term = rig();
    term.onSignal('SIGTERM');
    term.advance(SAME_REQUEST_WITHIN_MS);
    term.onSignal('SIGTERM');
    expect(term.exits).toEqual([143]);
    expect(term.logs).toContain('warn second stop signal: exiting at once');
    const int = rig();
    int.onSignal('SIGTERM');
    int.advance(SAME_REQUEST_WITHIN_MS + 5000);
    int.onSignal('SIGINT');
    expect(int.exits).toEqual([130]);
    expect(int.stops()).toBe(1);
  });
});
