import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readSitemap, type SitemapKind } from '../../src/sources/sitemap.js';

async function entries(body: Uint8Array | string) {
  let kind: SitemapKind | null = null;
  const found = [];
  for await (const entry of readSitemap('s.xml', typeof body === 'string' ? Buffer.from(body) : body, (k) => (kind = k))) found.push(entry);
  return { kind, found };
}

describe('sitemaps, streamed', () => {
  it('a gzipped news sitemap: URLs with publication date and title', async () => {
    const xml = '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc> https://n.example/a </loc><lastmod>2026-11-01</lastmod><news:news><news:publication_date>2026-11-02T08:00:00+01:00</news:publication_date><news:title>A &amp; B</news:title></news:news></url><url><loc><![CDATA[https://n.example/b]]></loc></url><url><loc>ftp://n.example/c</loc></url></urlset>';
    const { kind, found } = await entries(gzipSync(xml));
    expect(kind).toBe('urlset');
    expect(found).toEqual([
      { url: 'https://n.example/a', date: '2026-11-02T07:00:00.000Z', title: 'A & B' },
      { url: 'https://n.example/b', date: null, title: null },
    ]);
  });
  it('50,000 URLs come out as they are parsed', async () => {
    const xml = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${Array.from({ length: 50_000 }, (_, i) => `<url><loc>https://n.example/${i}</loc></url>`).join('')}</urlset>`;
    let count = 0;
    let firstAfterChunks = -1;
    for await (const entry of readSitemap('big.xml', gzipSync(xml))) {
      if (count === 0) firstAfterChunks = 0;
      count++;
      void entry;
    }
    expect(count).toBe(50_000);
    expect(firstAfterChunks).toBe(0);
  });
  it('malformed XML and a root that is no sitemap fail naming the source', async () => {
    await expect(entries('<urlset><url><loc>https://x/</url></urlset>')).rejects.toThrow(/^s\.xml: malformed sitemap XML/);
    await expect(entries('<?xml version="1.0"?><rss><channel/></rss>')).rejects.toThrow(/^s\.xml: malformed sitemap XML: the root element is <rss>/);
    await expect(entries(gzipSync('<urlset>').subarray(0, 10))).rejects.toThrow(/^s\.xml: /);
  });
});
