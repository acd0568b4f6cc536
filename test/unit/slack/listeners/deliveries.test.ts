import { describe, expect, it } from 'vitest';
import {
  actionDeliveryKey,
  commandDeliveryKey,
  createDeliveryGuard,
  DELIVERY_WINDOW_MS,
  viewDeliveryKey,
} from '../../../../src/slack/listeners/deliveries.js';
import { blockAction, slashCommand, viewSubmission } from '../../../fakes/payloads.js';
import { createFakeClock } from '../../../helpers/clock.js';
import { createMemoryStorage } from '../../../helpers/memory-storage.js';

const command = (overrides: Record<string, string> = {}) =>
  slashCommand({
    text: 'create "Ops"',
    userId: 'U0OWNER001',
    responseUrl: 'https://x/r/1',
    triggerId: 't1',
    overrides,
  });

describe('delivery keys', () => {
  it('gives a replayed command the same key, and another invocation another', () => {
    expect(commandDeliveryKey(command())).toBe(commandDeliveryKey(command()));
    expect(commandDeliveryKey(command({ trigger_id: 't2' }))).not.toBe(commandDeliveryKey(command()));
    expect(commandDeliveryKey(command({ user_id: 'U0BOB00001' }))).not.toBe(commandDeliveryKey(command()));
  });

  it('never carries the typed text itself', () => {
    expect(commandDeliveryKey(command({ text: 'create "Secret plans"' }))).not.toContain('Secret');
  });

  it('gives a double-submitted modal one key whatever its trigger, and corrected values a new one', () => {
    const submit = (name: string, triggerId: string) =>
      viewSubmission({
        callbackId: 'create',
        userId: 'U0OWNER001',
        triggerId,
        values: { name: { name: { type: 'plain_text_input', value: name } } },
      });
    expect(viewDeliveryKey(submit('Ops', 'a'))).toBe(viewDeliveryKey(submit('Ops', 'b')));
    expect(viewDeliveryKey(submit('Ops 2', 'a'))).not.toBe(viewDeliveryKey(submit('Ops', 'a')));
  });

  it('gives a replayed click the same key, and a second click another', () => {
    const click = blockAction({ actionId: 'approve', value: 'R1', userId: 'U0DAVE0001', triggerId: 't1' });
    const again = blockAction({ actionId: 'approve', value: 'R1', userId: 'U0DAVE0001', triggerId: 't2' });
    expect(actionDeliveryKey(structuredClone(click))).toBe(actionDeliveryKey(click));
    expect(actionDeliveryKey(again)).not.toBe(actionDeliveryKey(click));
  });
});

describe('createDeliveryGuard', () => {
  it('says first once per key within the window, again after it, and again after forget', async () => {
    const clock = createFakeClock();
    const guard = createDeliveryGuard(createMemoryStorage().deliveries, clock);
    expect(await guard.first('k')).toBe(true);
    expect(await guard.first('k')).toBe(false);
    clock.advance(DELIVERY_WINDOW_MS);
    expect(await guard.first('k')).toBe(true);
    await guard.forget('k');
    expect(await guard.first('k')).toBe(true);
  });
});
