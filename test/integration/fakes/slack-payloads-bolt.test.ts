import type { BlockButtonAction, ViewSubmitAction } from '@slack/bolt';
import { describe, expect, it, onTestFinished } from 'vitest';
import { blockAction, blockSuggestion, slashCommand, viewSubmission } from '../../fakes/payloads.js';
import { sendCommand, sendInteractive } from '../../fakes/send-to-app.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack-api-server.js';
import { PEOPLE } from '../../fixtures/people.js';
import { type RunningBoltApp, startBoltApp } from './slack-test-kit.js';

const alice = PEOPLE.alice.slack.id;

async function arrange(
  register: Parameters<typeof startBoltApp>[1],
): Promise<{ fake: FakeSlack; bolt: RunningBoltApp }> {
  const fake = await startFakeSlack();
  onTestFinished(() => fake.close());
  const bolt = await startBoltApp(fake, register);
  onTestFinished(() => bolt.stop());
  return { fake, bolt };
}

describe('payload builders as Bolt sees them', () => {
  it('delivers a slash command text and user to app.command, whose ack text becomes the HTTP reply body', async () => {
    const { bolt, fake } = await arrange((app) => {
      app.command('/docspace-group', async ({ ack, command }) => ack(`${command.user_id}: ${command.text}`));
    });
    const fields = slashCommand({ text: 'list', userId: alice, responseUrl: fake.responseUrl('c') });
    const result = await sendCommand(bolt.eventsUrl, bolt.signingSecret, fields);
    expect([result.status, result.body]).toEqual([200, `${alice}: list`]);
  });

  it('routes a view_submission to app.view by callback id with its state values', async () => {
    const { bolt } = await arrange((app) => {
      app.view<ViewSubmitAction>('grp_request', async ({ ack, view }) => {
        const name = view.state.values['name_block']?.['name_input']?.value ?? '';
        await ack({ response_action: 'errors', errors: { name_block: `got ${name}` } });
      });
    });
    const values = { name_block: { name_input: { type: 'plain_text_input', value: 'eng' } } };
    const result = await sendInteractive(
      bolt.eventsUrl,
      bolt.signingSecret,
      viewSubmission({ callbackId: 'grp_request', userId: alice, values }),
    );
    expect(result.json).toEqual({ response_action: 'errors', errors: { name_block: 'got eng' } });
  });

  it('routes a block action to app.action, and respond() posts to the payload response_url', async () => {
    const { bolt, fake } = await arrange((app) => {
      app.action<BlockButtonAction>('approve', async ({ ack, action, respond }) => {
        await ack();
        await respond({ replace_original: true, text: `approved ${action.value ?? ''}` });
      });
    });
    const payload = blockAction({
      actionId: 'approve',
      value: 'req-7',
      userId: alice,
      responseUrl: fake.responseUrl('act'),
    });
    const result = await sendInteractive(bolt.eventsUrl, bolt.signingSecret, payload);
    expect(result.status).toBe(200);
    await fake.waitFor(() => fake.responsesTo('act').length === 1);
    expect(fake.responsesTo('act')[0]?.body).toEqual({ replace_original: true, text: 'approved req-7' });
  });

  it('routes a block_suggestion to app.options and returns the acked options in the HTTP reply', async () => {
    const { bolt } = await arrange((app) => {
      app.options('group_picker', async ({ ack, options }) => {
        await ack({ options: [{ text: { type: 'plain_text', text: `${options.value}-team` }, value: 'g1' }] });
      });
    });
    const payload = blockSuggestion({ actionId: 'group_picker', value: 'eng', userId: alice, viewId: 'V0MODAL001' });
    const result = await sendInteractive(bolt.eventsUrl, bolt.signingSecret, payload);
    expect(result.json).toEqual({ options: [{ text: { type: 'plain_text', text: 'eng-team' }, value: 'g1' }] });
  });
});
