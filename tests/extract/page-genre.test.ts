/**
 * page-genre (src/extract/page-genre.ts): whether a page presents itself as news or as another
 * web page, read from its own JSON-LD @type and og:type, then from the Article; and which
 * authors its JSON-LD types as organisations.
 */
import { describe, expect, it } from 'vitest';
import { citationHints, decideGenre, pageStatements } from '../../src/extract/page-genre.js';
import { harvest, jsonLd, page } from '../helpers/metadata-pages.js';

const URL = 'https://news.example.com/world/2024/story.html';
const datedSigned = { publishedTime: '2024-03-05T07:30:00.000Z', authors: ['Jane Doe'], byline: 'Jane Doe', readerable: true };
const undated = { publishedTime: null, authors: ['Jane Doe'], byline: 'Jane Doe', readerable: true };
const unsigned = { publishedTime: '2024-03-05T07:30:00.000Z', authors: [], byline: null, readerable: true };

describe('decideGenre', () => {
  it('says news for a NewsArticle type or any of its kinds, or a news publisher, whatever else the page says', () => {
    expect(decideGenre(['WebPage', 'NewsArticle'], 'website', undated)).toEqual({ genre: 'news', why: 'JSON-LD NewsArticle' });
    expect(decideGenre(['ReportageNewsArticle'], null, undated)).toEqual({ genre: 'news', why: 'JSON-LD ReportageNewsArticle' });
    expect(decideGenre(['BlogPosting', 'NewsMediaOrganization'], null, undated)).toEqual({ genre: 'news', why: 'JSON-LD NewsMediaOrganization' });
  });

  it('says web for a blog post, forum post, recipe or other non-news article type, even when dated and signed', () => {
    expect(decideGenre(['BlogPosting'], 'article', datedSigned)).toEqual({ genre: 'web', why: 'JSON-LD BlogPosting' });
    expect(decideGenre(['Recipe'], null, datedSigned)).toEqual({ genre: 'web', why: 'JSON-LD Recipe' });
    expect(decideGenre(['DiscussionForumPosting'], null, datedSigned)).toEqual({ genre: 'web', why: 'JSON-LD DiscussionForumPosting' });
  });

  it('says web for an og:type other than an article', () => {
    expect(decideGenre([], 'website', datedSigned)).toEqual({ genre: 'web', why: 'og:type website' });
    expect(decideGenre(['WebPage'], 'video.other', datedSigned)).toEqual({ genre: 'web', why: 'og:type video.other' });
  });

  it('falls back on the Article: a dated, signed, readerable page is news', () => {
    expect(decideGenre([], 'article', datedSigned)).toEqual({ genre: 'news', why: 'a dated article with a byline' });
    expect(decideGenre(['Article'], null, { ...datedSigned, authors: [] })).toEqual({ genre: 'news', why: 'a dated article with a byline' });
    expect(decideGenre([], null, { ...datedSigned, byline: null })).toEqual({ genre: 'news', why: 'a dated article with a byline' });
  });

  it('says web for a page with no date, no byline, or that is not readerable', () => {
    expect(decideGenre([], 'article', undated)).toEqual({ genre: 'web', why: 'no publication date or byline' });
    expect(decideGenre([], 'article', unsigned)).toEqual({ genre: 'web', why: 'no publication date or byline' });
    expect(decideGenre([], 'article', { ...datedSigned, readerable: false })).toEqual({ genre: 'web', why: 'not an article (readerable false)' });
  });
});

describe('citationHints', () => {
  it('reads JSON-LD types (full type URLs, @graph, nested) and the organisations typed as authors', () => {
    const html = page(
      jsonLd({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'WebSite', name: 'Example' },
          {
            '@type': 'https://schema.org/NewsArticle',
            author: [{ '@type': 'Person', name: 'Jane Doe' }, { '@type': 'NewsMediaOrganization', name: ' Example Wire ' }],
          },
        ],
      }),
    );
    expect(citationHints(html, URL, undated)).toEqual({ genre: 'news', why: 'JSON-LD NewsArticle', organisations: ['Example Wire'] });
  });

  it('repairs JSON-LD with a trailing comma, and ignores scripts of other types', () => {
    const html = page(
      `<script type="Application/LD+JSON">{"@type": "BlogPosting", "author": {"@type": "Organization", "name": "Garden Club"},}</script>` +
        `<script type="application/json">{"@type": "NewsArticle"}</script>`,
    );
    expect(citationHints(html, URL, datedSigned)).toEqual({ genre: 'web', why: 'JSON-LD BlogPosting', organisations: ['Garden Club'] });
  });

  it('reads og:type from property or name, in any case', () => {
    expect(citationHints(page('<meta property="og:type" content=" Website ">'), URL, datedSigned)).toEqual({
      genre: 'web',
      why: 'og:type website',
      organisations: [],
    });
    expect(citationHints(page('<meta name="OG:TYPE" content="profile">'), null, datedSigned).why).toBe('og:type profile');
  });

  it('goes by the Article when the page says nothing of itself, and survives unparseable JSON-LD', () => {
    const html = page('<script type="application/ld+json">{not json at all</script>');
    expect(citationHints(html, URL, datedSigned)).toEqual({ genre: 'news', why: 'a dated article with a byline', organisations: [] });
  });

  it('stops walking JSON-LD past its depth limit', () => {
    let deep: Record<string, unknown> = { '@type': 'NewsArticle' };
    for (let i = 0; i < 12; i++) deep = { '@type': 'Thing', part: deep };
    expect(citationHints(page(jsonLd(deep)), URL, undated)).toEqual({ genre: 'web', why: 'no publication date or byline', organisations: [] });
  });
});

describe('pageStatements', () => {
  it('gives the genre from the harvested types and the Article authors the page types as organisations', () => {
    const harvested = harvest(
      page(
        jsonLd({
          '@type': 'NewsArticle',
          author: [{ '@type': 'Person', name: 'Jane Doe' }, { '@type': 'Organization', name: 'Valley Herald' }],
        }),
      ),
    );
    expect(pageStatements(harvested, { ...undated, authors: ['Jane Doe', 'Valley Herald'] })).toEqual({
      genre: 'news',
      authorOrganisations: ['Valley Herald'],
    });
  });

  it('takes og:type from the harvest when there is no JSON-LD', () => {
    const harvested = harvest(page('<meta property="og:type" content="website">'));
    expect(pageStatements(harvested, datedSigned)).toEqual({ genre: 'web', authorOrganisations: [] });
  });
});
