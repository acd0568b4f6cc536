import type { BlockButtonAction, ViewSubmitAction } from '@slack/bolt';
import { describe, expect, it, onTestFinished } from 'vitest';
import { blockAction, blockSuggestion, slashCommand, viewSubmission } from '../../fakes/payloads.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack-api-server.js';
import { PEOPLE } from '../../fixtures/people.js';
import { startSocketBoltApp } from './slack-test-kit.js';

const alice = PEOPLE.alice.slack.id;

/** The double, and a real Bolt app connected to it over Socket Mode (its start() resolved on hello). */
async function arrange(register: Parameters<typeof startSocketBoltApp>[1]): Promise<FakeSlack> {
  const fake = await startFakeSlack();
  onTestFinished(() => fake.close());
  const bolt = await startSocketBoltApp(fake, register);
  onTestFinished(() => bolt.stop());
  return fake;
}

/** A command listener that answers with the text it got, to see an envelope arrive after a reconnect. */
const echo = (app: Parameters<Parameters<typeof startSocketBoltApp>[1]>[0]) =>
  app.command('/docspace-group', async ({ ack, command }) => ack({ text: `got ${command.text}` }));

const command = (fake: FakeSlack, text: string) =>
  fake.socket.slashCommand(slashCommand({ text, userId: alice, responseUrl: fake.responseUrl() }));

describe('the Socket Mode double as Bolt’s SocketModeReceiver sees it', () => {
  it('connects through apps.connections.open with the app token and gets one connection', async () => {
    const fake = await arrange(() => undefined);
    expect(fake.callsTo('apps.connections.open').map((c) => c.token)).toEqual([fake.appToken]);
    expect(fake.socket.connections()).toEqual([{ id: 1, state: 'open', closeCode: null }]);
  });

  it('routes a slash_commands envelope to app.command and records the ack payload', async () => {
    const fake = await arrange(echo);
    const ack = await command(fake, 'list');
    expect(ack).toMatchObject({ type: 'slash_commands', payload: { text: 'got list' }, connection: 1 });
  });

  it('routes view_submission, block_actions and block_suggestion; the ack carries errors and options', async () => {
    const fake = await arrange((app) => {
      app.view<ViewSubmitAction>('grp', async ({ ack }) => ack({ response_action: 'errors', errors: { b: 'bad' } }));
      app.action<BlockButtonAction>('approve', async ({ ack }) => ack());
      app.options('picker', async ({ ack }) =>
        ack({ options: [{ text: { type: 'plain_text', text: 'Dev' }, value: '1' }] }),
      );
    });
    const submitted = await fake.socket.interactive(viewSubmission({ callbackId: 'grp', userId: alice, values: {} }));
    expect(submitted.payload).toEqual({ response_action: 'errors', errors: { b: 'bad' } });
    const clicked = await fake.socket.interactive(blockAction({ actionId: 'approve', userId: alice }));
    expect(clicked.payload).toEqual({});
    const options = await fake.socket.interactive(blockSuggestion({ actionId: 'picker', value: 'D', userId: alice }));
    expect(options.payload).toMatchObject({ options: [{ value: '1' }] });
  });

  it('gets an events_api envelope acked at once, even with no listener for the event', async () => {
    const fake = await arrange(() => undefined);
    const ack = await fake.socket.event({ type: 'app_home_opened', user: alice, channel: 'D0ALICE001' });
    expect(ack).toMatchObject({ type: 'events_api', payload: {} });
  });

  it('sees the client close cleanly on disconnect (refresh_requested) and reconnect on a new ticket', async () => {
    const fake = await arrange(echo);
    fake.socket.disconnect('refresh_requested');
    await fake.socket.waitForConnections(2);
    expect(fake.socket.connections()).toEqual([
      { id: 1, state: 'closed', closeCode: 1000 },
      { id: 2, state: 'open', closeCode: null },
    ]);
    expect(fake.callsTo('apps.connections.open')).toHaveLength(2);
    expect(await command(fake, 'after')).toMatchObject({ payload: { text: 'got after' }, connection: 2 });
  });

  it('sees the client reconnect after the socket is dropped', async () => {
    const fake = await arrange(echo);
    fake.socket.drop();
    await fake.socket.waitForConnections(2);
    expect(fake.socket.connections()[0]).toEqual({ id: 1, state: 'closed', closeCode: 1006 });
    expect(await command(fake, 'after')).toMatchObject({ payload: { text: 'got after' }, connection: 2 });
  });

  it('sees the client give up on a stalled link (no pong) and reconnect', async () => {
    const fake = await arrange(echo);
    fake.socket.stall();
    await fake.socket.waitForConnections(2);
    expect(fake.socket.connections().map((c) => c.state)).toEqual(['stalled', 'open']);
    expect(await command(fake, 'after')).toMatchObject({ payload: { text: 'got after' }, connection: 2 });
  });
});
