import { describe, it, expect } from 'vitest';
import { parseFullHtml } from '../../helpers/full-dom.js';
import {
  harvestMetadata,
  mergeMetadata,
  normalizeDate,
  type HarvestedMetadata,
  type ReadabilityMetadata,
} from '../../../src/extract/metadata/index.js';
import type { ArticleMetadata } from '../../../src/article.js';

const PAGE_URL = 'https://news.example.com/world/2024/story.html';

function harvest(html: string, pageUrl: string | null = PAGE_URL): HarvestedMetadata {
  return harvestMetadata(parseFullHtml(html, pageUrl), pageUrl);
}

function metadataOf(html: string, readability: ReadabilityMetadata | null = null, pageUrl: string | null = PAGE_URL): ArticleMetadata {
  return mergeMetadata(harvest(html, pageUrl), readability, pageUrl);
}

function page(head: string, body = '<p>Text.</p>', htmlAttributes = ''): string {
  return `<!DOCTYPE html><html ${htmlAttributes}><head>${head}</head><body>${body}</body></html>`;
}

function jsonLd(value: unknown): string {
  return `<script type="application/ld+json">${JSON.stringify(value)}</script>`;
}

describe('JSON-LD', () => {
  const graphPage = page(
    jsonLd({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', '@id': 'https://news.example.com/#website', name: 'Example News' },
        { '@type': 'Organization', '@id': 'https://news.example.com/#org', name: 'Example Times' },
        { '@type': 'Person', '@id': 'https://news.example.com/#jane', name: 'Jane Doe' },
        {
          '@type': 'NewsArticle',
          headline: 'Rivers rise across the valley',
          author: [{ '@id': 'https://news.example.com/#jane' }, { '@type': 'Person', name: 'John Smith' }],
          publisher: { '@id': 'https://news.example.com/#org' },
          datePublished: '2024-03-05T09:30:00+02:00',
          dateModified: '2024-03-06T10:00:00Z',
          description: 'Floods   across the valley.',
          articleSection: ['World', 'Europe'],
          keywords: ['Floods', 'Weather', 'floods'],
          inLanguage: 'en-GB',
          image: { '@type': 'ImageObject', url: '/img/river.jpg' },
          mainEntityOfPage: { '@type': 'WebPage', '@id': 'https://news.example.com/world/rivers' },
          articleBody: 'The rivers rose overnight.',
        },
      ],
    }),
  );

  it('reads a NewsArticle inside @graph, resolving @id references to the author and the publisher', () => {
    const metadata = metadataOf(graphPage);
    expect(metadata).toEqual({
      title: 'Rivers rise across the valley',
      authors: ['Jane Doe', 'John Smith'],
      byline: 'Jane Doe, John Smith',
      siteName: 'Example Times',
      lang: 'en-GB',
      publishedTime: '2024-03-05T07:30:00.000Z',
      modifiedTime: '2024-03-06T10:00:00.000Z',
      excerpt: 'Floods across the valley.',
      canonicalUrl: 'https://news.example.com/world/rivers',
      image: 'https://news.example.com/img/river.jpg',
      tags: ['Floods', 'Weather'],
      section: 'World',
    } satisfies ArticleMetadata);
  });

  it('exposes articleBody', () => {
    expect(harvest(graphPage).articleBody).toBe('The rivers rose overnight.');
    expect(harvest(page('<title>x</title>')).articleBody).toBeNull();
  });

  it('reads arrays of blocks, full type URLs, type arrays and an article under mainEntity', () => {
    const inArray = metadataOf(
      page(jsonLd([{ '@type': 'BreadcrumbList' }, { '@type': 'http://schema.org/ReportageNewsArticle', headline: 'Array headline' }])),
    );
    expect(inArray.title).toBe('Array headline');
    const typeArray = metadataOf(page(jsonLd({ '@type': ['CreativeWork', 'BlogPosting'], headline: 'Blog headline' })));
    expect(typeArray.title).toBe('Blog headline');
    const nested = metadataOf(
      page(jsonLd({ '@type': 'WebPage', mainEntity: { '@type': 'OpinionNewsArticle', headline: 'Nested', author: 'Ann Lee' } })),
    );
    expect(nested.title).toBe('Nested');
    expect(nested.authors).toEqual(['Ann Lee']);
  });

  it('ignores a block of broken JSON without throwing, and still reads the good one', () => {
    const html = page(
      '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>' +
        jsonLd({ '@type': 'Article', headline: 'Good block' }),
    );
    expect(() => metadataOf(html)).not.toThrow();
    expect(metadataOf(html).title).toBe('Good block');
  });

  it('repairs trailing commas, raw newlines in strings and CDATA wrappers', () => {
    const html = page(
      `<script type="application/ld+json">//<![CDATA[
      {"@type": "NewsArticle", "headline": "Line one
line two", "author": [{"@type": "Person", "name": "Ann Lee",},], "keywords": "a, b",}
      //]]></script>`.replace('//<![CDATA[', '<![CDATA[').replace('//]]>', ']]>'),
    );
    const metadata = metadataOf(html);
    expect(metadata.title).toBe('Line one line two');
    expect(metadata.authors).toEqual(['Ann Lee']);
    expect(metadata.tags).toEqual(['a', 'b']);
  });

  it('cleans a JSON-LD person name but never splits it', () => {
    const metadata = metadataOf(
      page(jsonLd({ '@type': 'NewsArticle', author: [{ '@type': 'Person', name: 'Jane Doe, Staff Writer' }, { '@type': 'Person', name: 'Smith and Wesson' }] })),
    );
    expect(metadata.authors).toEqual(['Jane Doe', 'Smith and Wesson']);
  });

  it('survives top-level scalars and empty blocks', () => {
    const html = page('<script type="application/ld+json">null</script><script type="application/ld+json">"text"</script><script type="application/ld+json"></script>');
    expect(metadataOf(html).title).toBeNull();
  });

  it('survives odd values: numbers, nulls, empty objects, unknown shapes', () => {
    const html = page(
      jsonLd({
        '@type': 'NewsArticle',
        headline: 42,
        author: [null, 7, {}, { name: ['Ann Lee'] }, { '@type': 'Person', givenName: 'Bo', familyName: 'Chan' }],
        datePublished: { when: 'today' },
        image: [null, { contentUrl: 'https://cdn.example.com/a.png' }],
        keywords: null,
        publisher: 'Example Times',
      }),
    );
    const metadata = metadataOf(html);
    expect(metadata.authors).toEqual(['Ann Lee', 'Bo Chan']);
    expect(metadata.publishedTime).toBeNull();
    expect(metadata.image).toBe('https://cdn.example.com/a.png');
    expect(metadata.siteName).toBe('Example Times');
  });
});

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

describe('normalizeDate', () => {
  it.each([
    ['2024-06-25', '2024-06-25'],
    ['2015/3/5', '2015-03-05'],
    ['2024', '2024'],
    ['2021-11-01T10:52:50+0100', '2021-11-01T09:52:50.000Z'],
    ['2013-09-11T10:00:00-04:00', '2013-09-11T14:00:00.000Z'],
    ['2017-11-03 03:01:00.000000', '2017-11-03T03:01:00.000Z'],
    ['2017-11-24T18:42:20.314667', '2017-11-24T18:42:20.314Z'],
    ['2018-04-05T06:00', '2018-04-05T06:00:00.000Z'],
    ['Tue, 21 Nov 2017 10:00:00 GMT', '2017-11-21T10:00:00.000Z'],
    ['March 25, 2015', '2015-03-25'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeDate(input)).toBe(expected);
  });

  it.each(['', 'yesterday', '2024-13-01', '2023-02-29', 'Follow 2015', '0000-00-00T00:00:00Z', '12345'])('rejects %j', (input) => {
    expect(normalizeDate(input)).toBeNull();
  });
});
