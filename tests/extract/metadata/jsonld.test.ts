/**
 * JSON-LD blocks (src/extract/metadata/jsonld.ts): @graph and @id references, arrays and type
 * URLs, repair of broken JSON, odd values.
 */
import { describe, expect, it } from 'vitest';
import type { ArticleMetadata } from '../../../src/article.js';
import { harvest, metadataOf, page, jsonLd } from '../../helpers/metadata-pages.js';

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
