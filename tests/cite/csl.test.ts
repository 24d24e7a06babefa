/**
 * src/cite/csl.ts: an archived snapshot as the CSL-JSON item every citation format is made
 * from: type from the genre, authors split or kept literal, dates as UTC days, the archived
 * copy named in note/archive_location, and a citation key that is stable and ASCII.
 */
import { describe, expect, it } from 'vitest';
import type { ArchivedArticle } from '../../src/article.js';
import { ARCHIVE_NAME, citationKeyOf, citedSnapshotOf, cslDateOf, cslItemOf, snapshotDigits, type CitedSnapshot } from '../../src/cite/csl.js';

const SHA = 'a'.repeat(64);

function article(fields: Partial<ArchivedArticle> & Record<string, unknown> = {}): ArchivedArticle {
  return {
    title: 'The Élan of Rivers: a study',
    byline: 'By Amira Farouk',
    authors: ['Amira Farouk'],
    siteName: 'Daily Courier',
    lang: 'en',
    publishedTime: '2015-03-09T23:30:00-05:00',
    url: 'https://news.example/rivers',
    readerable: true,
    provenance: { fetchedAt: '2026-11-25T20:58:54.000Z', url: 'https://news.example/rivers?utm=1', sha256: { content: SHA } },
    ...fields,
  } as unknown as ArchivedArticle;
}

function cited(fields: Partial<CitedSnapshot> = {}, articleFields: Parameters<typeof article>[0] = {}): CitedSnapshot {
  return {
    key: 'c65795c9e7',
    snapshotName: '2026-11-25T20-58-54Z',
    snapshotPath: 'news.example/rivers/2026-11-25T20-58-54Z',
    snapshotNamed: false,
    article: article(articleFields),
    genre: 'news',
    ...fields,
  };
}

describe('cslDateOf', () => {
  it("is the time's calendar day in UTC", () => {
    expect(cslDateOf('2015-03-09T23:30:00-05:00')).toEqual({ 'date-parts': [[2015, 3, 10]] });
    expect(cslDateOf('2026-01-01')).toEqual({ 'date-parts': [[2026, 1, 1]] });
  });

  it('is undefined for no date or one that is no date', () => {
    expect(cslDateOf(null)).toBeUndefined();
    expect(cslDateOf(undefined)).toBeUndefined();
    expect(cslDateOf('')).toBeUndefined();
    expect(cslDateOf('next Tuesday')).toBeUndefined();
  });
});

describe('cslItemOf', () => {
  it('a news snapshot: every field from the Article, the archived copy in note and archive_location', () => {
    expect(cslItemOf(cited())).toEqual({
      id: 'farouk2015elan_c65795c9e7',
      'citation-key': 'farouk2015elan_c65795c9e7',
      type: 'article-newspaper',
      title: 'The Élan of Rivers: a study',
      author: [{ family: 'Farouk', given: 'Amira' }],
      'container-title': 'Daily Courier',
      issued: { 'date-parts': [[2015, 3, 10]] },
      accessed: { 'date-parts': [[2026, 11, 25]] },
      URL: 'https://news.example/rivers',
      language: 'en',
      note: `Archived copy: news.example/rivers/2026-11-25T20-58-54Z (content SHA-256 ${SHA})`,
      archive: ARCHIVE_NAME,
      archive_location: 'news.example/rivers/2026-11-25T20-58-54Z',
    });
  });

  it('a web page with nothing known leaves the fields out rather than writing empty ones, and takes the fetched URL', () => {
    const item = cslItemOf(cited({ genre: 'web' }, { title: null, authors: [], siteName: null, publishedTime: null, lang: null, url: null }));
    expect(item.type).toBe('webpage');
    expect(Object.keys(item).sort()).toEqual(['URL', 'accessed', 'archive', 'archive_location', 'citation-key', 'id', 'note', 'type'].sort());
    expect(item.URL).toBe('https://news.example/rivers?utm=1');
    expect(item.id).toBe('c65795c9e7');
  });

  it('authors the page types as organisations stay literal names', () => {
    const item = cslItemOf(cited({ organisations: ['Harbor Holt'] }, { authors: ['Harbor Holt', 'Jane Doe'] }));
    expect(item.author).toEqual([{ literal: 'Harbor Holt' }, { family: 'Doe', given: 'Jane' }]);
    expect(item.id).toBe('harborholt2015elan_c65795c9e7');
  });
});

describe('citationKeyOf', () => {
  it('skips short title words, drops accents and punctuation, and adds the snapshot time when one was named', () => {
    const named = cited({ snapshotNamed: true, snapshotName: '2026-11-25T20-58-54Z-2' }, { title: 'A Ñandú’s "Run"', authors: ["Seán O'Brien"] });
    expect(citationKeyOf(named)).toBe('obrien2015nandus_c65795c9e7_202611252058542');
    expect(citationKeyOf(named)).toMatch(/^[a-z0-9_]+$/);
  });

  it('without an author it takes the site name; without anything it is the page key', () => {
    expect(citationKeyOf(cited({}, { authors: [] }))).toBe('dailycourier2015elan_c65795c9e7');
    expect(citationKeyOf(cited({}, { authors: [], siteName: null, publishedTime: null, title: null }))).toBe('c65795c9e7');
  });

  it('is the same for the same snapshot every time', () => {
    expect(citationKeyOf(cited())).toBe(citationKeyOf(cited()));
  });
});

describe('snapshotDigits', () => {
  it("keeps a snapshot name's digits", () => {
    expect(snapshotDigits('2026-11-25T20-58-54Z')).toBe('20261125205854');
    expect(snapshotDigits('2026-11-25T20-58-54Z-2')).toBe('202611252058542');
  });
});

describe('citedSnapshotOf', () => {
  const entry = (articleFields: Parameters<typeof article>[0]) => ({
    page: { key: 'k1' },
    name: '2026-11-25T20-58-54Z',
    path: 'news.example/rivers/2026-11-25T20-58-54Z',
    article: article(articleFields),
  });

  it('takes the genre and organisations the Article records, without reading the page', () => {
    const snapshot = citedSnapshotOf(entry({ genre: 'web', authorOrganisations: ['Harbor Holt'] }), '<html>not read</html>', true);
    expect(snapshot).toMatchObject({ key: 'k1', snapshotName: '2026-11-25T20-58-54Z', snapshotNamed: true, genre: 'web', organisations: ['Harbor Holt'] });
  });

  it("an older snapshot: the captured page's JSON-LD decides the genre and its organisation authors", () => {
    const page = `<html><head><script type="application/ld+json">${JSON.stringify({
      '@type': 'BlogPosting',
      author: { '@type': 'Organization', name: 'Harbor Holt' },
    })}</script></head><body></body></html>`;
    const snapshot = citedSnapshotOf(entry({}), page, false);
    expect(snapshot.genre).toBe('web');
    expect(snapshot.organisations).toEqual(['Harbor Holt']);
  });

  it('an older snapshot with no page at hand: decided from the Article alone (dated and signed: news)', () => {
    expect(citedSnapshotOf(entry({}), undefined, false)).toMatchObject({ genre: 'news', organisations: [] });
    expect(citedSnapshotOf(entry({ publishedTime: null }), undefined, false)).toMatchObject({ genre: 'web', organisations: [] });
  });
});
