/**
 * What a citation needs to know about a page that the Article does not carry: whether the
 * page presents itself as news (a newspaper article) or as some other web page, and which of
 * its authors it types as organisations. Read from the page's own statements (JSON-LD @type,
 * og:type), never from its site's name.
 */
import type { ArticleMetadata, PageGenre } from '../article.js';
import type { HarvestedMetadata } from './metadata/harvest.js';
import { organisationAuthors } from './metadata/authors.js';
import { parseJsonLenient, typesOf, type Json, type JsonObject } from './metadata/jsonld.js';
import { parseHtml } from './parse.js';

export type { PageGenre };

/** The genre and organisation authors an Article records, from what extraction harvested (no second parse). */
export function pageStatements(
  harvested: Pick<HarvestedMetadata, 'pageTypes' | 'authors'>,
  article: Pick<ArticleMetadata, 'publishedTime' | 'authors' | 'byline'> & { readerable: boolean },
): { genre: PageGenre; authorOrganisations: string[] } {
  return {
    genre: decideGenre(harvested.pageTypes.jsonLd, harvested.pageTypes.ogType, article).genre,
    authorOrganisations: organisationAuthors(article.authors, harvested.authors),
  };
}

export interface CitationHints {
  genre: PageGenre;
  /** What decided the genre, for people ("JSON-LD NewsArticle", "og:type website", …). */
  why: string;
  /** Author names the page's JSON-LD types as an Organization. */
  organisations: string[];
}

/** JSON-LD types that say news: NewsArticle and its kinds, or a news publisher. */
const NEWS_TYPE = /(?:NewsArticle|NewsMediaOrganization)$/;
/** JSON-LD types of articles that are not news (a blog post, a forum post, a how-to, a paper). */
const OTHER_ARTICLE_TYPE = /^(?:BlogPosting|Blog|LiveBlogPosting|SocialMediaPosting|DiscussionForumPosting|TechArticle|APIReference|ScholarlyArticle|HowTo|Recipe|Product|Course|FAQPage|QAPage|ProfilePage|CollectionPage|SearchResultsPage)$/;
/** og:type values other than these describe something other than an article. */
const ARTICLE_OG_TYPES = new Set(['article', 'news', 'newsarticle']);
/** JSON-LD is walked only this deep: pages can hold huge or cyclic-looking graphs. */
const MAX_JSON_LD_DEPTH = 8;

/** Reads the page's statements about itself from its HTML (as captured, decoded). */
export function citationHints(html: string, pageUrl: string | null, article: Pick<ArticleMetadata, 'publishedTime' | 'authors' | 'byline'> & { readerable: boolean }): CitationHints {
  const document = parseHtml(html, pageUrl);
  const types = new Set<string>();
  const organisations: string[] = [];
  for (const script of Array.from(document.getElementsByTagName('script'))) {
    if (script.getAttribute('type')?.trim().toLowerCase() !== 'application/ld+json') continue;
    const parsed = parseJsonLenient(script.textContent ?? '');
    if (parsed !== undefined) collectTypes(parsed, types, organisations, 0);
  }
  const ogType = Array.from(document.getElementsByTagName('meta'))
    .find((meta) => /(?:^|\s)og:type(?:\s|$)/i.test(meta.getAttribute('property') ?? meta.getAttribute('name') ?? ''))
    ?.getAttribute('content')
    ?.trim()
    .toLowerCase();
  return { ...decideGenre([...types], ogType ?? null, article), organisations };
}

/** The genre from what the page says of itself, then from the Article. */
export function decideGenre(
  jsonLdTypes: readonly string[],
  ogType: string | null,
  article: Pick<ArticleMetadata, 'publishedTime' | 'authors' | 'byline'> & { readerable: boolean },
): { genre: PageGenre; why: string } {
  const news = jsonLdTypes.find((type) => NEWS_TYPE.test(type));
  if (news) return { genre: 'news', why: `JSON-LD ${news}` };
  const other = jsonLdTypes.find((type) => OTHER_ARTICLE_TYPE.test(type));
  if (other) return { genre: 'web', why: `JSON-LD ${other}` };
  if (ogType && !ARTICLE_OG_TYPES.has(ogType)) return { genre: 'web', why: `og:type ${ogType}` };
  if (!article.readerable) return { genre: 'web', why: 'not an article (readerable false)' };
  // A dated, signed article that says nothing more of itself is taken for a news story.
  const signed = article.authors.length > 0 || Boolean(article.byline);
  if (article.publishedTime && signed) return { genre: 'news', why: 'a dated article with a byline' };
  return { genre: 'web', why: 'no publication date or byline' };
}

function collectTypes(value: Json, types: Set<string>, organisations: string[], depth: number): void {
  if (depth > MAX_JSON_LD_DEPTH) return;
  if (Array.isArray(value)) {
    for (const item of value) collectTypes(item, types, organisations, depth + 1);
    return;
  }
  if (!isObject(value)) return;
  const nodeTypes = typesOf(value);
  for (const type of nodeTypes) types.add(type);
  const author = value['author'];
  for (const node of Array.isArray(author) ? author : author ? [author] : []) {
    if (isObject(node) && typesOf(node).some((type) => /Organization$/.test(type)) && typeof node['name'] === 'string') {
      organisations.push(node['name'].trim());
    }
  }
  for (const child of Object.values(value)) collectTypes(child, types, organisations, depth + 1);
}

function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
