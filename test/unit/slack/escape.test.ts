import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSlackEntities, escapeMrkdwn, truncate } from '../../../src/slack/escape.js';
import { SEED_TITLE } from '../../helpers/fuzz-seed.js';

// Any UTF-16 unit, lone surrogates included; fast-check's 'binary' unit costs seconds to initialise.
const anyText = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) });

describe(`escapeMrkdwn ${SEED_TITLE}`, () => {
  it('replaces &, < and > with their entities', () => {
    expect(escapeMrkdwn('A & B <C> D')).toBe('A &amp; B &lt;C&gt; D');
  });

  it('turns a channel ping into inert text', () => {
    expect(escapeMrkdwn('<!channel> hi')).toBe('&lt;!channel&gt; hi');
  });

  it('leaves quotes, apostrophes, mrkdwn markers and existing entities alone apart from their ampersand', () => {
    expect(escapeMrkdwn(`"O'Neil" *bold* _it_ &amp;`)).toBe(`"O'Neil" *bold* _it_ &amp;amp;`);
  });

  it('never leaves an angle bracket in its output', () => {
    fc.assert(
      fc.property(anyText, (text) => !/[<>]/.test(escapeMrkdwn(text))),
      { numRuns: 300 },
    );
  });
});

describe(`decodeSlackEntities ${SEED_TITLE}`, () => {
  it('decodes &amp;, &lt; and &gt;', () => {
    expect(decodeSlackEntities('A &amp; B &lt;C&gt;')).toBe('A & B <C>');
  });

  it('decodes in one pass, so an escaped entity stays an entity', () => {
    expect(decodeSlackEntities('&amp;lt;')).toBe('&lt;');
  });

  it('leaves other entities and bare ampersands alone', () => {
    expect(decodeSlackEntities('&quot;&#39; & &AMP;')).toBe('&quot;&#39; & &AMP;');
  });

  it('undoes escapeMrkdwn for any text', () => {
    fc.assert(
      fc.property(anyText, (text) => decodeSlackEntities(escapeMrkdwn(text)) === text),
      { numRuns: 300 },
    );
  });
});

describe(`truncate ${SEED_TITLE}`, () => {
  it('returns text that fits unchanged', () => {
    expect(truncate('Dev Team', 8)).toBe('Dev Team');
  });

  it('cuts longer text to the limit, ending with an ellipsis', () => {
    expect(truncate('Development Team', 8)).toBe('Develop…');
  });

  it('does not split a surrogate pair at the cut', () => {
    expect(truncate('ab😀cd', 4)).toBe('ab…');
  });

  it('returns an empty string for a limit of zero or less', () => {
    expect(truncate('abc', 0)).toBe('');
  });

  it('never returns more than the limit', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 0, max: 50 }), (text, max) => {
        return truncate(text, max).length <= max;
      }),
      { numRuns: 300 },
    );
  });
});
