/**
 * harvestMetadata (src/extract/metadata/harvest.ts): every field a list of found values in
 * priority order, each tagged with its source; one broken source costs no other.
 */
import { describe, expect, it } from 'vitest';
import { harvest, jsonLd, page, PAGE_URL } from '../../helpers/metadata-pages.js';

const everySource = page(
  [
    '<title>  Rivers rise |\n Example Times </title>',
    '<base href="/world/">',
    '<link rel="Alternate Canonical" href="/world/rivers">',
    jsonLd({
      '@type': 'NewsArticle',
      headline: 'Rivers rise (JSON-LD)',
      author: { '@type': 'Person', name: 'Jane Doe' },
      publisher: { '@type': 'Organization', name: 'Example Times' },
      datePublished: '2024-03-05T09:30:00Z',
      dateModified: '2024-03-06T10:00:00Z',
      description: 'JSON-LD description',
      keywords: 'floods, weather',
      articleSection: 'World',
      inLanguage: 'en-GB',
      url: 'https://news.example.com/jsonld-url',
      image: 'https://news.example.com/jsonld.jpg',
    }),
    '<meta property="og:title" content="OG title">',
    '<meta name="twitter:title" content="Twitter title">',
    '<meta name="author" content="Meta Author">',
    '<meta name="dc.creator" content="DC Creator">',
    '<meta name="citation_author" content="Doe, Jane">',
    '<meta property="article:author" content="https://news.example.com/staff/jane">',
    '<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Label Author">',
    '<meta name="twitter:label2" content="Est. reading time"><meta name="twitter:data2" content="4 minutes">',
    '<meta property="og:site_name" content="Example Times Online">',
    '<meta name="application-name" content="ExampleApp">',
    '<meta property="article:published_time" content="2024-03-05T09:31:00Z">',
    '<meta property="article:modified_time" content="2024-03-06T10:01:00Z">',
    '<meta property="og:description" content="OG description">',
    '<meta name="description" content="Plain description">',
    '<meta property="og:url" content="https://news.example.com/og-url">',
    '<meta property="og:image" content="/og.jpg">',
    '<meta name="twitter:image" content="/twitter.jpg">',
    '<meta property="article:tag" content="rivers">',
    '<meta name="keywords" content="a, b">',
    '<meta property="article:section" content="Europe">',
    '<meta property="og:locale" content="en_GB">',
    '<meta property="og:type" content=" Article ">',
    '<meta name="parsely-page" content=\'{"title": "Parsely title", "author": "Parsely Author", "pub_date": "2024-03-05T09:32:00Z", "section": "Parsely section", "tags": ["p1", "p2"]}\'>',
  ].join(''),
  '<article><p class="byline">By <a rel="author" href="/staff/jane">Jane Doe</a></p><time datetime="2024-03-05T09:33:00Z">5 March</time><p>Text.</p></article>' +
    '<aside><time datetime="2020-01-01">old</time></aside>',
  'lang="en-GB"',
);

