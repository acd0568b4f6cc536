import { describe, expect, it } from 'vitest';
import { createReadiness, type ReadinessOptions } from '../../../src/observability/readiness.js';

/** A readiness over stand-ins the test controls: a hand-moved clock, a storage ping and a DocSpace probe. */
function setup(overrides: Partial<ReadinessOptions> = {}) {
  const state = { now: 1_000_000, serving: true, storage: 'ok' as 'ok' | 'fail' | 'hang', probes: 0 };
  let probeAnswer: () => Promise<unknown> = async () => ({ id: 'me' });
  const readiness = createReadiness({
    now: () => state.now,
    serving: () => state.serving,
    pingStorage: async () => {
      if (state.storage === 'fail') throw new Error('closed');
      if (state.storage === 'hang') await new Promise(() => undefined);
    },
    probeDocSpace: () => {
      state.probes += 1;
      return probeAnswer();
    },
    timeoutMs: 20,
    ...overrides,
  });
  const gatewayError = (code: string) => Object.assign(new Error(code), { code });
  return {
    state,
    readiness,
    answerProbe(answer: 'ok' | string) {
      probeAnswer = answer === 'ok' ? async () => ({ id: 'me' }) : async () => Promise.reject(gatewayError(answer));
    },
  };
}

describe('readiness', () => {
  it('is ready when serving, storage answers and DocSpace answers the probe', async () => {
    const { readiness } = setup();
    expect(await readiness.check()).toEqual({
      ready: true,
      failed: [],
      checks: { serving: 'ok', storage: 'ok', docspace: 'ok', slack: 'ok' },
      docspaceCheckedSecondsAgo: 0,
    });
  });

  it('reuses a DocSpace result up to 30 s old and probes again once it is older', async () => {
    const { readiness, state, answerProbe } = setup();
    readiness.docspaceAnswered(200);
    state.now += 30_000;
    answerProbe('network');
    const fresh = await readiness.check();
    state.now += 1;
    const stale = await readiness.check();
    expect([fresh.ready, fresh.docspaceCheckedSecondsAgo, stale.failed, stale.checks.docspace, state.probes]).toEqual([
      true,
      30,
      ['docspace'],
      'unreachable',
      1,
    ]);
  });

  it('takes real traffic as the DocSpace result: a 5xx or a timeout fails it, a 404 or 403 is an answer', async () => {
    const { readiness, state } = setup();
    const stateAfter = async (status: Parameters<typeof readiness.docspaceAnswered>[0]) => {
      readiness.docspaceAnswered(status);
      return (await readiness.check()).checks.docspace;
    };
    expect([
      await stateAfter(503),
      await stateAfter(404),
      await stateAfter('timeout'),
      await stateAfter(403),
      await stateAfter(401),
    ]).toEqual(['unreachable', 'ok', 'unreachable', 'ok', 'rejected']);
    expect(state.probes).toBe(0);
  });

  it('ignores an exchange the bot itself aborted', async () => {
    const { readiness, state } = setup();
    readiness.docspaceAnswered(503);
    readiness.docspaceAnswered('aborted');
    expect([(await readiness.check()).checks.docspace, state.probes]).toEqual(['unreachable', 0]);
  });

  it('reports a key DocSpace refuses as rejected', async () => {
    const { readiness, answerProbe } = setup();
    answerProbe('unauthorized');
    expect(await readiness.check()).toMatchObject({ failed: ['docspace'], checks: { docspace: 'rejected' } });
  });

  it('gives up on a probe that does not answer within the timeout and reports DocSpace unreachable', async () => {
    const { readiness } = setup({
      probeDocSpace: (signal) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true })),
    });
    expect((await readiness.check()).checks.docspace).toBe('unreachable');
  });

  it('runs one probe for concurrent checks', async () => {
    const { readiness, state } = setup();
    await Promise.all([readiness.check(), readiness.check(), readiness.check()]);
    expect(state.probes).toBe(1);
  });

  it('fails the storage check when the ping rejects or does not answer in time', async () => {
    const { readiness, state } = setup();
    state.storage = 'fail';
    const failed = await readiness.check();
    state.storage = 'hang';
    const hung = await readiness.check();
    expect([failed.failed, failed.checks.storage, hung.checks.storage]).toEqual([['storage'], 'failed', 'timeout']);
  });

  it('is not ready while not serving (starting or stopping)', async () => {
    const { readiness, state } = setup();
    state.serving = false;
    expect(await readiness.check()).toMatchObject({ ready: false, failed: ['serving'] });
  });

  it('fails the Slack check after Slack rejects the token, until a call succeeds again', async () => {
    const { readiness } = setup();
    readiness.slackAnswered('error', 'channel_not_found');
    const other = (await readiness.check()).checks.slack;
    readiness.slackAnswered('error', 'token_revoked');
    const revoked = await readiness.check();
    readiness.slackAnswered('ok', null);
    const back = (await readiness.check()).checks.slack;
    expect([other, revoked.failed, back]).toEqual(['ok', ['slack'], 'ok']);
  });
});
