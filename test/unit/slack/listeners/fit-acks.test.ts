import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { fittingAcks } from '../../../../src/slack/listeners/fit-acks.js';
import { messageProblems, optionsProblems, viewProblems } from '../../../fakes/slack/block-kit.js';

type Listener = (args: Record<string, unknown>) => Promise<void>;

/** Just enough of Bolt's App to register listeners and run them as Bolt would, with a recording ack. */
function fakeApp() {
  const listeners: Listener[] = [];
  const registrar = (...args: unknown[]) => {
    listeners.push(args.at(-1) as Listener);
  };
  const app = { command: registrar, action: registrar, view: registrar, options: registrar, use: registrar };
  const run = async (listener: Listener | undefined) => {
    const acked: unknown[] = [];
    await listener?.({ ack: async (response?: unknown) => void acked.push(response), body: {} });
    return acked;
  };
  return { app: app as unknown as App, listeners, run };
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text, verbatim: true } });

describe('acks through the fitting app', () => {
  it('fits the message a command acks with', async () => {
    const { app, listeners, run } = fakeApp();
    const warnings: object[] = [];
    fittingAcks(app, { warn: (obj: object) => void warnings.push(obj) }).command('/x', async ({ ack }) => {
      await (ack as (r: unknown) => Promise<void>)({ text: 'help', blocks: [section('h'.repeat(4000))] });
    });
    const [acked] = await run(listeners[0]);
    expect(messageProblems(acked as object)).toEqual([]);
    expect(warnings).toHaveLength(1);
  });

  it('fits options and views, and leaves bare acks, strings and error maps as they are', async () => {
    const { app, listeners, run } = fakeApp();
    const fitting = fittingAcks(app, { warn: () => undefined });
    const options = Array.from({ length: 150 }, (_, i) => ({
      text: { type: 'plain_text', text: `g${i}` },
      value: `${i}`,
    }));
    const view = { type: 'modal', title: { type: 'plain_text', text: 't'.repeat(40) }, blocks: [] };
    const errors = { response_action: 'errors', errors: { dsg_name: 'Enter a group name.' } };
    const answers: unknown[] = [{ options }, { response_action: 'update', view }, undefined, 'working…', errors];
    for (const answer of answers) {
      fitting.options('picker', async ({ ack }) => (ack as (r: unknown) => Promise<void>)(answer));
    }
    const acked = await Promise.all(listeners.map(run));
    const [[withOptions], [withView]] = acked as [[{ options: unknown }], [{ view: unknown }]];
    expect(optionsProblems(withOptions.options)).toEqual([]);
    expect(viewProblems(withView.view)).toEqual([]);
    expect(acked.slice(2)).toEqual([[undefined], ['working…'], [errors]]);
  });

  it('passes registrations other than listeners through untouched', () => {
    const { app, listeners } = fakeApp();
    const middleware: Listener = async () => undefined;
    fittingAcks(app, { warn: () => undefined }).use(middleware as never);
    expect(listeners).toEqual([middleware]);
  });
});
