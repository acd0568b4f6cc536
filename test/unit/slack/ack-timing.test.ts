import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { type AckKind, ackKindOf, timeSocketAcks } from '../../../src/slack/ack-timing.js';

describe('ackKindOf', () => {
  it('names slash commands, interactive payloads and events from a closed list', () => {
    expect(
      [
        { command: '/docspace-group', text: 'show "Dev Team"' },
        { type: 'block_actions' },
        { type: 'view_submission' },
        { type: 'block_suggestion' },
        { type: 'event_callback', event: { type: 'app_mention' } },
        { type: 'Dev Team' },
        null,
        'text',
      ].map(ackKindOf),
    ).toEqual(['command', 'block_actions', 'view_submission', 'block_suggestion', 'event', 'other', 'other', 'other']);
  });
});

describe('timeSocketAcks', () => {
  it("times each envelope's ack, wrapping it before the listener that was there first takes it", async () => {
    const client = new EventEmitter();
    const sent: unknown[] = [];
    const acked: Promise<void>[] = [];
    // Stands in for Bolt's receiver, which registered its listener when it was built.
    client.on('slack_event', (args: { ack: (r?: unknown) => Promise<void> }) => {
      acked.push(args.ack({ text: 'ok' }));
    });
    const observed: [AckKind, number][] = [];
    const events = client as unknown as Parameters<typeof timeSocketAcks>[0];
    timeSocketAcks(events, (kind, seconds) => observed.push([kind, seconds]));
    client.emit('slack_event', {
      ack: async (response: unknown) => void sent.push(response),
      body: { command: '/docspace-group' },
    });
    await Promise.all(acked);
    expect([sent, observed.map(([kind]) => kind), client.listenerCount('slack_event')]).toEqual([
      [{ text: 'ok' }],
      ['command'],
      2,
    ]);
    expect(observed[0]?.[1]).toBeGreaterThanOrEqual(0);
  });
});
