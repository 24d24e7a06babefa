/** xmlProblem (src/sources/xml.ts): the first well-formedness error of a feed or sitemap, with its place, or null. */
import { describe, expect, it } from 'vitest';
import { xmlProblem } from '../../src/sources/xml.js';

describe('xmlProblem', () => {
  it('passes a well-formed feed, namespaces, CDATA and entities included', () => {
    const feed = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>News &amp; views</title>
<item><title><![CDATA[Ferry <b>vote</b>]]></title><dc:creator>Desk</dc:creator><link>https://news.example/a</link></item>
</channel></rss>`;
    expect(xmlProblem(feed)).toBeNull();
  });

  it('names the line and column of the first error: an unclosed tag, a bare ampersand, a second root', () => {
    expect(xmlProblem('<rss>\n<channel><title>A</title>\n</rss>')).toMatch(/^3:\d+: /);
    expect(xmlProblem('<rss><title>Tom & Jerry</title></rss>')).toMatch(/^1:\d+: .*/);
    expect(xmlProblem('<urlset></urlset><urlset></urlset>')).toMatch(/^1:\d+: /);
  });

  it('refuses an HTML page served as a feed, and an empty body', () => {
    expect(xmlProblem('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Home</title></head><body><p>Hi<br></body></html>')).not.toBeNull();
    expect(xmlProblem('')).not.toBeNull();
  });
});
