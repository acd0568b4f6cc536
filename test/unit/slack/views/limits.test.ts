import { describe, expect, it } from 'vitest';
import { clipLines, clipMrkdwn, moreLine, packList } from '../../../../src/slack/views/limits.js';

describe('clipMrkdwn', () => {
  it('leaves text within the limit alone', () => {
    expect(clipMrkdwn('short', 5)).toBe('short');
  });

  it('cuts before an entity, a mention or a date token rather than through it', () => {
    expect(clipMrkdwn('abc &amp; def', 7)).toBe('abc …');
    expect(clipMrkdwn('hi <@U0ALICE001> there', 10)).toBe('hi …');
    expect(clipMrkdwn('at <!date^1^{date}|2026-11-26 UTC> ok', 20)).toBe('at …');
  });

  it('never leaves half of a surrogate pair', () => {
    const clipped = clipMrkdwn('ab😀cd', 4);
    expect(clipped).toBe('ab…');
    expect(clipMrkdwn('x', 0)).toBe('');
  });
});

describe('packList', () => {
  it('keeps every line when they fit', () => {
    expect(packList(['a', 'b'], 3)).toEqual(['a', 'b']);
  });

  it('keeps whole lines in order and says how many were left out', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `line ${i} ${'x'.repeat(20)}`);
    const packed = packList(lines, 100);
    expect(packed.at(-1)).toBe(moreLine(10 - (packed.length - 1)));
    expect(packed.slice(0, -1)).toEqual(lines.slice(0, packed.length - 1));
    expect(packed.join('\n').length).toBeLessThanOrEqual(100);
  });

  it('cuts a first line that is too long on its own instead of showing nothing', () => {
    const packed = packList(['y'.repeat(500), 'z'], 100);
    expect(packed).toHaveLength(2);
    expect(packed[0]?.endsWith('…')).toBe(true);
    expect(packed[1]).toBe('…and 1 more');
    expect(packed.join('\n').length).toBeLessThanOrEqual(100);
  });
});

describe('clipLines', () => {
  it('cuts a list at whole lines, ending with "…and N more"', () => {
    const text = ['head', ...Array.from({ length: 50 }, (_, i) => `• item ${i} &amp; <@U0ALICE001>`)].join('\n');
    const clipped = clipLines(text, 300);
    expect(clipped.length).toBeLessThanOrEqual(300);
    expect(clipped.startsWith('head\n• item 0 &amp; <@U0ALICE001>\n')).toBe(true);
    expect(clipped).toMatch(/\n…and \d+ more$/);
  });

  it('cuts one long line mid-line, safely', () => {
    expect(clipLines(`${'a'.repeat(10)}&amp;`, 12)).toBe(`${'a'.repeat(10)}…`);
  });
});
