/** absoluteHttpUrl (src/sources/http-url.ts): a feed's, sitemap's or saved page's link as a page URL, or nothing. */
import { describe, expect, it } from 'vitest';
import { absoluteHttpUrl } from '../../src/sources/http-url.js';

const FEED = 'https://news.example.org/feeds/world.xml';

describe('absoluteHttpUrl', () => {
  it('resolves site-relative and protocol-relative links against the base, trimmed, without the fragment', () => {
    expect(absoluteHttpUrl('/world/2026/ferry.html', FEED)).toBe('https://news.example.org/world/2026/ferry.html');
    expect(absoluteHttpUrl('  ../politics/vote#comments \n', FEED)).toBe('https://news.example.org/politics/vote');
    expect(absoluteHttpUrl('//cdn.example.net/a?b=1', FEED)).toBe('https://cdn.example.net/a?b=1');
    expect(absoluteHttpUrl('http://other.example/x', FEED)).toBe('http://other.example/x');
  });

  it('gives null for a missing or blank link, a scheme other than http(s), and what is no URL', () => {
    expect(absoluteHttpUrl(undefined, FEED)).toBeNull();
    expect(absoluteHttpUrl('   ', FEED)).toBeNull();
    expect(absoluteHttpUrl('javascript:alert(1)', FEED)).toBeNull();
    expect(absoluteHttpUrl('mailto:desk@news.example.org', FEED)).toBeNull();
    expect(absoluteHttpUrl('file:///etc/passwd', FEED)).toBeNull();
    expect(absoluteHttpUrl('http://[::1', FEED)).toBeNull();
    // A relative link with nothing to resolve it against.
    expect(absoluteHttpUrl('/a', 'not a url')).toBeNull();
  });
});
