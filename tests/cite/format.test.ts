/**
 * CSL items from Articles, and citation-js's formats read back by independent parsers, for the
 * names and titles that are hardest to cite (no archive: the CLI test covers that path).
 */
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { parse as parseRis } from 'astrocite-ris';
import { describe, expect, it } from 'vitest';
import type { ArchivedArticle } from '../../src/article.js';
import { citationName } from '../../src/cite/names.js';
import { citedSnapshotOf, cslItemOf } from '../../src/cite/csl.js';
import { formatCitations } from '../../src/cite/format.js';
import { decideGenre } from '../../src/extract/page-genre.js';

describe('author names', () => {
  it('keeps organisations literal and splits people, with particles and suffixes', () => {
    expect(citationName('Reuters Staff')).toEqual({ literal: 'Reuters Staff' });
    expect(citationName('Associated Press')).toEqual({ literal: 'Associated Press' });
    expect(citationName('AFP')).toEqual({ literal: 'AFP' });
    expect(citationName('Jean-Luc de La Fontaine')).toEqual({ given: 'Jean-Luc', 'non-dropping-particle': 'de', family: 'La Fontaine' });
    expect(citationName('Ludwig van Beethoven')).toEqual({ given: 'Ludwig', 'non-dropping-particle': 'van', family: 'Beethoven' });
    expect(citationName('Maria De Souza')).toEqual({ given: 'Maria', family: 'De Souza' });
    expect(citationName('Martin Luther King Jr.')).toEqual({ given: 'Martin Luther', family: 'King', suffix: 'Jr.' });
    expect(citationName('Farouk, Adam')).toEqual({ given: 'Adam', family: 'Farouk' });
    expect(citationName('Ana Lima', new Set(['Ana Lima']))).toEqual({ literal: 'Ana Lima' });
  });
});

describe('genre', () => {
  const article = { publishedTime: '2024-01-01T00:00:00Z', authors: ['A B'], byline: 'A B', readerable: true };
  it('reads the page’s own statements first, then the Article', () => {
    expect(decideGenre(['WebPage', 'NewsArticle'], 'article', article).genre).toBe('news');
    expect(decideGenre(['BlogPosting'], 'article', article).genre).toBe('web');
    expect(decideGenre([], 'website', article).genre).toBe('web');
    expect(decideGenre([], null, { ...article, readerable: false }).genre).toBe('web');
    expect(decideGenre([], 'article', article).genre).toBe('news');
    expect(decideGenre([], null, { ...article, authors: [], byline: null }).genre).toBe('web');
  });
});

describe('citing a snapshot', () => {
  const entry = (html: string | undefined, overrides: Partial<ArchivedArticle> = {}) =>
    citedSnapshotOf({ page: { key: 'abcdef0123' }, name: '2026-11-25T20-58-54Z', path: 'h/p--abcdef0123/2026-11-25T20-58-54Z', article: archived(overrides) }, html, false);

  it('takes the genre and organisation authors from the captured page', () => {
    const page = `<html><head><meta property="og:type" content="website"><script type="application/ld+json">
      {"@type": "BlogPosting", "author": [{"@type": "Organization", "name": "Garden Club"}]}</script></head><body><p>x</p></body></html>`;
    const cited = entry(page, { authors: ['Garden Club'] });
    expect(cited.genre).toBe('web');
    expect(cslItemOf(cited).author).toEqual([{ literal: 'Garden Club' }]);
  });

  it('takes the genre and organisation authors the Article records over the captured page', () => {
    const page = `<html><head><script type="application/ld+json">{"@type": "NewsArticle"}</script></head><body><p>x</p></body></html>`;
    const cited = entry(page, { authors: ['Garden Club', 'Ana Lima'], genre: 'web', authorOrganisations: ['Garden Club'] });
    expect(cited.genre).toBe('web');
    expect(cslItemOf(cited).author).toEqual([{ literal: 'Garden Club' }, { family: 'Lima', given: 'Ana' }]);
  });

  it('falls back on the Article when the captured page is gone or cannot be parsed again', () => {
    const tooDeep = `<html><body>${'<div>'.repeat(2000)}x${'</div>'.repeat(2000)}</body></html>`;
    for (const html of [undefined, tooDeep]) {
      const cited = entry(html, { authors: ['Ana Lima'], byline: 'Ana Lima' });
      expect(cited.genre).toBe('news');
      expect(cslItemOf(cited).type).toBe('article-newspaper');
    }
  });
});

