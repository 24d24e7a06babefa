/**
 * expandListing (src/sources/expand.ts): a feed or sitemap body becomes the sources to archive
 * next: newest first, --since, --new-only and --limit applied after every entry id is recorded;
 * a sitemap index's children read one level deeper, each once, to a bounded depth.
 */
import { describe, expect, it } from 'vitest';
import { expandListing } from '../../src/sources/expand.js';
import { MAX_SITEMAP_DEPTH } from '../../src/sources/sitemap.js';

const FEED = 'https://news.example/feed.xml';

function body(text: string) {
  return { text: () => text, bytes: new TextEncoder().encode(text) };
}

function rss(items: { link: string; date?: string; title?: string }[]): string {
  const xml = items
    .map((item) => `<item><title>${item.title ?? item.link}</title><link>${item.link}</link>${item.date ? `<pubDate>${item.date}</pubDate>` : ''}</item>`)
    .join('');
  return `<rss version="2.0"><channel><title>T</title>${xml}</channel></rss>`;
}

const ITEMS = [
  { link: 'https://news.example/old', date: 'Mon, 02 Nov 2026 10:00:00 GMT' },
  { link: 'https://news.example/undated-1' },
  { link: 'https://news.example/new', date: 'Sat, 21 Nov 2026 10:00:00 GMT' },
  { link: 'https://news.example/mid', date: 'Tue, 10 Nov 2026 10:00:00 GMT' },
  { link: 'https://news.example/undated-2' },
];

function urlset(urls: { loc: string; lastmod?: string }[]): string {
  return `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls
    .map((url) => `<url><loc>${url.loc}</loc>${url.lastmod ? `<lastmod>${url.lastmod}</lastmod>` : ''}</url>`)
    .join('')}</urlset>`;
}

function sitemapIndex(locs: string[]): string {
  return `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs
    .map((loc) => `<sitemap><loc>${loc}</loc></sitemap>`)
    .join('')}</sitemapindex>`;
}

describe('expandListing: feeds', () => {
  it('lists entries newest first, undated after dated in listed order, with the feed entry as origin', async () => {
    const expansion = await expandListing(FEED, 'feed', body(rss(ITEMS)), FEED, {});
    expect(expansion.kind).toBe('feed');
    expect(expansion.listed.map((item) => item.source)).toEqual([
      'https://news.example/new',
      'https://news.example/mid',
      'https://news.example/old',
      'https://news.example/undated-1',
      'https://news.example/undated-2',
    ]);
    expect(expansion.listed.every((item) => !item.isSitemap)).toBe(true);
    expect(expansion.listed[0]!.origin).toEqual({
      feed: FEED,
      entryId: 'https://news.example/new',
      entryDate: '2026-11-21T10:00:00.000Z',
      entryTitle: 'https://news.example/new',
    });
    expect(expansion.problems).toEqual([]);
  });

  it('--since keeps newer and undated entries; --limit takes the newest; entryIds keep every entry', async () => {
    const expansion = await expandListing(FEED, 'feed', body(rss(ITEMS)), FEED, { since: new Date('2026-11-05T00:00:00Z'), limit: 3 });
    expect(expansion.listed.map((item) => item.source)).toEqual([
      'https://news.example/new',
      'https://news.example/mid',
      'https://news.example/undated-1',
    ]);
    expect(expansion.entryIds).toHaveLength(5);
  });

  it('--new-only leaves out pages the archive holds (asked of isArchived); without isArchived nothing is left out', async () => {
    const archived = new Set(['https://news.example/new', 'https://news.example/undated-2']);
    const newOnly = await expandListing(FEED, 'feed', body(rss(ITEMS)), FEED, { newOnly: true, isArchived: (url) => archived.has(url) });
    expect(newOnly.listed.map((item) => item.source)).toEqual(['https://news.example/mid', 'https://news.example/old', 'https://news.example/undated-1']);
    const withoutLookup = await expandListing(FEED, 'feed', body(rss(ITEMS)), FEED, { newOnly: true });
    expect(withoutLookup.listed).toHaveLength(5);
  });

  it('an empty feed says so; entries left out are reported, not listed', async () => {
    expect((await expandListing(FEED, 'feed', body(rss([])), FEED, {})).problems).toEqual(['the feed lists no entries']);
    const bad = await expandListing(FEED, 'feed', body(rss([{ link: 'javascript:x()' }])), FEED, {});
    expect(bad.listed).toEqual([]);
    expect(bad.problems).toEqual(['1 entry without an http(s) link left out']);
  });

  it('a malformed feed fails as bad-feed naming it', async () => {
    await expect(expandListing(FEED, 'feed', body('<rss><channel>'), FEED, {})).rejects.toMatchObject({ source: FEED, code: 'bad-feed' });
  });
});

