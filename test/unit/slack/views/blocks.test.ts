import { describe, expect, it } from 'vitest';
import { clipMrkdwn, mention, nameList, packLines, slackDate } from '../../../../src/slack/views/blocks.js';

describe('blocks helpers', () => {
  it('never cuts an escaped entity in half when clipping', () => {
    const clipped = clipMrkdwn(`${'a'.repeat(8)}&amp;rest`, 11);
    expect(clipped).toBe(`${'a'.repeat(8)}…`);
  });

  it('never cuts a mention in half when clipping', () => {
    expect(clipMrkdwn('hello <@U0ALICE001> there', 12)).toBe('hello …');
  });

  it('builds mentions only from well-formed Slack user ids', () => {
    expect(mention('U0ALICE001')).toBe('<@U0ALICE001>');
    expect(mention('<!channel>')).toBe('&lt;!channel&gt;');
  });

  it('joins names with "and", escapes them and says how many more there are', () => {
    expect(nameList(['A', 'B & C'])).toBe('A and B &amp; C');
    expect(nameList(['A', 'B', 'C', 'D'], 2)).toBe('A, B and 2 more');
  });

  it('formats dates for Slack with a UTC fallback', () => {
    expect(slackDate(new Date('2026-11-26T10:00:00Z'))).toBe(
      '<!date^1795687200^{date_short_pretty} {time}|2026-11-26 10:00 UTC>',
    );
  });

  it('packs lines into sections of at most 3000 characters and reports lines left out', () => {
    const sections = packLines(
      Array.from({ length: 1000 }, () => 'x'.repeat(100)),
      3,
    );
    expect(sections).toHaveLength(3);
    for (const s of sections) expect(s.text?.text.length).toBeLessThanOrEqual(3000);
    expect(sections[2]?.text?.text).toMatch(/\n…and \d+ more$/);
  });
});
