import { WebAPIPlatformError } from '@slack/web-api';
import { beforeEach, describe, expect, it } from 'vitest';
import { messageProblems, optionsProblems, viewProblems } from '../../fakes/slack/block-kit.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack-api-server.js';
import { webClientFor } from './slack-test-kit.js';

let fake: FakeSlack;
beforeEach(async () => {
  fake = await startFakeSlack();
  return () => fake.close();
});

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const plain = (text: string) => ({ type: 'plain_text', text });

async function errorOf(call: Promise<unknown>): Promise<WebAPIPlatformError | undefined> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof WebAPIPlatformError ? error : undefined;
}

describe('Block Kit validator (what Slack refuses)', () => {
  it('accepts a message within every limit', () => {
    const actions = { type: 'actions', elements: [{ type: 'button', action_id: 'a', text: plain('Go'), value: 'v' }] };
    expect(messageProblems({ text: 'hi', blocks: [section('hello'), actions] })).toEqual([]);
  });

  it('names each broken limit with its path', () => {
    const button = { type: 'button', action_id: 'a', text: plain('x'.repeat(76)), value: 'v'.repeat(2001) };
    const problems = messageProblems({
      text: 't'.repeat(40_001),
      blocks: [
        section('s'.repeat(3001)),
        { type: 'header', text: plain('h'.repeat(151)) },
        { type: 'context', elements: Array.from({ length: 11 }, () => plain('c')) },
        { type: 'actions', elements: [button] },
        section(''),
      ],
    });
    expect(problems).toEqual([
      'text: 40001 > 40000 characters',
      'blocks[0].text.text: 3001 > 3000 characters',
      'blocks[1].text.text: 151 > 150 characters',
      'blocks[2].elements: 11 items, allowed 1..10',
      'blocks[3].elements[0].text.text: 76 > 75 characters',
      'blocks[3].elements[0].value: 2001 > 2000 characters',
      'blocks[4].text.text: must be 1 or more characters',
    ]);
  });

  it('counts blocks per surface and refuses duplicate block ids', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => section(`line ${i}`));
    expect(messageProblems({ blocks: many(50) })).toEqual([]);
    expect(messageProblems({ blocks: many(51) })).toEqual(['blocks: 51 items, allowed 0..50']);
    const view = { type: 'modal', title: plain('T'), blocks: many(100) };
    expect(viewProblems(view)).toEqual([]);
    expect(viewProblems({ ...view, blocks: many(101) })).toEqual(['blocks: 101 items, allowed 0..100']);
    const twice = [
      { ...section('a'), block_id: 'b' },
      { ...section('b'), block_id: 'b' },
    ];
    expect(messageProblems({ blocks: twice })).toEqual(['blocks[1].block_id: duplicate block_id "b"']);
  });

  it('checks view labels, private_metadata, inputs and options', () => {
    const select = {
      type: 'static_select',
      action_id: 's',
      options: Array.from({ length: 101 }, (_, i) => ({ text: plain(`o${i}`), value: `${i}` })),
    };
    const problems = viewProblems({
      type: 'modal',
      title: plain('A title that is far too long'),
      private_metadata: 'm'.repeat(3001),
      blocks: [{ type: 'input', label: { type: 'mrkdwn', text: 'Label' }, element: select }],
    });
    expect(problems).toEqual([
      'title.text: 28 > 24 characters',
      'submit: is required when the view has an input',
      'private_metadata: 3001 > 3000 characters',
      'blocks[0].label.type: must be plain_text',
      'blocks[0].element.options: 101 items, allowed 0..100',
    ]);
    expect(optionsProblems([{ text: plain('x'.repeat(76)), value: 'v' }])).toEqual([
      'options[0].text.text: 76 > 75 characters',
    ]);
  });
});

describe('fake Slack strict Block Kit knob', () => {
  it('refuses an over-long section with invalid_blocks and says what is wrong', async () => {
    const error = await errorOf(
      webClientFor(fake).chat.postMessage({ channel: 'C0GENERAL1', text: 'x', blocks: [section('s'.repeat(3001))] }),
    );
    expect(error?.data.error).toBe('invalid_blocks');
    expect((error?.data as { errors?: unknown } | undefined)?.errors).toEqual([
      'blocks[0].text.text: 3001 > 3000 characters',
    ]);
    expect(fake.messages()).toEqual([]);
  });

  it('refuses an over-long top-level text with msg_too_long', async () => {
    const error = await errorOf(
      webClientFor(fake).chat.postMessage({ channel: 'C0GENERAL1', text: 't'.repeat(40_001) }),
    );
    expect(error?.data.error).toBe('msg_too_long');
  });

  it('refuses a view over the limits with invalid_arguments', async () => {
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'x'.repeat(25) }, blocks: [] };
    const error = await errorOf(webClientFor(fake).views.open({ trigger_id: 't', view }));
    expect(error?.data.error).toBe('invalid_arguments');
    expect(fake.views()).toEqual([]);
  });

  it('refuses an invalid response_url post with 400 invalid_blocks and does not record it', async () => {
    const url = fake.responseUrl('r1');
    const post = (blocks: unknown[]) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ blocks }) });
    const refused = await post([section('s'.repeat(3001))]);
    expect([refused.status, await refused.text()]).toEqual([400, 'invalid_blocks']);
    expect(fake.responsesTo('r1')).toEqual([]);
    expect(fake.rejectedResponses).toHaveLength(1);
    expect((await post([section('fine')])).status).toBe(200);
    expect(fake.responsesTo('r1')).toHaveLength(1);
  });

  it('accepts anything when turned off, and reset() turns it back on', async () => {
    fake.setStrictBlockKit(false);
    const blocks = [section('s'.repeat(3001))];
    await webClientFor(fake).chat.postMessage({ channel: 'C0GENERAL1', text: 'x', blocks });
    expect(fake.messages()).toHaveLength(1);
    fake.reset();
    const error = await errorOf(webClientFor(fake).chat.postMessage({ channel: 'C0GENERAL1', text: 'x', blocks }));
    expect(error?.data.error).toBe('invalid_blocks');
  });
});
