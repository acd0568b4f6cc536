import { describe, expect, it } from 'vitest';
import { fitMessage, fitOptions, fitView } from '../../../../src/slack/views/fit.js';
import { messageProblems, optionsProblems, viewProblems } from '../../../fakes/slack/block-kit.js';

const mrkdwn = (text: string) => ({ type: 'mrkdwn', text, verbatim: true });
const plain = (text: string) => ({ type: 'plain_text', text });
const section = (text: string) => ({ type: 'section', text: mrkdwn(text) });
const button = (value: string, label = 'Go') => ({ type: 'button', action_id: 'go', text: plain(label), value });

type Blocks = { blocks: Record<string, unknown>[] };
const textOf = (value: unknown, i: number) =>
  ((value as Blocks).blocks[i]?.['text'] as { text?: string } | undefined)?.text ?? '';

describe('fitMessage', () => {
  it('sends a message within the limits as it is', () => {
    const message = { text: 'hi', blocks: [section('hello'), { type: 'actions', elements: [button('v')] }] };
    expect(fitMessage(message)).toEqual({ value: message, changes: [], altered: false });
  });

  it('makes every mrkdwn text verbatim, which breaks no limit', () => {
    const fitted = fitMessage({ text: 'hi', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x' } }] });
    expect(fitted.changes).toEqual([]);
    expect(fitted.altered).toBe(true);
    expect((fitted.value as Blocks).blocks[0]).toEqual(section('x'));
  });

  it('cuts an over-long list section at whole lines with "…and N more"', () => {
    const lines = Array.from({ length: 15 }, (_, i) => `• No DocSpace account has \`person${i}@${'x'.repeat(240)}\``);
    const fitted = fitMessage({ text: 'fallback', blocks: [section(['Some people:', ...lines].join('\n'))] });
    expect(messageProblems(fitted.value)).toEqual([]);
    const text = textOf(fitted.value, 0);
    expect(text.startsWith('Some people:\n• No DocSpace account has `person0@')).toBe(true);
    expect(text).toMatch(/\n…and \d+ more$/);
    expect(fitted.changes).toEqual([expect.stringMatching(/^blocks\[0\]\.text: \d+ > 3000 characters$/)]);
  });

  it('shortens headers and button labels, and drops a button whose value cannot fit', () => {
    const fitted = fitMessage({
      text: 't',
      blocks: [
        { type: 'header', text: plain('h'.repeat(200)) },
        { type: 'actions', elements: [button('ok', 'l'.repeat(100)), button('v'.repeat(2001))] },
        { type: 'actions', elements: [button('v'.repeat(2001))] },
      ],
    });
    expect(messageProblems(fitted.value)).toEqual([]);
    const [, actions, ...rest] = (fitted.value as Blocks).blocks;
    expect(textOf(fitted.value, 0)).toHaveLength(150);
    expect(actions?.['elements']).toHaveLength(1);
    expect(rest).toEqual([]);
  });

  it('keeps 50 blocks: the first ones, "…and N more", and a trailing actions block', () => {
    const paging = { type: 'actions', elements: [button('page 2', 'Show more')] };
    const blocks = [...Array.from({ length: 60 }, (_, i) => section(`request ${i}`)), paging];
    const fitted = fitMessage({ text: 't', blocks });
    const out = (fitted.value as Blocks).blocks;
    expect(messageProblems(fitted.value)).toEqual([]);
    expect(out).toHaveLength(50);
    expect(out[47]).toEqual(section('request 47'));
    expect(out[48]).toEqual({ type: 'context', elements: [mrkdwn('…and 12 more')] });
    expect(out[49]).toEqual(paging);
  });

  it('drops a repeated block_id and caps context elements', () => {
    const fitted = fitMessage({
      text: 't',
      blocks: [
        { ...section('a'), block_id: 'same' },
        { ...section('b'), block_id: 'same' },
        { type: 'context', elements: Array.from({ length: 12 }, () => mrkdwn('c')) },
      ],
    });
    expect(messageProblems(fitted.value)).toEqual([]);
    const out = (fitted.value as Blocks).blocks;
    expect(out.map((b) => b['block_id'])).toEqual(['same', undefined, undefined]);
    expect(out[2]?.['elements']).toHaveLength(10);
  });

  it('shortens a top-level text over 40 000 characters', () => {
    const fitted = fitMessage({ text: 'x'.repeat(50_000) });
    expect((fitted.value as { text: string }).text.length).toBeLessThanOrEqual(40_000);
    expect(messageProblems(fitted.value)).toEqual([]);
  });

  it('sends a short valid fallback when a message cannot be fitted', () => {
    const broken = {
      type: 'section',
      get text(): never {
        throw new Error('unreadable');
      },
    };
    const fitted = fitMessage({ text: 'What went wrong', response_type: 'ephemeral', blocks: [broken] });
    expect(fitted.value).toEqual({
      text: 'What went wrong',
      response_type: 'ephemeral',
      blocks: [section('What went wrong')],
    });
    expect(fitted.changes).toEqual(['could not be fitted: fallback sent']);
  });

  it('says something when nothing valid is left and there is no text', () => {
    const fitted = fitMessage({ blocks: [{ type: 'actions', elements: [button('v'.repeat(2001))] }] });
    expect((fitted.value as unknown as { text: string }).text).toMatch(/too large to show in Slack/);
    expect(messageProblems(fitted.value)).toEqual([]);
  });
});

describe('fitView', () => {
  const modal = (extra: Record<string, unknown> = {}) => ({
    type: 'modal',
    callback_id: 'dsg_create',
    title: plain('Create group'),
    submit: plain('Save'),
    blocks: [section('hello')],
    ...extra,
  });

  it('sends a view within the limits as it is', () => {
    expect(fitView(modal())).toEqual({ value: modal(), changes: [], altered: false });
  });

  it('shortens labels and keeps at most 100 blocks', () => {
    const blocks = Array.from({ length: 120 }, (_, i) => section(`b${i}`));
    const fitted = fitView(modal({ title: plain('A title much longer than 24'), blocks }));
    expect(viewProblems(fitted.value)).toEqual([]);
    expect((fitted.value as Blocks).blocks).toHaveLength(100);
  });

  it('replaces a view whose private_metadata cannot fit, or without a title, by a short valid one', () => {
    for (const view of [modal({ private_metadata: 'm'.repeat(3001) }), modal({ title: undefined })]) {
      const fitted = fitView(view);
      expect(viewProblems(fitted.value)).toEqual([]);
      expect(JSON.stringify(fitted.value)).toContain('This form could not be shown');
      expect(fitted.changes.at(-1)).toBe('could not be fitted: fallback sent');
    }
  });
});

describe('fitOptions', () => {
  it('keeps at most 100 options, shortens their text and drops values over 150 characters', () => {
    const options = [
      { text: plain('o'.repeat(80)), value: 'a' },
      { text: plain('bad'), value: 'v'.repeat(151) },
      ...Array.from({ length: 150 }, (_, i) => ({ text: plain(`o${i}`), value: `${i}` })),
    ];
    const fitted = fitOptions(options);
    expect(optionsProblems(fitted.value)).toEqual([]);
    expect(fitted.value).toHaveLength(99);
    expect(fitted.altered).toBe(true);
  });
});
