import { describe, expect, it } from 'vitest';
import { decodeHtmlEntities } from '../../../src/docspace/html.js';

describe('decodeHtmlEntities', () => {
  it('decodes the named entities DocSpace emits', () => {
    expect(decodeHtmlEntities('Hal &lt;!channel&gt; &amp; &quot;Co&quot; &apos;s')).toBe('Hal <!channel> & "Co" \'s');
  });

  it('decodes decimal numeric references such as the apostrophe in O&#39;Neil', () => {
    expect(decodeHtmlEntities('Carol O&#39;Neil, Zo&#235;')).toBe("Carol O'Neil, Zoë");
  });

  it('decodes hexadecimal numeric references in either case', () => {
    expect(decodeHtmlEntities('O&#x27;Brien &#X1F600;')).toBe("O'Brien 😀");
  });

  it('decodes in a single pass so an encoded entity stays an entity', () => {
    expect(decodeHtmlEntities('&amp;lt;b&amp;gt;')).toBe('&lt;b&gt;');
  });

  it('leaves unknown named entities and invalid code points untouched', () => {
    expect(decodeHtmlEntities('a&nbsp;b &#0; &#xD800; &#1114112; & c')).toBe('a&nbsp;b &#0; &#xD800; &#1114112; & c');
  });

  it('returns text without ampersands unchanged', () => {
    expect(decodeHtmlEntities('Plain Name')).toBe('Plain Name');
  });
});
