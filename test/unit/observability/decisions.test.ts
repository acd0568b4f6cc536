import { describe, expect, it } from 'vitest';
import type { BotServices } from '../../../src/domain/index.js';
import { err, ok } from '../../../src/domain/index.js';
import { countDecisions } from '../../../src/observability/decisions.js';

describe('countDecisions', () => {
  it('counts approve, deny, retry and cancel by the resulting status, the failure code or error', async () => {
    const counted: string[] = [];
    const services = {
      approve: async () => ok({ request: { status: 'executed' }, report: null }),
      deny: async () => err({ code: 'not_approver' }),
      retry: async () => ok({ request: { status: 'failed' }, report: null }),
      cancel: async () => {
        throw new Error('storage is down');
      },
      show: async () => ok('untouched'),
    } as unknown as BotServices;
    const wrapped = countDecisions(services, { decision: (action, outcome) => counted.push(`${action} ${outcome}`) });
    const args = [{}, 'r1'] as unknown as Parameters<BotServices['approve']>;
    await wrapped.approve(...args);
    await wrapped.deny(...(args as unknown as Parameters<BotServices['deny']>));
    await wrapped.retry(...args);
    await expect(wrapped.cancel(...args)).rejects.toThrow('storage is down');
    expect([counted, wrapped.show]).toEqual([
      ['approve executed', 'deny not_approver', 'retry failed', 'cancel error'],
      services.show,
    ]);
  });
});
