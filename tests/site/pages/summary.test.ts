/** What the index and the speakers pages keep of a page (src/site/pages/summary.ts). */
import { describe, expect, it } from 'vitest';
import { siteLabel, summarize } from '../../../src/site/pages/summary.js';
import { quote } from '../../helpers/archived-snapshot.js';
import { siteArticle } from '../../helpers/site-article.js';

const PAGE = { key: 'c65795c9e7', url: 'https://news.example/a', host: 'news.example' };

describe('summarize', () => {
  it('keeps the page, the article’s title, names and dates, the latest capture time and the snapshot count', () => {
    const article = siteArticle({ title: 'Ferry vote', siteName: 'Harbour Gazette', authors: ['Ann Lee'], byline: 'By Ann Lee', publishedTime: '2026-11-20T08:00:00Z', provenance: { fetchedAt: '2026-11-25T20:58:54Z' } });
    expect(summarize(PAGE, article, 3)).toEqual({
      ...PAGE,
      title: 'Ferry vote',
      siteName: 'Harbour Gazette',
      authors: ['Ann Lee'],
      byline: 'By Ann Lee',
      publishedTime: '2026-11-20T08:00:00Z',
      fetchedAt: '2026-11-25T20:58:54Z',
      // The seed article quotes him.
      speakers: ['Gulmurod Khalimov'],
      snapshots: 3,
    });
  });

  it('lists each named speaker once, in the order first quoted, and leaves out quotations without one', () => {
    const quotes = [quote('One.', 'Helena Marsh'), quote('Two.', null), quote('Three.', 'Tom Reyes'), quote('Four.', 'Helena Marsh'), quote('Five.', '')];
    expect(summarize(PAGE, siteArticle({ quotes }), 1).speakers).toEqual(['Helena Marsh', 'Tom Reyes']);
  });

  it('takes an article.json written before authors and quotes were kept as having none', () => {
    const older = siteArticle();
    delete (older as Partial<typeof older>).authors;
    delete (older as Partial<typeof older>).quotes;
    expect(summarize(PAGE, older, 1)).toMatchObject({ authors: [], speakers: [] });
  });
});

describe('siteLabel', () => {
  it('is the site’s stated name, else its host', () => {
    const summary = summarize(PAGE, siteArticle({ siteName: '  Harbour Gazette ' }), 1);
    expect(siteLabel(summary)).toBe('Harbour Gazette');
    expect(siteLabel({ ...summary, siteName: '   ' })).toBe('news.example');
    expect(siteLabel({ ...summary, siteName: null })).toBe('news.example');
  });
});