describe('harvestMetadata', () => {
  const harvested = harvest(everySource);

  it('lists titles JSON-LD first, then og, twitter and parsely, each with its source', () => {
    expect(harvested.title).toEqual([
      { value: 'Rivers rise (JSON-LD)', source: 'json-ld' },
      { value: 'OG title', source: 'og:title' },
      { value: 'Twitter title', source: 'twitter:title' },
      { value: 'Parsely title', source: 'parsely-page' },
    ]);
    expect(harvested.documentTitle).toBe('Rivers rise | Example Times');
  });

  it('lists authors JSON-LD first, citation_author as one person, Dublin Core before the plain author meta, labelled twitter data last', () => {
    expect(harvested.authors.map(({ value, source, single }) => ({ value, source, single }))).toEqual([
      { value: 'Jane Doe', source: 'json-ld', single: true },
      { value: 'Doe, Jane', source: 'citation_author', single: true },
      { value: 'https://news.example.com/staff/jane', source: 'article:author', single: false },
      { value: 'Parsely Author', source: 'parsely-page', single: false },
      { value: 'DC Creator', source: 'dc.creator', single: false },
      { value: 'Meta Author', source: 'author', single: false },
      { value: 'Label Author', source: 'twitter:data1', single: false },
    ]);
    expect(harvested.authors.some((author) => author.organization)).toBe(false);
    expect(harvested.bylineElement).toBe('Jane Doe');
  });

  it('keeps the publisher apart from the authors, and first among site names', () => {
    expect(harvested.publishers).toEqual(['Example Times']);
    expect(harvested.siteName).toEqual([
      { value: 'Example Times', source: 'json-ld' },
      { value: 'Example Times Online', source: 'og:site_name' },
    ]);
    expect(harvested.applicationName).toBe('ExampleApp');
  });

  it('lists dates by priority, ending with a <time> inside the article (never one in an aside)', () => {
    expect(harvested.publishedTime).toEqual([
      { value: '2024-03-05T09:30:00Z', source: 'json-ld' },
      { value: '2024-03-05T09:31:00Z', source: 'article:published_time' },
      { value: '2024-03-05T09:32:00Z', source: 'parsely-page' },
      { value: '2024-03-05T09:33:00Z', source: 'time' },
    ]);
    expect(harvested.modifiedTime).toEqual([
      { value: '2024-03-06T10:00:00Z', source: 'json-ld' },
      { value: '2024-03-06T10:01:00Z', source: 'article:modified_time' },
    ]);
  });

  it('lists language, excerpt, canonical URL, image, tags and section in their own orders', () => {
    expect(harvested.lang).toEqual([
      { value: 'en-GB', source: 'html:lang' },
      { value: 'en-GB', source: 'json-ld' },
      { value: 'en_GB', source: 'og:locale' },
    ]);
    expect(harvested.excerpt.map((found) => found.source)).toEqual(['og:description', 'description', 'json-ld']);
    expect(harvested.canonicalUrl).toEqual([
      { value: '/world/rivers', source: 'link:canonical' },
      { value: 'https://news.example.com/og-url', source: 'og:url' },
      { value: 'https://news.example.com/jsonld-url', source: 'json-ld' },
    ]);
    expect(harvested.image.map((found) => found.source)).toEqual(['og:image', 'json-ld', 'twitter:image']);
    // A candidate may still hold a comma-separated list: the merge splits it.
    expect(harvested.tags).toEqual([
      { value: 'floods, weather', source: 'json-ld' },
      { value: 'rivers', source: 'article:tag' },
      { value: 'a, b', source: 'keywords' },
      { value: 'p1', source: 'parsely-page' },
      { value: 'p2', source: 'parsely-page' },
    ]);
    expect(harvested.section).toEqual([
      { value: 'World', source: 'json-ld' },
      { value: 'Europe', source: 'article:section' },
      { value: 'Parsely section', source: 'parsely-page' },
    ]);
  });

  it('resolves the base URL from <base href> against the page URL, and records every JSON-LD type on the page and its og:type', () => {
    expect(harvested.baseUrl).toBe('https://news.example.com/world/');
    expect(harvested.pageTypes).toEqual({ jsonLd: ['NewsArticle', 'Person', 'Organization'], ogType: 'article' });
  });

  it('gives empty lists and nulls for a page with nothing but a body, and the page URL as base', () => {
    const bare = harvest('<p>Only text.</p>');
    expect(bare).toEqual({
      title: [],
      documentTitle: null,
      topHeadings: [],
      authors: [],
      publishers: [],
      siteName: [],
      applicationName: null,
      publishedTime: [],
      modifiedTime: [],
      lang: [],
      excerpt: [],
      canonicalUrl: [],
      image: [],
      tags: [],
      section: [],
      baseUrl: PAGE_URL,
      articleBody: null,
      bylineElement: null,
      pageTypes: { jsonLd: [], ogType: null },
    });
    expect(harvest('<p>x</p>', null).baseUrl).toBeNull();
  });

  it('drops blank values, and a broken JSON-LD block or parsely-page costs none of the meta tags', () => {
    const broken = harvest(
      page(
        '<script type="application/ld+json">{{{ not json</script>' +
          '<meta name="parsely-page" content="{broken">' +
          '<meta property="og:title" content="Still here">' +
          '<meta property="article:published_time" content="2024-01-02">',
      ),
    );
    expect(broken.title).toEqual([{ value: 'Still here', source: 'og:title' }]);
    expect(broken.publishedTime).toEqual([{ value: '2024-01-02', source: 'article:published_time' }]);
    expect(broken.pageTypes.jsonLd).toEqual([]);
  });
});
