/**
 * Merging the sources (src/extract/metadata/merge.ts, authors.ts): which source wins for each
 * field, bylines split into authors, names cleaned.
 */
import { describe, expect, it } from 'vitest';
import { mergeMetadata } from '../../../src/extract/metadata/index.js';
import { harvest, metadataOf, page, jsonLd } from '../../helpers/metadata-pages.js';

describe('merge rules', () => {
  it("prefers Readability's title, and falls back to <title> trimmed of the site-name suffix", () => {
    const html = page('<title>Big Story | Example Times</title><meta property="og:site_name" content="Example Times">');
    expect(metadataOf(html, { title: 'Readability title' }).title).toBe('Readability title');
    expect(metadataOf(html, { title: '   ' }).title).toBe('Big Story');
    expect(metadataOf(page('<title>Big Story – Example Times</title>'), { siteName: 'Example Times' }).title).toBe('Big Story');
    expect(metadataOf(page('<title>Big Story - Another Thing</title><meta property="og:site_name" content="Example Times">')).title).toBe(
      'Big Story - Another Thing',
    );
  });

  it('takes the page headline when it is one whole part of a <title> Readability cut or kept whole', () => {
    const story = 'Mayor opens the new bridge over the river';
    const head = `<title>Example Weekly » Archive » ${story}</title>`;
    // Readability keeps the first parts of a hierarchical <title>, or all of it.
    expect(metadataOf(page(head, `<h1>${story}</h1>`), { title: 'Example Weekly » Archive' }).title).toBe(story);
    expect(metadataOf(page(head, `<h1>${story}</h1>`), { title: `Example Weekly » Archive » ${story}` }).title).toBe(story);
    expect(metadataOf(page(`<title>${story} | Example Weekly</title>`, `<h1>${story}</h1>`), { title: `${story} | Example Weekly` }).title).toBe(story);
    // JSON-LD's headline counts too.
    expect(metadataOf(page(`${head}${jsonLd({ '@type': ['NewsArticle'], headline: story })}`), { title: `Example Weekly » Archive » ${story}` }).title).toBe(story);
  });

  it('leaves the title alone when the <h1> is the site, a short label, or not a part of the <title>', () => {
    const story = 'Mayor opens the new bridge over the river';
    const siteHeading = 'The Example Weekly News Online';
    const title = `${siteHeading} | ${story}`;
    // An <h1> naming the site (og:site_name) is not the headline.
    const withSiteName = page(`<title>${title}</title><meta property="og:site_name" content="${siteHeading}">`, `<h1>${siteHeading}</h1>`);
    expect(metadataOf(withSiteName, { title }).title).toBe(title);
    // Too short to tell from a site's name.
    expect(metadataOf(page(`<title>Archive | ${story}</title>`, '<h1>Archive</h1>'), { title: `Archive | ${story}` }).title).toBe(`Archive | ${story}`);
    // A headline inside a part, not a whole part of it.
    expect(metadataOf(page(`<title>${story} tonight | Example</title>`, `<h1>${story}</h1>`), { title: `${story} tonight | Example` }).title).toBe(`${story} tonight | Example`);
    // Readability's title did not come from <title>: it is kept.
    expect(metadataOf(page(`<title>${story} | Example</title>`, `<h1>${story}</h1>`), { title: 'Bridge opened after three years of work' }).title).toBe('Bridge opened after three years of work');
  });

  it('splits "By Jane Doe and John Smith" bylines into authors and keeps the byline as written', () => {
    const metadata = metadataOf(page(''), { byline: 'By Jane Doe and John Smith' });
    expect(metadata.authors).toEqual(['Jane Doe', 'John Smith']);
    expect(metadata.byline).toBe('By Jane Doe and John Smith');
  });

  it('cleans prefixes, roles, e-mail addresses, agencies and dates out of names', () => {
    const authorsOf = (byline: string) => metadataOf(page(''), { byline }).authors;
    expect(authorsOf('Written by Ann Lee, Staff Writer')).toEqual(['Ann Lee']);
    expect(authorsOf('Posted by Ann Lee | Reuters')).toEqual(['Ann Lee']);
    expect(authorsOf('Von Hans Meier & Eva Schulz')).toEqual(['Hans Meier', 'Eva Schulz']);
    expect(authorsOf('Par Sébastien Farcis')).toEqual(['Sébastien Farcis']);
    expect(authorsOf('Ann Lee (ann.lee@example.com); Bo Chan')).toEqual(['Ann Lee', 'Bo Chan']);
    expect(authorsOf('Stella Kim, Jennifer Jett')).toEqual(['Stella Kim', 'Jennifer Jett']);
    expect(authorsOf('by Lucas Nolan22 Dec 2016')).toEqual(['Lucas Nolan']);
    expect(authorsOf('By Nathan Willis\n  March 25, 2015')).toEqual(['Nathan Willis']);
    expect(authorsOf('Written by Rob Ewaschuk\nEdited by Betsy Beyer')).toEqual(['Rob Ewaschuk']);
    expect(authorsOf('Martin Untersinger (avec Damien Leloup et Morgane Tual)')).toEqual(['Martin Untersinger', 'Damien Leloup', 'Morgane Tual']);
    expect(authorsOf('Martin Luther King, Jr.')).toEqual(['Martin Luther King, Jr.']);
    expect(authorsOf('April 28, 2019 at 6:01 am')).toEqual([]);
  });

  it('does not list the site or the publisher as an author, unless it is the only one; a wire or desk credited beside a person stays, whole', () => {
    const withPerson = metadataOf(
      page(
        jsonLd({
          '@type': 'NewsArticle',
          author: [{ '@type': 'Organization', name: 'Example Wire' }, { '@type': 'Person', name: 'Jane Doe' }],
          publisher: { '@type': 'Organization', name: 'Example Times' },
        }) + '<meta name="author" content="Example Times">',
      ),
    );
    expect(withPerson.authors).toEqual(['Example Wire', 'Jane Doe']);
    const deskByline = metadataOf(
      page(jsonLd({ '@type': 'NewsArticle', author: [{ '@type': 'Person', name: 'Jean-Luc de La Fontaine' }, 'Reuters Staff'], publisher: { '@type': 'Organization', name: 'Le Courrier' } })),
    );
    expect(deskByline.authors).toEqual(['Jean-Luc de La Fontaine', 'Reuters Staff']);

    const siteAndPerson = metadataOf(page('<meta property="og:site_name" content="Example Times">'), { byline: 'Jane Doe, Example Times' });
    expect(siteAndPerson.authors).toEqual(['Jane Doe']);

    const onlyTheSite = metadataOf(page('<meta property="og:site_name" content="BBC News"><meta name="author" content="BBC News">'));
    expect(onlyTheSite.authors).toEqual(['BBC News']);
    expect(onlyTheSite.byline).toBe('BBC News');
  });

  it('takes authors from the best source rather than pooling spellings of the same people', () => {
    const metadata = metadataOf(
      page(jsonLd({ '@type': 'NewsArticle', author: { '@type': 'Person', name: 'Jane Doe' } }) + '<meta name="author" content="Doe, Jane">'),
      { byline: 'By J. Doe' },
    );
    expect(metadata.authors).toEqual(['Jane Doe']);
    expect(metadata.byline).toBe('By J. Doe');
  });

  it('orders sources: JSON-LD publisher over og:site_name over Readability over application-name', () => {
    const appOnly = '<meta name="application-name" content="App Name">';
    expect(metadataOf(page(appOnly)).siteName).toBe('App Name');
    expect(metadataOf(page(appOnly), { siteName: 'Readability Site' }).siteName).toBe('Readability Site');
    expect(metadataOf(page(appOnly + '<meta property="og:site_name" content="OG Site">'), { siteName: 'Readability Site' }).siteName).toBe('OG Site');
  });

  it('orders excerpts: og:description, description meta, JSON-LD, Readability', () => {
    expect(metadataOf(page('<meta name="description" content="Meta  desc">'), { excerpt: 'First paragraph' }).excerpt).toBe('Meta desc');
    expect(metadataOf(page(''), { excerpt: ' First\n paragraph ' }).excerpt).toBe('First paragraph');
  });

  it('skips invalid dates and moves on to the next source', () => {
    const metadata = metadataOf(
      page(jsonLd({ '@type': 'NewsArticle', datePublished: 'not a date' }) + '<meta property="article:published_time" content="2024-02-30">'),
      { publishedTime: '2023-12-31T23:00:00-01:00' },
    );
    expect(metadata.publishedTime).toBe('2024-01-01T00:00:00.000Z');
  });

  it('gives nulls and empty lists for a page with nothing', () => {
    expect(mergeMetadata(harvest('<html></html>'), null, null)).toEqual({
      title: null,
      authors: [],
      byline: null,
      siteName: null,
      lang: null,
      publishedTime: null,
      modifiedTime: null,
      excerpt: null,
      canonicalUrl: null,
      image: null,
      tags: [],
      section: null,
    });
  });
});