describe('expandListing: sitemaps', () => {
  const SITEMAP = 'https://news.example/sitemap.xml';

  it('a urlset lists its pages newest first with the sitemap as origin, and --limit applies', async () => {
    const text = urlset([
      { loc: 'https://news.example/p1', lastmod: '2026-11-01' },
      { loc: 'https://news.example/p2', lastmod: '2026-11-20' },
      { loc: 'https://news.example/p3' },
    ]);
    const expansion = await expandListing(SITEMAP, 'sitemap', body(text), SITEMAP, { limit: 2 });
    expect(expansion.kind).toBe('sitemap');
    expect(expansion.listed.map((item) => [item.source, item.isSitemap])).toEqual([
      ['https://news.example/p2', false],
      ['https://news.example/p1', false],
    ]);
    expect(expansion.listed[0]!.origin).toMatchObject({ feed: SITEMAP, entryId: 'https://news.example/p2' });
    expect(expansion.entryIds).toEqual(['https://news.example/p1', 'https://news.example/p2', 'https://news.example/p3']);
  });

  it('an empty urlset says so', async () => {
    expect((await expandListing(SITEMAP, 'sitemap', body(urlset([])), SITEMAP, {})).problems).toEqual(['the sitemap lists no pages']);
  });

  it('an index lists its children as sitemaps, never itself nor one read already, and records them as visited', async () => {
    const visited = new Set(['https://news.example/s-read.xml']);
    const text = sitemapIndex([SITEMAP, 'https://news.example/s1.xml', 'https://news.example/s-read.xml', 'https://news.example/s2.xml', 'https://news.example/s1.xml']);
    const expansion = await expandListing(SITEMAP, 'sitemap', body(text), SITEMAP, { visited });
    expect(expansion.listed.map((item) => [item.source, item.isSitemap])).toEqual([
      ['https://news.example/s1.xml', true],
      ['https://news.example/s2.xml', true],
    ]);
    expect(expansion.entryIds).toEqual([]);
    expect(visited).toEqual(new Set([SITEMAP, 'https://news.example/s-read.xml', 'https://news.example/s1.xml', 'https://news.example/s2.xml']));
    expect(expansion.problems).toContain('the sitemap index lists itself; not read again');
    expect(expansion.problems).toContain('https://news.example/s-read.xml was read already; not read again');
  });

  it(`an index nested deeper than ${MAX_SITEMAP_DEPTH} indexes reads no more children, saying so`, async () => {
    const text = sitemapIndex(['https://news.example/deep.xml']);
    const atLimit = await expandListing(SITEMAP, 'sitemap', body(text), SITEMAP, { depth: MAX_SITEMAP_DEPTH - 1 });
    expect(atLimit.listed.map((item) => item.source)).toEqual(['https://news.example/deep.xml']);
    const past = await expandListing(SITEMAP, 'sitemap', body(text), SITEMAP, { depth: MAX_SITEMAP_DEPTH });
    expect(past.listed).toEqual([]);
    expect(past.problems).toEqual([`sitemap indexes nested deeper than ${MAX_SITEMAP_DEPTH}; https://news.example/deep.xml not read`]);
  });

  it('an empty index says so', async () => {
    expect((await expandListing(SITEMAP, 'sitemap', body(sitemapIndex([])), SITEMAP, {})).problems).toEqual(['the sitemap index lists no sitemaps']);
  });
});
