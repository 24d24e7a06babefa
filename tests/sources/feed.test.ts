/**
 * parseFeedBody (src/sources/feed.ts): RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed bodies become
 * absolute http(s) entry URLs with id, date and title; entries without a usable link or
 * repeating one are counted, never guessed at; malformed bodies fail as bad-feed naming the feed.
 */
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/errors.js';
import { isoDate, parseFeedBody } from '../../src/sources/feed.js';
import { plural } from '../../src/text/index.js';

const FEED_URL = 'https://news.example/feeds/all.xml';
const SOURCE = 'https://news.example/feeds/all.xml';

function failure(text: string): SourceError {
  try {
    parseFeedBody(SOURCE, text, FEED_URL);
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error('expected parseFeedBody to fail');
}

describe('parseFeedBody: formats', () => {
  it('RSS 2.0: links resolved against the feed URL, guid as id, RFC 822 dates as ISO', () => {
    const feed = parseFeedBody(
      SOURCE,
      `\uFEFF  <?xml version="1.0"?><rss version="2.0"><channel><title> World News </title>
        <item><title> First </title><link>/2026/first#top</link><guid isPermaLink="false">id-1</guid><pubDate>Sat, 21 Nov 2026 10:00:00 +0100</pubDate></item>
        <item><title>Second</title><guid>https://news.example/2026/second</guid></item>
      </channel></rss>`,
      FEED_URL,
    );
    expect(feed).toEqual({
      format: 'rss',
      title: 'World News',
      entries: [
        { url: 'https://news.example/2026/first', id: 'id-1', date: '2026-11-21T09:00:00.000Z', title: 'First' },
        // No link: a permalink guid is the link.
        { url: 'https://news.example/2026/second', id: 'https://news.example/2026/second', date: null, title: 'Second' },
      ],
      problems: [],
    });
  });

  it('Atom: the alternate link, published before updated, a text title', () => {
    const feed = parseFeedBody(
      SOURCE,
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title><id>urn:feed</id><updated>2026-11-21T10:00:00Z</updated>
        <entry><title type="text">Entry A</title><id>urn:a</id><link rel="self" href="https://news.example/api/a"/><link rel="alternate" href="https://news.example/a"/>
          <published>2026-11-20T08:00:00Z</published><updated>2026-11-21T08:00:00Z</updated></entry>
        <entry><title>Entry B</title><id>urn:b</id><link href="b.html"/><updated>2026-11-19T08:00:00+02:00</updated></entry>
      </feed>`,
      FEED_URL,
    );
    expect(feed.format).toBe('atom');
    expect(feed.title).toBe('Atom News');
    expect(feed.entries).toEqual([
      { url: 'https://news.example/a', id: 'urn:a', date: '2026-11-20T08:00:00.000Z', title: 'Entry A' },
      { url: 'https://news.example/feeds/b.html', id: 'urn:b', date: '2026-11-19T06:00:00.000Z', title: 'Entry B' },
    ]);
  });

  it('RSS 1.0 (RDF): rdf:about as id, dc:date', () => {
    const feed = parseFeedBody(
      SOURCE,
      `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="https://news.example/"><title>RDF News</title><link>https://news.example/</link><description>d</description></channel>
        <item rdf:about="https://news.example/r1"><title>R1</title><link>https://news.example/r1</link><dc:date>2026-11-18T12:00:00Z</dc:date></item>
      </rdf:RDF>`,
      FEED_URL,
    );
    expect(feed.format).toBe('rdf');
    expect(feed.entries).toEqual([{ url: 'https://news.example/r1', id: 'https://news.example/r1', date: '2026-11-18T12:00:00.000Z', title: 'R1' }]);
  });

  it('JSON Feed: url, else external_url; a numeric id as text', () => {
    const feed = parseFeedBody(
      SOURCE,
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'JSON News',
        items: [
          { id: 7, url: 'https://news.example/j1', title: 'J1', date_published: '2026-11-17T00:00:00Z' },
          { id: 'j2', external_url: '/j2', date_modified: '2026-11-16T00:00:00Z' },
        ],
      }),
      FEED_URL,
    );
    expect(feed.format).toBe('json');
    expect(feed.title).toBe('JSON News');
    expect(feed.entries).toEqual([
      { url: 'https://news.example/j1', id: '7', date: '2026-11-17T00:00:00.000Z', title: 'J1' },
      { url: 'https://news.example/j2', id: 'j2', date: '2026-11-16T00:00:00.000Z', title: null },
    ]);
  });
});

describe('parseFeedBody: entries left out', () => {
  it('counts entries without an http(s) link and entries repeating a link, keeping the first', () => {
    const feed = parseFeedBody(
      SOURCE,
      `<rss version="2.0"><channel><title>T</title>
        <item><title>ok</title><link>https://news.example/ok</link></item>
        <item><title>again</title><link>https://news.example/ok#again</link></item>
        <item><title>script</title><link>javascript:alert(1)</link></item>
        <item><title>mail</title><link>mailto:desk@news.example</link></item>
        <item><title>none</title></item>
      </channel></rss>`,
      FEED_URL,
    );
    expect(feed.entries.map((entry) => [entry.url, entry.title])).toEqual([['https://news.example/ok', 'ok']]);
    expect(feed.problems).toEqual(['3 entries without an http(s) link left out', '1 entry repeating an earlier link left out']);
  });

  it('an unreadable date is null, not a guess', () => {
    const feed = parseFeedBody(SOURCE, '<rss version="2.0"><channel><item><link>https://news.example/a</link><pubDate>someday</pubDate></item></channel></rss>', FEED_URL);
    expect(feed.entries[0]!.date).toBeNull();
  });
});

describe('parseFeedBody: refused', () => {
  it('malformed XML is bad-feed, naming the feed', () => {
    const error = failure('<rss version="2.0"><channel><item><link>https://news.example/a</link></channel></rss>');
    expect(error).toMatchObject({ source: SOURCE, code: 'bad-feed' });
    expect(error.reason).toMatch(/^malformed XML: /);
  });

  it('malformed JSON is bad-feed', () => {
    const error = failure('{"version": "https://jsonfeed.org/version/1.1", "items": [');
    expect(error.code).toBe('bad-feed');
    expect(error.reason).toMatch(/^malformed JSON Feed: /);
  });

  it('well-formed XML that is no feed is bad-feed ("not a feed")', () => {
    const error = failure('<?xml version="1.0"?><html><body><p>a page</p></body></html>');
    expect(error.code).toBe('bad-feed');
    expect(error.reason).toMatch(/^not a feed \(/);
  });
});

describe('isoDate and plural', () => {
  it('reads RFC 822 and ISO 8601 dates as ISO 8601 in UTC; nothing readable is null', () => {
    expect(isoDate('Tue, 10 Mar 2015 04:30:00 GMT')).toBe('2015-03-10T04:30:00.000Z');
    expect(isoDate(' 2015-03-09T23:30:00-05:00 ')).toBe('2015-03-10T04:30:00.000Z');
    expect(isoDate(undefined)).toBeNull();
    expect(isoDate('   ')).toBeNull();
    expect(isoDate('not a date')).toBeNull();
  });

  it('says one or many', () => {
    expect(plural(1, 'entry', 'entries')).toBe('1 entry');
    expect(plural(0, 'entry', 'entries')).toBe('0 entries');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });
});