function archived(overrides: Partial<ArchivedArticle>): ArchivedArticle {
  return {
    schemaVersion: 1, url: 'https://paper.example/a?b=1&c=%20', canonicalUrl: null, readerable: true, confidence: 0.9, wordCount: 10,
    text: '', markdown: '', html: '', embeds: [], quotes: [], warnings: [], title: 'T', authors: [], byline: null, siteName: 'Paper & Co',
    lang: 'de-DE', publishedTime: '2021-02-03T04:05:06Z', modifiedTime: null, excerpt: null, image: null, tags: [], section: null,
    provenance: {
      requestedUrl: 'x', url: 'https://paper.example/a', ignoredCanonical: null, source: 'http', redirects: [], status: 200, headers: {},
      fetchedAt: '2026-11-25T20:58:54.000Z', encoding: 'UTF-8', encodingSource: 'header',
      sha256: { capture: 'c'.repeat(64), text: 't'.repeat(64), content: 'f'.repeat(64) }, clipfile: { version: '0', options: {} },
    },
    ...overrides,
  } as ArchivedArticle;
}

describe('formats read back', () => {
  const titles = ['Braces {} and 100% “quotes” & more', 'Ça va, Zürich? Ñandú — déjà vu', 'Пожар в Москве', '東京の地震', 'نار في القاهرة'];
  const items = titles.map((title, index) =>
    cslItemOf({
      key: `${index}`.repeat(10), snapshotName: '2026-11-25T20-58-54Z', snapshotPath: `paper.example_8080/p--${`${index}`.repeat(10)}/2026-11-25T20-58-54Z`,
      snapshotNamed: false, genre: 'news',
      article: archived({ title, authors: ['Reuters Staff', 'Jean-Luc de La Fontaine', 'Associated Press'] }),
    }),
  );

  it('BibTeX and BibLaTeX keep every title, the organisations literal and the particle apart', async () => {
    for (const format of ['bibtex', 'biblatex'] as const) {
      const { entries, errors } = await parseBibtex(formatCitations(items, format), { sentenceCase: false });
      expect(errors).toEqual([]);
      expect(entries.map((entry) => entry.fields.title)).toEqual(titles);
      for (const entry of entries) {
        expect(entry.fields.author).toEqual([{ name: 'Reuters Staff' }, { lastName: 'La Fontaine', firstName: 'Jean-Luc', prefix: 'de' }, { name: 'Associated Press' }]);
        expect(entry.fields.url).toBe('https://paper.example/a?b=1&c=%20');
        expect(entry.fields[format === 'bibtex' ? 'journal' : 'journaltitle']).toBe('Paper & Co');
        expect(entry.fields.note).toContain('paper.example_8080/p--');
      }
    }
  });

  it('RIS keeps every title and the names, one tag per line', () => {
    const text = formatCitations(items, 'ris');
    for (const line of text.trimEnd().split('\n')) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}-( .*)?$/);
    const parsed = parseRis(text) as { title: string; author: unknown[]; URL: string }[];
    expect(parsed.map((item) => item.title)).toEqual(titles);
    // RIS has no mark for an organisation: a name without a comma is one (astrocite guesses otherwise).
    expect(text.split(/(?=^TY {2}- )/m)[0]!.match(/^AU {2}- .*$/gm)).toEqual(['AU  - Reuters Staff', 'AU  - de La Fontaine, Jean-Luc', 'AU  - Associated Press']);
    expect(parsed[0]!.author[1]).toEqual({ family: 'de La Fontaine', given: 'Jean-Luc' });
    expect(parsed[0]!.URL).toBe('https://paper.example/a?b=1&c=%20');
  });

  it('citeproc styles print the organisations whole', () => {
    expect(formatCitations(items.slice(0, 1), 'apa')).toContain('Reuters Staff, de La Fontaine, J.-L., & Associated Press. (2021, February 3).');
    expect(formatCitations(items.slice(0, 1), 'chicago')).toContain('Reuters Staff, Jean-Luc de La Fontaine, and Associated Press. 2021.');
  });
});
