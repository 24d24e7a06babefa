/** The listings of the site (src/site/pages/index-page.ts): order, filters, the front page's search, per-site and per-author pages. */
import { describe, expect, it } from 'vitest';
import { nameSlug } from '../../../src/site/pages/layout.js';
import { INDEX_SCRIPTS, filterValues, listingPages, newestFirst } from '../../../src/site/pages/index-page.js';
import type { PageSummary } from '../../../src/site/pages/summary.js';

function summary(key: string, fields: Partial<PageSummary> = {}): PageSummary {
  return {
    key,
    url: `https://news.example/${key}`,
    host: 'news.example',
    title: `Story ${key}`,
    siteName: null,
    authors: [],
    byline: null,
    publishedTime: null,
    fetchedAt: '2026-11-20T08:00:00Z',
    speakers: [],
    snapshots: 1,
    ...fields,
  };
}

describe('newestFirst', () => {
  it('orders pages by latest capture, newest first, then by URL', () => {
    const pages = [summary('b', { fetchedAt: '2026-11-21T00:00:00Z' }), summary('c'), summary('a'), summary('d', { fetchedAt: '2026-11-22T00:00:00Z' })];
    expect(newestFirst(pages).map((p) => p.key)).toEqual(['d', 'b', 'a', 'c']);
  });
});

describe('filterValues', () => {
  it('lists every site (its name, else its host), author and speaker once, sorted, blanks left out', () => {
    const pages = [
      summary('a', { siteName: 'Harbour Gazette', authors: ['Ann Lee', ' '], speakers: ['Tom Reyes', 'Helena Marsh'] }),
      summary('b', { host: 'coast.example', authors: ['Ann Lee', 'Bo Chen'], speakers: ['Helena Marsh'] }),
    ];
    expect(filterValues(pages)).toEqual({ sites: ['coast.example', 'Harbour Gazette'], authors: ['Ann Lee', 'Bo Chen'], speakers: ['Helena Marsh', 'Tom Reyes'] });
  });
});

describe('listingPages', () => {
  it('makes the front page with the search, its scripts and the filters leading to each listing', () => {
    const pages = [summary('a', { siteName: 'Harbour Gazette', authors: ['Ann Lee'], speakers: ['Helena Marsh'], byline: 'By Ann Lee', publishedTime: '2026-11-19T10:00:00Z' })];
    const files = listingPages({ kind: 'all', value: '', pages, filters: filterValues(pages) });
    expect([...files.keys()]).toEqual(['index.html']);
    const front = files.get('index.html')!;
    expect(front).toContain('<h1>Archived articles</h1>');
    expect(front).toContain('<form id="search-form"');
    for (const script of INDEX_SCRIPTS) expect(front).toContain(`<script src="${script}" defer></script>`);
    expect(front).toContain(`<option value="sites/${nameSlug('Harbour Gazette')}.html">Harbour Gazette</option>`);
    expect(front).toContain(`<option value="authors/${nameSlug('Ann Lee')}.html">Ann Lee</option>`);
    expect(front).toContain(`<option value="speakers/${nameSlug('Helena Marsh')}.html">Helena Marsh</option>`);
    expect(front).toContain('<h3 class="page-title"><a href="articles/a.html">Story a</a></h3>');
    expect(front).toContain('Harbour Gazette · By Ann Lee · published <time datetime="2026-11-19T10:00:00.000Z">2026-11-19</time>');
    expect(front).toContain('<p id="list-status" class="filter-status">1 article</p>');
  });

  it('makes a site’s and an author’s listings under their folders, linking back up, without search or scripts', () => {
    const pages = [summary('a'), summary('b')];
    const site = listingPages({ kind: 'site', value: 'Harbour Gazette', pages });
    const path = `sites/${nameSlug('Harbour Gazette')}.html`;
    expect([...site.keys()]).toEqual([path]);
    const text = site.get(path)!;
    expect(text).toContain('<h1>Articles from Harbour Gazette</h1>');
    expect(text).toContain('<p><a href="../index.html">All articles and search</a></p>');
    expect(text).toContain('<a href="../articles/a.html">Story a</a>');
    expect(text).toContain('2 articles');
    expect(text).not.toContain('<script');
    expect(text).not.toContain('search-form');
    const author = listingPages({ kind: 'author', value: 'Ann Lee', pages });
    expect(author.get(`authors/${nameSlug('Ann Lee')}.html`)).toContain('<h1>Articles by Ann Lee</h1>');
  });

  it('still makes the front page of an empty archive', () => {
    const front = listingPages({ kind: 'all', value: '', pages: [], filters: filterValues([]) }).get('index.html')!;
    expect(front).toContain('0 articles');
    expect(front).not.toContain('class="pager"');
  });

  it('names an untitled page by its URL, and shows hostile titles, names and filter values as text', () => {
    const hostile = '"><script>alert(1)</script>';
    const pages = [summary('a', { title: hostile, siteName: hostile, authors: [hostile], byline: hostile }), summary('b', { title: ' ' })];
    const files = listingPages({ kind: 'all', value: '', pages, filters: filterValues(pages) });
    const author = listingPages({ kind: 'author', value: hostile, pages });
    for (const text of [...files.values(), ...author.values()]) {
      expect(text).not.toContain('<script>alert');
      expect(text).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    }
    expect(files.get('index.html')).toContain('<a href="articles/b.html">https://news.example/b</a>');
  });
});
