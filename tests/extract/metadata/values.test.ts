/**
 * Metadata value helpers (src/extract/metadata/values.ts): placeholders skipped, entities decoded
 * once more, absolute http(s) URLs only, and a throwing normaliser never fatal.
 */
import { describe, expect, it } from 'vitest';
import { absoluteUrl, attempt, decodeEntities, firstText, firstValid, PLACEHOLDER } from '../../../src/extract/metadata/values.js';

const found = (...values: string[]) => values.map((value) => ({ value, source: 'test' }));

describe('firstValid', () => {
  it('returns the first candidate the normaliser accepts, in order', () => {
    expect(firstValid(found('abc', '2024', '1999'), (value) => (/^\d+$/.test(value) ? `year ${value}` : null))).toBe('year 2024');
  });

  it('skips template placeholders whatever their case or padding', () => {
    for (const placeholder of ['null', ' NULL ', 'undefined', 'None', 'n/a', 'N/A', 'false', 'true', '0', '-', 'nil']) {
      expect(PLACEHOLDER.test(placeholder.trim()), placeholder).toBe(true);
    }
    expect(firstValid(found('null', ' N/A ', 'undefined', 'Jane Doe'), (value) => value)).toBe('Jane Doe');
    expect(PLACEHOLDER.test('Nonesuch')).toBe(false);
  });

  it('skips a candidate whose normaliser throws, and goes on to the next', () => {
    const normalize = (value: string) => new Date(value).toISOString();
    expect(firstValid(found('not a date', '2024-03-05T09:30:00Z'), normalize)).toBe('2024-03-05T09:30:00.000Z');
  });

  it('gives null when nothing normalises', () => {
    expect(firstValid(found('null', ''), (value) => value || null)).toBeNull();
    expect(firstValid([], (value) => value)).toBeNull();
  });
});

describe('firstText', () => {
  it('decodes a second level of entities and collapses whitespace', () => {
    expect(firstText(found('  ', 'Tom &amp;amp; Jerry\n\t  return'))).toBe('Tom &amp; Jerry return');
    expect(firstText(found('Caf&#xE9;   &quot;Rose&quot;'))).toBe('Café "Rose"');
  });

  it('gives null for only placeholders and blanks', () => {
    expect(firstText(found('null', '   ', '&nbsp;'))).toBeNull();
  });
});

describe('decodeEntities', () => {
  it('decodes the named entities CMSes escape twice, and numeric ones', () => {
    expect(decodeEntities('&lt;b&gt; &apos;x&apos; &#39;y&#39; &#x2014; &#8212;')).toBe("<b> 'x' 'y' — —");
  });

  it('decodes one level only', () => {
    expect(decodeEntities('&amp;amp;')).toBe('&amp;');
  });

  it('replaces invalid code points (zero, surrogates, past U+10FFFF) with U+FFFD', () => {
    expect(decodeEntities('a&#0;b&#xD800;c&#x110000;d')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
  });

  it('leaves unknown named entities and bare ampersands alone', () => {
    expect(decodeEntities('AT&T &copy; &foo;')).toBe('AT&T &copy; &foo;');
  });
});

describe('absoluteUrl', () => {
  const base = 'https://news.example.com/world/2024/story.html';

  it('resolves a relative href against the base', () => {
    expect(absoluteUrl('../img/a.jpg', base, false)).toBe('https://news.example.com/world/img/a.jpg');
    expect(absoluteUrl('//cdn.example.net/a.jpg', base, false)).toBe('https://cdn.example.net/a.jpg');
  });

  it('drops the fragment only when asked', () => {
    expect(absoluteUrl('/a?x=1#top', base, true)).toBe('https://news.example.com/a?x=1');
    expect(absoluteUrl('/a?x=1#top', base, false)).toBe('https://news.example.com/a?x=1#top');
  });

  it('undoes an escaped ampersand in the query', () => {
    expect(absoluteUrl(' /search?q=a&amp;page=2 ', base, false)).toBe('https://news.example.com/search?q=a&page=2');
  });

  it('refuses a relative href with no base, non-http schemes, and blanks', () => {
    expect(absoluteUrl('/a.jpg', null, false)).toBeNull();
    expect(absoluteUrl('javascript:alert(1)', base, false)).toBeNull();
    expect(absoluteUrl('data:image/png;base64,AAAA', base, false)).toBeNull();
    expect(absoluteUrl('ftp://files.example.com/a', base, false)).toBeNull();
    expect(absoluteUrl('   ', base, false)).toBeNull();
    expect(absoluteUrl('http://[bad', null, false)).toBeNull();
  });

  it('accepts an absolute http URL without a base', () => {
    expect(absoluteUrl('HTTP://Example.COM/A', null, false)).toBe('http://example.com/A');
  });
});

describe('attempt', () => {
  it('returns the value, or null when the reader throws', () => {
    expect(attempt(() => 42)).toBe(42);
    expect(
      attempt(() => {
        throw new Error('odd page');
      }),
    ).toBeNull();
  });
});
