/**
 * Meta tags and page elements (src/extract/metadata/meta-tags.ts, page-elements.ts): OpenGraph,
 * Twitter cards, Dublin Core, citation_*, parsely, keywords, language, <time>.
 */
import { describe, expect, it } from 'vitest';
import { metadataOf, page, jsonLd } from '../../helpers/metadata-pages.js';

describe('meta tags', () => {
  it('reads OpenGraph, article:*, twitter:* and resolves relative URLs against the page', () => {
    const metadata = metadataOf(
      page(`
        <meta property="og:title" content="OG title">
        <meta property="og:site_name" content="Example Times">
        <meta property="og:image" content="../img/lead.jpg">
        <meta property="og:description" content="OG  description">
        <meta property="og:locale" content="en_US">
        <meta property="article:published_time" content="2024-01-02T03:04:05-05:00">
        <meta property="article:modified_time" content="2024-01-03">
        <meta property="article:author" content="https://www.facebook.com/janedoe">
        <meta property="article:author" content="Jane Doe">
        <meta property="article:section" content="Science">
        <meta property="article:tag" content="Space">
        <meta property="article:tag" content="Moon">
        <link rel="canonical" href="/world/canonical-story">`),
    );
    expect(metadata.title).toBe('OG title');
    expect(metadata.siteName).toBe('Example Times');
    expect(metadata.image).toBe('https://news.example.com/world/img/lead.jpg');
    expect(metadata.canonicalUrl).toBe('https://news.example.com/world/canonical-story');
    expect(metadata.excerpt).toBe('OG description');
    expect(metadata.lang).toBe('en-US');
    expect(metadata.publishedTime).toBe('2024-01-02T08:04:05.000Z');
    expect(metadata.modifiedTime).toBe('2024-01-03');
    expect(metadata.authors).toEqual(['Jane Doe']);
    expect(metadata.section).toBe('Science');
    expect(metadata.tags).toEqual(['Space', 'Moon']);
  });

  it('falls back to twitter:image and og:url, and refuses non-http URLs', () => {
    const metadata = metadataOf(
      page(`
        <meta property="og:image" content="javascript:alert(1)">
        <meta name="twitter:image" content="//cdn.example.com/t.png">
        <link rel="canonical" href="mailto:desk@example.com">
        <meta property="og:url" content="https://news.example.com/og-url#top">`),
    );
    expect(metadata.image).toBe('https://cdn.example.com/t.png');
    expect(metadata.canonicalUrl).toBe('https://news.example.com/og-url');
  });

  it('resolves against <base href> and undoes a second level of escaping', () => {
    const metadata = metadataOf(page('<base href="https://static.example.com/assets/"><meta property="og:image" content="a.png?w=1&amp;amp;h=2">'));
    expect(metadata.image).toBe('https://static.example.com/assets/a.png?w=1&h=2');
  });

  it('reads the author from a Twitter card label/data pair and skips placeholder values', () => {
    const metadata = metadataOf(
      page(
        '<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Ann Lee">' +
          '<meta property="article:section" content="nil"><meta name="parsely-section" content="Arts">' +
          '<meta name="keywords" content="北京，上海、广州">',
      ),
    );
    expect(metadata.authors).toEqual(['Ann Lee']);
    expect(metadata.section).toBe('Arts');
    expect(metadata.tags).toEqual(['北京', '上海', '广州']);
  });

  it('drops relative URLs when the page URL is unknown', () => {
    const metadata = metadataOf(page('<link rel="canonical" href="/a"><meta property="og:image" content="b.png">'), null, null);
    expect(metadata.canonicalUrl).toBeNull();
    expect(metadata.image).toBeNull();
  });

  it('reads Dublin Core in its spellings, citation_* and repeated citation_author', () => {
    const metadata = metadataOf(
      page(`
        <meta name="citation_title" content="A Study of Things">
        <meta name="citation_author" content="Doe, Jane">
        <meta name="citation_author" content="Smith, John">
        <meta name="citation_publication_date" content="2015/03/25">
        <meta name="DC.language" content="de">
        <meta name="dcterms.modified" content="2016-01-01T00:00:00Z">`),
    );
    expect(metadata.title).toBe('A Study of Things');
    expect(metadata.authors).toEqual(['Doe, Jane', 'Smith, John']);
    expect(metadata.publishedTime).toBe('2015-03-25');
    expect(metadata.modifiedTime).toBe('2016-01-01T00:00:00.000Z');
    expect(metadata.lang).toBe('de');

    const dublinCore = metadataOf(page('<meta property="dc:title og:ignored" content="DC title"><meta name="dc.creator" content="Ann Lee"><meta name="DC.date.issued" content="2001-02-03">'));
    expect(dublinCore.title).toBe('DC title');
    expect(dublinCore.authors).toEqual(['Ann Lee']);
    expect(dublinCore.publishedTime).toBe('2001-02-03');
  });

  it('reads parsely meta and the parsely-page JSON', () => {
    const metadata = metadataOf(
      page(`
        <meta name="parsely-title" content="Parsely title">
        <meta name="parsely-author" content="Jane Doe">
        <meta name="parsely-pub-date" content="2024-04-20T04:20:00Z">
        <meta name="parsely-tags" content="one,two">
        <meta name="parsely-section" content="Tech">`),
    );
    expect(metadata).toMatchObject({
      title: 'Parsely title',
      authors: ['Jane Doe'],
      publishedTime: '2024-04-20T04:20:00.000Z',
      tags: ['one', 'two'],
      section: 'Tech',
    });
    const legacy = metadataOf(
      page(`<meta name="parsely-page" content='{"title":"Legacy","author":"Ann Lee","pub_date":"2020-05-06T07:08:09Z","section":"Arts","tags":["x","y"]}'>`),
    );
    expect(legacy).toMatchObject({ title: 'Legacy', authors: ['Ann Lee'], publishedTime: '2020-05-06T07:08:09.000Z', section: 'Arts', tags: ['x', 'y'] });
  });

  it('reads keywords as a string and as a JSON-LD array, de-duplicated case-insensitively', () => {
    const metadata = metadataOf(
      page(
        jsonLd({ '@type': 'NewsArticle', keywords: ['Climate', 'Energy'] }) +
          '<meta name="news_keywords" content="energy, Oil ,  ,Gas"><meta name="keywords" content="climate,Coal">',
      ),
    );
    expect(metadata.tags).toEqual(['Climate', 'Energy', 'Oil', 'Gas', 'Coal']);
    const asString = metadataOf(page(jsonLd({ '@type': 'NewsArticle', keywords: 'Politics, Elections,politics' })));
    expect(asString.tags).toEqual(['Politics', 'Elections']);
  });

  it('prefers <html lang>, then content-language, and normalises locale tags', () => {
    expect(metadataOf(page('<meta property="og:locale" content="fr_FR">', '', 'lang="EN-us"')).lang).toBe('en-US');
    expect(metadataOf(page('<meta http-equiv="content-language" content="pt-br, en"><meta property="og:locale" content="fr_FR">')).lang).toBe('pt-BR');
    expect(metadataOf(page('<meta property="og:locale" content="zh_hant_tw">')).lang).toBe('zh-Hant-TW');
    expect(metadataOf(page('<meta property="og:locale" content="not a tag">'), { lang: 'sv' }).lang).toBe('sv');
  });

  it('reads <time datetime>: itemprop datePublished first, then the first time in the article', () => {
    const itemprop = metadataOf(
      page('', '<aside><time datetime="1999-01-01">old</time></aside><article><time datetime="2020-01-01T10:00:00Z">x</time><span itemprop="datePublished" datetime="2021-06-07T08:00:00Z"></span></article>'),
    );
    expect(itemprop.publishedTime).toBe('2021-06-07T08:00:00.000Z');
    const firstInArticle = metadataOf(
      page('', '<aside><time datetime="1999-01-01">old</time></aside><main><time datetime="2020-01-01T10:00:00+01:00">x</time></main>'),
    );
    expect(firstInArticle.publishedTime).toBe('2020-01-01T09:00:00.000Z');
    const outsideArticle = metadataOf(page('', '<aside><time datetime="1999-01-01">old</time></aside>'));
    expect(outsideArticle.publishedTime).toBeNull();
  });
});
