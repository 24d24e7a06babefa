/**
 * Page metadata: harvested from the untouched DOM (JSON-LD, <meta>, <link>, <time>, <html lang>)
 * before Readability mutates it, then merged with what Readability found into ArticleMetadata.
 *
 * harvestMetadata only collects: every field is a list of candidates in priority order, each
 * tagged with where it came from. mergeMetadata cleans, validates and picks. Neither throws.
 */
import type { ArticleMetadata } from '../article.js';

/** One value found in the page and where it came from, e.g. "json-ld", "og:title". */
export interface Candidate {
  value: string;
  source: string;
}

export interface AuthorCandidate extends Candidate {
  /** True when JSON-LD types it as an Organization (not a person). */
  organization: boolean;
  /** True when the value is known to name exactly one person (JSON-LD Person, citation_author): never split it. */
  single: boolean;
}

/** Everything harvestMetadata found; every list is in priority order (best first). */
export interface HarvestedMetadata {
  title: Candidate[];
  /** The <title> text, for the last-resort title. */
  documentTitle: string | null;
  authors: AuthorCandidate[];
  /** Names of the publishing organisation(s): never authors unless nobody else is. */
  publishers: string[];
  siteName: Candidate[];
  /** Read after Readability's siteName. */
  applicationName: string | null;
  publishedTime: Candidate[];
  modifiedTime: Candidate[];
  lang: Candidate[];
  excerpt: Candidate[];
  /** Raw hrefs; resolved in mergeMetadata. */
  canonicalUrl: Candidate[];
  image: Candidate[];
  /** Each candidate may still hold a comma-separated list. */
  tags: Candidate[];
  section: Candidate[];
  /** The URL relative hrefs resolve against: <base href> over the page URL, or the page URL. */
  baseUrl: string | null;
  articleBody: string | null;
}

export interface ReadabilityMetadata {
  title?: string | null;
  byline?: string | null;
  excerpt?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
  lang?: string | null;
}

// ---------------------------------------------------------------------------------------------
// Harvest
// ---------------------------------------------------------------------------------------------

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function harvestMetadata(document: Document, pageUrl: string | null): HarvestedMetadata {
  // Each source is read on its own: a surprise in one must not cost the others.
  const jsonLd = attempt(() => readJsonLd(document)) ?? emptyJsonLd();
  const meta = attempt(() => readMetaTags(document)) ?? new Map<string, string[]>();
  const page = attempt(() => readPageElements(document)) ?? emptyPageElements();
  const parsely = parselyPage(meta.get('parsely-page')?.[0]);

  const fromMeta = (...keys: string[]): Candidate[] =>
    keys.flatMap((key) => (meta.get(key) ?? []).map((value) => ({ value, source: key })));
  const from = (source: string, ...values: Array<string | null | undefined>): Candidate[] =>
    values.filter((value): value is string => !!value && !!value.trim()).map((value) => ({ value, source }));
  const authorsFromMeta = (key: string, single: boolean): AuthorCandidate[] =>
    fromMeta(key).map((candidate) => ({ ...candidate, organization: false, single }));

  return {
    title: [
      ...from('json-ld', jsonLd.headline),
      ...fromMeta('og:title', 'twitter:title', 'citation_title', 'dc.title', 'parsely-title'),
      ...from('parsely-page', parsely?.title),
    ],
    documentTitle: page.documentTitle,
    authors: [
      ...jsonLd.authors,
      // citation_author is repeated, one person each, often "Last, First": never split it.
      ...authorsFromMeta('citation_author', true),
      ...authorsFromMeta('article:author', false),
      ...authorsFromMeta('parsely-author', false),
      ...from('parsely-page', parsely?.author).map((candidate) => ({ ...candidate, organization: false, single: false })),
      // Dublin Core before the plain author meta, as Readability prefers it.
      ...authorsFromMeta('dc.creator', false),
      ...authorsFromMeta('author', false),
      ...twitterLabelledAuthors(meta),
    ],
    publishers: jsonLd.publishers,
    siteName: [...from('json-ld', ...jsonLd.publishers), ...fromMeta('og:site_name')],
    applicationName: meta.get('application-name')?.[0] ?? null,
    publishedTime: [
      ...from('json-ld', jsonLd.datePublished),
      ...fromMeta('article:published_time'),
      ...fromMeta('citation_publication_date', 'citation_date', 'citation_online_date'),
      ...fromMeta('dc.date.issued', 'dc.issued', 'dc.created', 'dc.date'),
      ...fromMeta('parsely-pub-date'),
      ...from('parsely-page', parsely?.pubDate),
      ...from('itemprop', page.itempropPublished),
      ...from('time', page.articleTime),
    ],
    modifiedTime: [
      ...from('json-ld', jsonLd.dateModified),
      ...fromMeta('article:modified_time', 'og:updated_time', 'dc.modified'),
      ...from('itemprop', page.itempropModified),
    ],
    lang: [
      ...from('html:lang', page.htmlLang),
      ...fromMeta('http-equiv:content-language', 'content-language'),
      ...from('json-ld', ...jsonLd.languages),
      ...fromMeta('dc.language', 'og:locale'),
    ],
    excerpt: [
      ...fromMeta('og:description', 'description'),
      ...from('json-ld', jsonLd.description),
      ...fromMeta('twitter:description', 'dc.description'),
    ],
    canonicalUrl: [...from('link:canonical', page.canonicalHref), ...fromMeta('og:url'), ...from('json-ld', ...jsonLd.urls)],
    image: [
      ...fromMeta('og:image', 'og:image:url', 'og:image:secure_url'),
      ...from('json-ld', ...jsonLd.images),
      ...fromMeta('twitter:image', 'twitter:image:src'),
    ],
    tags: [
      ...from('json-ld', ...jsonLd.keywords),
      ...fromMeta('article:tag', 'news_keywords', 'keywords', 'parsely-tags'),
      ...from('parsely-page', ...(parsely?.tags ?? [])),
    ],
    section: [...from('json-ld', jsonLd.section), ...fromMeta('article:section', 'parsely-section'), ...from('parsely-page', parsely?.section)],
    baseUrl: attempt(() => baseUrlOf(document, pageUrl)) ?? pageUrl,
    articleBody: jsonLd.articleBody,
  };
}

/** The JSON-LD articleBody text, for a later quality check of the extracted body. */
export function jsonLdArticleBody(harvested: HarvestedMetadata): string | null {
  return harvested.articleBody;
}

function attempt<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

function baseUrlOf(document: Document, pageUrl: string | null): string | null {
  const baseHref = Array.from(document.getElementsByTagName('base'))
    .map((base) => base.getAttribute('href'))
    .find(Boolean);
  return (baseHref && absoluteUrl(baseHref, pageUrl, false)) || pageUrl;
}

/** Yoast and others write the author as a Twitter card label/data pair ("Written by" / "Jane Doe"). */
function twitterLabelledAuthors(meta: Map<string, string[]>): AuthorCandidate[] {
  const authors: AuthorCandidate[] = [];
  for (const index of ['1', '2', '3']) {
    const label = meta.get(`twitter:label${index}`)?.[0];
    const data = meta.get(`twitter:data${index}`)?.[0];
    if (label && data && /^(?:written by|author|autor|auteur|verfasst von)/i.test(label.trim())) {
      authors.push({ value: data, source: `twitter:data${index}`, organization: false, single: false });
    }
  }
  return authors;
}

// --- JSON-LD ----------------------------------------------------------------------------------

interface JsonLdArticle {
  headline: string | null;
  authors: AuthorCandidate[];
  publishers: string[];
  datePublished: string | null;
  dateModified: string | null;
  description: string | null;
  section: string | null;
  languages: string[];
  keywords: string[];
  images: string[];
  urls: string[];
  articleBody: string | null;
}

function emptyJsonLd(): JsonLdArticle {
  return {
    headline: null,
    authors: [],
    publishers: [],
    datePublished: null,
    dateModified: null,
    description: null,
    section: null,
    languages: [],
    keywords: [],
    images: [],
    urls: [],
    articleBody: null,
  };
}

const ARTICLE_TYPE = /(?:Article|BlogPosting|SocialMediaPosting|DiscussionForumPosting|^Report|^APIReference)$/;

type Deref = (value: Json | undefined) => Json | undefined;

function readJsonLd(document: Document): JsonLdArticle {
  const result = emptyJsonLd();
  const roots: Json[] = [];
  for (const script of Array.from(document.getElementsByTagName('script'))) {
    if (script.getAttribute('type')?.trim().toLowerCase() !== 'application/ld+json') continue;
    const parsed = parseJsonLenient(script.textContent ?? '');
    if (parsed !== undefined) roots.push(parsed);
  }
  // Nodes anywhere may be referenced by {"@id": …} (a Yoast-style @graph does it for authors
  // and publishers), so index every node of every block first.
  const nodesById = new Map<string, JsonObject>();
  for (const root of roots) indexNodes(root, nodesById, 0);
  const deref: Deref = (value) => {
    if (isObject(value) && typeof value['@id'] === 'string' && Object.keys(value).length === 1) {
      return nodesById.get(value['@id']) ?? value;
    }
    return value;
  };

  const articles: JsonObject[] = [];
  for (const root of roots) collectArticles(root, articles, deref, 0);
  // The first article is the page's own; later ones are usually related stories.
  const article = articles[0];
  if (!article) return result;

  result.headline = firstString(article.headline) ?? firstString(article.name);
  for (const author of asArray(deref(article.author))) addJsonLdAuthor(deref(author), result.authors, deref, 0);
  for (const publisher of asArray(deref(article.publisher))) {
    const name = nameOf(deref(publisher));
    if (name) result.publishers.push(name);
  }
  result.datePublished = firstString(article.datePublished);
  result.dateModified = firstString(article.dateModified);
  result.description = firstString(article.description);
  result.section = firstString(asArray(article.articleSection)[0]);
  for (const language of asArray(article.inLanguage)) {
    const code = typeof language === 'string' ? language : isObject(language) ? firstString(language.alternateName) : null;
    if (code) result.languages.push(code);
  }
  for (const keyword of asArray(article.keywords)) {
    const text = firstString(isObject(keyword) ? keyword.name : keyword);
    if (text) result.keywords.push(text);
  }
  for (const image of asArray(deref(article.image))) {
    const resolved = deref(image);
    const url = typeof resolved === 'string' ? resolved : isObject(resolved) ? (firstString(resolved.url) ?? firstString(resolved.contentUrl)) : null;
    if (url) result.images.push(url);
  }
  const entityOfPage = article.mainEntityOfPage;
  for (const url of [article.url, isObject(entityOfPage) ? (entityOfPage['@id'] ?? entityOfPage.url) : entityOfPage]) {
    const text = firstString(url);
    if (text) result.urls.push(text);
  }
  result.articleBody = firstString(article.articleBody);
  return result;
}

function addJsonLdAuthor(author: Json | undefined, out: AuthorCandidate[], deref: Deref, depth: number): void {
  if (depth > 3) return;
  if (typeof author === 'string') {
    // A bare string may be "Jane Doe and John Smith" or a profile URL; cleaned in merge.
    out.push({ value: author, source: 'json-ld', organization: false, single: false });
    return;
  }
  if (Array.isArray(author)) {
    for (const inner of author) addJsonLdAuthor(deref(inner), out, deref, depth + 1);
    return;
  }
  if (!isObject(author)) return;
  const name = nameOf(author);
  if (!name) return;
  const organization = typesOf(author).some((type) => /Organization$|^Corporation$/.test(type));
  out.push({ value: name, source: 'json-ld', organization, single: !organization });
}

/** Indexes nodes with an @id (bounded depth: JSON-LD from the wild can be huge or cyclic-looking). */
function indexNodes(value: Json, index: Map<string, JsonObject>, depth: number): void {
  if (depth > 8) return;
  if (Array.isArray(value)) {
    for (const item of value) indexNodes(item, index, depth + 1);
  } else if (isObject(value)) {
    const id = value['@id'];
    if (typeof id === 'string' && Object.keys(value).length > 1 && !index.has(id)) index.set(id, value);
    for (const child of Object.values(value)) indexNodes(child, index, depth + 1);
  }
}

/** Finds article nodes at the top level, in arrays, in @graph, and under mainEntity/mainEntityOfPage. */
function collectArticles(value: Json | undefined, found: JsonObject[], deref: Deref, depth: number): void {
  if (depth > 6 || value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) collectArticles(item, found, deref, depth + 1);
    return;
  }
  if (!isObject(value)) return;
  if (typesOf(value).some((type) => ARTICLE_TYPE.test(type)) && !found.includes(value)) found.push(value);
  for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage']) {
    const child = value[key];
    if (child !== undefined) collectArticles(deref(child), found, deref, depth + 1);
  }
}

/** The @type values, reduced to their last segment ("http://schema.org/NewsArticle" → "NewsArticle"). */
export function typesOf(node: JsonObject): string[] {
  return asArray(node['@type'])
    .filter((type): type is string => typeof type === 'string')
    .map((type) => type.replace(/^.*[/:#]/, '').trim());
}

function nameOf(node: Json | undefined): string | null {
  if (typeof node === 'string') return node.trim() || null;
  if (!isObject(node)) return null;
  const name = firstString(node.name);
  if (name) return name;
  const parts = [firstString(node.givenName), firstString(node.familyName)].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : null;
}

/**
 * JSON.parse, then a repair pass for what CMSes commonly emit: trailing commas, raw control
 * characters (newlines, tabs) inside strings, invalid escapes like \' — else undefined.
 */
export function parseJsonLenient(text: string): Json | undefined {
  const cleaned = text
    .trim()
    .replace(/^(?:<!--|<!\[CDATA\[)/, '')
    .replace(/(?:-->|\]\]>)$/, '')
    .trim();
  if (!cleaned) return undefined;
  try {
    return JSON.parse(cleaned) as Json;
  } catch {
    try {
      return JSON.parse(repairJson(cleaned)) as Json;
    } catch {
      return undefined;
    }
  }
}

function repairJson(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (inString) {
      if (char === '\\') {
        const next = text[i + 1];
        if (next !== undefined && '"\\/bfnrtu'.includes(next)) {
          out += char + next;
          i++;
        }
        // else: an invalid escape; drop the backslash and keep the character.
        continue;
      }
      if (char === '"') inString = false;
      const code = char.charCodeAt(0);
      out += code < 0x20 ? `\\u${code.toString(16).padStart(4, '0')}` : char;
      continue;
    }
    if (char === '"') inString = true;
    if (char === ',' && /^\s*[}\]]/.test(text.slice(i + 1, i + 200))) continue;
    out += char;
  }
  return out;
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: Json | undefined): Json[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function firstString(value: Json | undefined): string | null {
  for (const item of asArray(value)) {
    if (typeof item === 'string' && item.trim()) return item.trim();
    if (typeof item === 'number') return String(item);
  }
  return null;
}

// --- <meta> -----------------------------------------------------------------------------------

/**
 * All <meta> contents by key, in document order. Keys are lower-cased, "dc:title" and "DC.title"
 * both become "dc.title", and a space-separated property ("og:title dc:title") files the
 * content under each of its names.
 */
function readMetaTags(document: Document): Map<string, string[]> {
  const meta = new Map<string, string[]>();
  const add = (key: string, content: string) => {
    const list = meta.get(key);
    if (list) list.push(content);
    else meta.set(key, [content]);
  };
  for (const element of Array.from(document.getElementsByTagName('meta'))) {
    const content = element.getAttribute('content')?.trim();
    if (!content) continue;
    const names = `${element.getAttribute('property') ?? ''} ${element.getAttribute('name') ?? ''}`;
    const keys = new Set(
      names
        .split(/\s+/)
        .filter(Boolean)
        .map((name) => name.toLowerCase().replace(/^(dc|dcterms?)[:.]/, 'dc.').replace(/^(dc\.[a-z]+):/, '$1.')),
    );
    for (const key of keys) add(key, content);
    const httpEquiv = element.getAttribute('http-equiv')?.trim().toLowerCase();
    if (httpEquiv) add(`http-equiv:${httpEquiv}`, content);
  }
  return meta;
}

interface ParselyPage {
  title: string | null;
  author: string | null;
  pubDate: string | null;
  section: string | null;
  tags: string[];
}

/** The legacy `<meta name="parsely-page" content='{"title":…,"pub_date":…}'>`. */
function parselyPage(content: string | undefined): ParselyPage | null {
  if (!content) return null;
  const page = parseJsonLenient(content);
  if (!isObject(page)) return null;
  return {
    title: firstString(page.title),
    author: firstString(page.author),
    pubDate: firstString(page.pub_date),
    section: firstString(page.section),
    tags: asArray(page.tags).filter((tag): tag is string => typeof tag === 'string'),
  };
}

// --- <time>, <link>, <html lang>, <title> -----------------------------------------------------

interface PageElements {
  documentTitle: string | null;
  htmlLang: string | null;
  canonicalHref: string | null;
  itempropPublished: string | null;
  itempropModified: string | null;
  /** The first <time datetime> inside the article region. */
  articleTime: string | null;
}

function emptyPageElements(): PageElements {
  return { documentTitle: null, htmlLang: null, canonicalHref: null, itempropPublished: null, itempropModified: null, articleTime: null };
}

function readPageElements(document: Document): PageElements {
  const dateOf = (element: Element) => (element.getAttribute('datetime') ?? element.getAttribute('content') ?? '').trim();
  // Microdata: on <time datetime>, <meta content> or any element with either attribute.
  const withItemprop = Array.from(document.querySelectorAll('[itemprop]'));
  const itempropDate = (property: string) =>
    withItemprop
      .filter((element) => (element.getAttribute('itemprop') ?? '').split(/\s+/).includes(property))
      .map(dateOf)
      .find(Boolean) ?? null;
  const canonical = Array.from(document.getElementsByTagName('link')).find(
    (link) => link.hasAttribute('href') && (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'),
  );
  const root = document.documentElement;
  const title = document.getElementsByTagName('title')[0]?.textContent;
  return {
    documentTitle: title ? normalizeSpace(title) || null : null,
    htmlLang: root?.getAttribute('lang')?.trim() || root?.getAttribute('xml:lang')?.trim() || null,
    canonicalHref: canonical?.getAttribute('href') ?? null,
    itempropPublished: itempropDate('datePublished'),
    itempropModified: itempropDate('dateModified'),
    // Only times inside the article region: a sidebar or footer is full of other dates.
    articleTime:
      Array.from(document.getElementsByTagName('time'))
        .filter((time) => time.closest('article, main, [role="main"]'))
        .map((time) => time.getAttribute('datetime')?.trim() ?? '')
        .find(Boolean) ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Merge
// ---------------------------------------------------------------------------------------------

/** The page's canonical URL, absolute (as `mergeMetadata` gives it), from the harvest alone. */
export function canonicalUrlOf(harvested: HarvestedMetadata, pageUrl: string | null): string | null {
  return firstValid(harvested.canonicalUrl, (href) => absoluteUrl(href, harvested.baseUrl ?? pageUrl, true));
}

export function mergeMetadata(
  harvested: HarvestedMetadata,
  readability: ReadabilityMetadata | null,
  pageUrl: string | null,
): ArticleMetadata {
  const fromReadability = (value: string | null | undefined, source = 'readability'): Candidate[] =>
    value && value.trim() ? [{ value, source }] : [];
  const baseUrl = harvested.baseUrl ?? pageUrl;

  const siteName = firstText([
    ...harvested.siteName,
    ...fromReadability(readability?.siteName),
    ...fromReadability(harvested.applicationName, 'application-name'),
  ]);

  // Readability's title is kept as it is (only trimmed): it is the reference other stages compare with.
  const readabilityTitle = preferHeadline(readability?.title?.trim(), harvested);
  const title =
    readabilityTitle ||
    firstText(harvested.title) ||
    (harvested.documentTitle ? trimSiteSuffix(decodeEntities(harvested.documentTitle), siteName) : null);

  // Every name the site goes by, so that none of them is taken for an author.
  const publishers = [
    ...harvested.publishers,
    ...harvested.siteName.map((candidate) => candidate.value),
    ...[readability?.siteName, harvested.applicationName].filter((name): name is string => !!name),
  ];
  const authors = attempt(() => mergeAuthors(harvested.authors, readability?.byline ?? null, publishers)) ?? [];
  const readabilityByline = readability?.byline ? normalizeSpace(decodeEntities(readability.byline)) : '';
  const byline = readabilityByline || (authors.length > 0 ? authors.join(', ') : null);

  return {
    title: title || null,
    authors,
    byline,
    siteName,
    lang: firstValid([...harvested.lang, ...fromReadability(readability?.lang)], normalizeLang),
    publishedTime: firstValid([...harvested.publishedTime, ...fromReadability(readability?.publishedTime)], normalizeDate),
    modifiedTime: firstValid(harvested.modifiedTime, normalizeDate),
    excerpt: firstText([...harvested.excerpt, ...fromReadability(readability?.excerpt)]),
    canonicalUrl: canonicalUrlOf(harvested, pageUrl),
    image: firstValid(harvested.image, (href) => absoluteUrl(href, baseUrl, false)),
    tags: mergeTags(harvested.tags),
    section: firstText(harvested.section),
  };
}

/** Template leftovers some CMSes print instead of leaving a field out. */
const PLACEHOLDER = /^(?:null|nil|undefined|none|n\/a|false|true|0|-)$/i;

function firstValid(candidates: Candidate[], normalize: (value: string) => string | null): string | null {
  for (const candidate of candidates) {
    if (PLACEHOLDER.test(candidate.value.trim())) continue;
    try {
      const value = normalize(candidate.value);
      if (value) return value;
    } catch {
      /* an odd value is skipped, never fatal */
    }
  }
  return null;
}

function firstText(candidates: Candidate[]): string | null {
  return firstValid(candidates, (value) => normalizeSpace(decodeEntities(value)) || null);
}

function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Meta contents are sometimes escaped twice ("&amp;amp;"); the parser undoes one level only. */
function decodeEntities(text: string): string {
  const named: Record<string, string> = { quot: '"', amp: '&', apos: "'", lt: '<', gt: '>', nbsp: ' ' };
  return text
    .replace(/&(quot|amp|apos|lt|gt|nbsp);/g, (_, name: string) => named[name]!)
    .replace(/&#(?:x([0-9a-f]+)|([0-9]+));/gi, (_, hex: string | undefined, decimal: string | undefined) => {
      const code = parseInt(hex ?? decimal ?? '', hex ? 16 : 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\uFFFD';
    });
}

/**
 * Readability falls back to the page's <title> ("Headline – Site") when it cannot read the
 * JSON-LD (an @type array, say); the page's own headline, when the title merely extends it,
 * is the better title.
 */
function preferHeadline(readabilityTitle: string | undefined, harvested: HarvestedMetadata): string | undefined {
  const headline = harvested.title.find((candidate) => candidate.source === 'json-ld')?.value.trim();
  if (!readabilityTitle || !headline || readabilityTitle === headline) return readabilityTitle;
  const rest = readabilityTitle.startsWith(headline) ? readabilityTitle.slice(headline.length) : null;
  return rest !== null && /^\s+[|\-–—·:•»]\s+\S/.test(rest) ? headline : readabilityTitle;
}

/** "Title | Site" → "Title" when "Site" is the site's name; otherwise the title is left whole. */
function trimSiteSuffix(title: string, siteName: string | null): string {
  if (!siteName) return title;
  const match = /^(.+?)\s+[|\-–—·:•»]\s+([^|\-–—·:•»]+)$/.exec(title);
  if (match && sameName(match[2]!, siteName)) return match[1]!.trim();
  return title;
}

function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b) && nameKey(a) !== '';
}

/** Compares names loosely: case, punctuation, word order and initials do not matter. */
function nameKey(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => [...word].length > 1 || /[^\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u.test(word))
    .sort()
    .join(' ');
}

// --- dates ------------------------------------------------------------------------------------

const MONTH_NAME =
  '(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.?';
const MONTH = new RegExp(`\\b${MONTH_NAME}(?![a-z])`, 'i');

/**
 * Dates come out in one of two ISO 8601 forms:
 * - a date-only input stays date-only ("2024-06-25"; a year or year-month input stays "2024", "2024-06"),
 *   since inventing a midnight in some zone would claim a precision the page never gave;
 * - anything with a time becomes UTC with milliseconds, `Date#toISOString()` ("2021-11-01T09:52:50.000Z"),
 *   so the instant is kept and all outputs compare as strings. A time without a zone is taken as UTC:
 *   the page does not say, and reading it in the machine's zone would make the output depend on
 *   where clipfile runs.
 * Anything that does not parse, or lands outside 1900–2199, gives null.
 */
export function normalizeDate(input: string): string | null {
  const text = normalizeSpace(input);
  const reduced = /^(\d{4})(?:[-/.](\d{1,2}))?(?:[-/.](\d{1,2}))?$/.exec(text);
  if (reduced) {
    const [, year, month, day] = reduced;
    if (!validDate(Number(year), Number(month ?? 1), Number(day ?? 1))) return null;
    return [year, month?.padStart(2, '0'), day?.padStart(2, '0')].filter(Boolean).join('-');
  }
  const iso =
    /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i.exec(text);
  if (iso) {
    const [, year, month, day, hour, minute, second, fraction, zone] = iso;
    if (!validDate(Number(year), Number(month), Number(day))) return null;
    // Truncated to milliseconds, as Date.parse does.
    const millis = Number((fraction ?? '').slice(0, 3).padEnd(3, '0'));
    if (Number(hour) > 24 || Number(minute) > 59 || Number(second ?? 0) > 60) return null;
    let time = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second ?? 0), millis);
    const offset = zone ? /^([+-])(\d{2}):?(\d{2})?$/.exec(zone) : null;
    if (offset) time -= (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3] ?? 0)) * 60_000;
    return inRange(time) ? new Date(time).toISOString() : null;
  }
  // Free text ("March 25, 2015", RFC 2822). Date.parse guesses at anything, so ask for a year
  // and a month name or a numeric day-month before trusting it.
  if (!/\b(?:1[89]|2[01])\d{2}\b/.test(text) || !(MONTH.test(text) || /\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b/.test(text))) return null;
  const hasZone = /\b(?:GMT|UTC|UT|Z|[ECMP][SD]T)\b|[+-]\d{2}:?\d{2}\b/.test(text);
  const time = Date.parse(hasZone ? text : `${text} UTC`);
  if (!inRange(time)) return null;
  const iso8601 = new Date(time).toISOString();
  return /\d:\d{2}/.test(text) ? iso8601 : iso8601.slice(0, 10);
}

function validDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && year < 2200 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function inRange(time: number): boolean {
  return Number.isFinite(time) && time >= Date.UTC(1900, 0, 1) && time < Date.UTC(2200, 0, 1);
}

// --- language, URLs, tags ---------------------------------------------------------------------

/** "en_US" / "EN-us" → "en-US"; the first of a list ("en, fr"); null for anything that is not a tag. */
function normalizeLang(input: string): string | null {
  const first = input.split(/[,;]/)[0]!.trim().replace(/_/g, '-');
  if (!/^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i.test(first)) return null;
  return first
    .split('-')
    .map((part, index) => {
      if (index === 0) return part.toLowerCase();
      if (part.length === 2) return part.toUpperCase(); // region
      if (part.length === 4 && /^[a-z]+$/i.test(part)) return part[0]!.toUpperCase() + part.slice(1).toLowerCase(); // script
      return part.toLowerCase();
    })
    .join('-');
}

/** An absolute http(s) URL, or null (relative hrefs need a base; javascript:, data: etc. are refused). */
function absoluteUrl(href: string, base: string | null, dropFragment: boolean): string | null {
  // "&amp;" left in a URL means the page escaped it twice.
  const trimmed = decodeEntities(href).trim();
  if (!trimmed) return null;
  let url: URL;
  try {
    url = base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (dropFragment) url.hash = '';
  return url.href;
}

function mergeTags(candidates: Candidate[]): string[] {
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    // Commas, full-width commas and semicolons: CJK and some CMSes list keywords that way.
    for (const piece of decodeEntities(candidate.value).split(/[,;，、；]/)) {
      const tag = normalizeSpace(piece);
      const key = tag.toLowerCase();
      if (!tag || seen.has(key) || PLACEHOLDER.test(tag)) continue;
      seen.add(key);
      tags.push(tag);
    }
  }
  return tags;
}

// --- authors ----------------------------------------------------------------------------------

interface AuthorName {
  name: string;
  organization: boolean;
}

/**
 * Person names from the best source that names any, else from Readability's byline. Sources are
 * not pooled: they spell the same people differently ("Jane Doe", "Doe, Jane", "jdoe"), so the
 * first source that yields a person wins. Organisations (the site, the publisher, a JSON-LD
 * Organization) are kept only when no source names a person.
 */
function mergeAuthors(candidates: AuthorCandidate[], byline: string | null, publishers: string[]): string[] {
  const isPublisher = (name: string) => publishers.some((publisher) => sameName(publisher, name));
  const isOrganisation = (name: string) => isPublisher(name) || ORGANISATION_WORD.test(name);
  const groups = new Map<string, AuthorName[]>();
  for (const candidate of candidates) {
    if (candidate.source === 'article:author' && looksLikeUrl(candidate.value)) continue;
    const whole = normalizeSpace(decodeEntities(candidate.value));
    // "Mac & i" naming the site is one organisation, not two people.
    const names =
      candidate.organization || isPublisher(whole)
        ? [{ name: whole, organization: true }]
        : splitAuthors(candidate.value, candidate.single).map((name) => ({ name, organization: isOrganisation(name) }));
    groups.set(candidate.source, [...(groups.get(candidate.source) ?? []), ...names]);
  }
  if (byline && groups.size === 0) {
    groups.set('readability', splitAuthors(byline, false).map((name) => ({ name, organization: isOrganisation(name) })));
  }
  const sources = [...groups.values()];
  const people = sources.map((names) => names.filter((author) => !author.organization)).find((names) => names.length > 0);
  const chosen = people ?? sources.find((names) => names.length > 0) ?? [];
  return dedupeNames(chosen.map((author) => author.name));
}

/** Words that name a desk or a company, not a person ("WebMD Health News", "Reuters Staff"). */
const ORGANISATION_WORD = /\b(?:News|Press|Media|Newsroom|Desk|Staff|Team|Agency|Associated|Inc|Ltd|LLC|GmbH|Corporation)\b/;

function dedupeNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = nameKey(name) || name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function looksLikeUrl(text: string): boolean {
  return /^(?:https?:)?\/\/|^www\.|^[\w-]+(?:\.[\w-]+)+\/\S*$/i.test(text.trim());
}

const AUTHOR_PREFIX =
  /^(?:(?:written|posted|reported|words|story|text|article|compiled)\s+by|by|author|autor(?:in)?|auteur)\b\s*[:\-–—]?\s*/i;
/** "Von"/"Par"/"Por" also begin real names ("Von Miller"): strip them only before a full name. */
const FOREIGN_BY_PREFIX = /^(?:von|par|por)\s+(?=\S+\s+\S)/i;
const NOT_AN_AUTHOR_LINE =
  /^(?:edited|photos?(?:graphs?)?|illustrations?|illustrated|graphics?|video|reviewed|fact[- ]checked|translated|additional reporting)\b.*\bby\b|^(?:last\s+)?(?:updated|published|modified)\b|^follow\b|^share\b/i;
const ROLE =
  /^(?:(?:the\s+)?(?:senior|chief|staff|special|contributing|associate|assistant|deputy|managing|executive|political|business|technology|tech|science|health|sports?|foreign|national|local|investigative|digital|news|freelance|guest|lead|global|economics|markets?)\s+)*(?:writer|reporter|correspondent|editor|columnist|contributor|journalist|critic|producer|photographer|analyst|intern|staff|bureau chief|blogger|author)s?$/i;
const CREDENTIAL = /^(?:MA|MS|MSc|BSc|BA|MD|PhD|Ph\.D\.?|RN|MPH|DO|JD|MBA|CPA|PharmD)$/;
const NAME_SUFFIX = /^(?:Jr|Sr|II|III|IV)\.?$/;

/** One raw author string → zero or more cleaned person names. */
function splitAuthors(raw: string, single: boolean): string[] {
  const text = decodeEntities(raw)
    .replace(/https?:\/\/\S+|www\.\S+/gi, ' ')
    .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' ')
    // "(with X)" / "(avec X)" names a co-author.
    .replace(/\((?:with|avec|mit|con|com)\s+([^)]*)\)/gi, ' and $1');
  const names: string[] = [];
  for (const line of text.split(/[\r\n]+/)) {
    // Roles after a bar or a spaced dash: "Jane Doe | Reuters", "Jane Doe - Staff".
    const withoutTail = line.replace(/\s*(?:\||\s[-–—]\s).*$/, '');
    if (NOT_AN_AUTHOR_LINE.test(normalizeSpace(withoutTail))) continue;
    if (single) {
      const name = cleanName(withoutRoles(withoutTail).join(', '));
      return name ? [name] : [];
    }
    for (const piece of withoutTail.split(/\s+(?:and|And|AND|und|et|y|e)\s+|\s*[&;]\s*|\s+\/\s+/)) {
      names.push(...splitOnCommas(piece));
    }
  }
  return names;
}

/** The comma-separated parts of a name that are not a role or a credential ("Jane Doe, PhD"). */
function withoutRoles(piece: string): string[] {
  const parts: string[] = [];
  for (const part of piece.split(',').map(normalizeSpace)) {
    if (!part || ROLE.test(part) || CREDENTIAL.test(part)) continue;
    // "Martin Luther King, Jr." stays one name.
    if (NAME_SUFFIX.test(part) && parts.length > 0) parts[parts.length - 1] += `, ${part}`;
    else parts.push(part);
  }
  return parts;
}

/**
 * "Jane Doe, John Smith" is two people, "Doe, Jane" is one, "Jane Doe, Staff Writer" is one
 * person and a role: commas split only when every remaining part looks like a full name.
 */
function splitOnCommas(piece: string): string[] {
  const parts = withoutRoles(piece);
  const wordCount = (part: string) => part.split(' ').length;
  const separateNames = parts.length > 2 || parts.every((part) => wordCount(part) >= 2 || /[^\p{Script=Latin}\s.'-]/u.test(part));
  const names = separateNames ? parts.map(cleanName) : [cleanName(parts.join(', '))];
  return names.filter((name): name is string => name !== null);
}

function cleanName(raw: string): string | null {
  let name = normalizeSpace(raw);
  for (let previous = ''; previous !== name; ) {
    previous = name;
    name = name.replace(AUTHOR_PREFIX, '').replace(FOREIGN_BY_PREFIX, '').trim();
  }
  // A date glued to the byline ("Lucas Nolan22 Dec 2016", "Nathan Willis March 25, 2015"): names
  // carry no digits, so cut at the first one, with the month name or connective just before it.
  name = name.replace(DATE_TAIL, '').trim().replace(/[\s,;:|·•–—-]+$/, '');
  name = stripUnbalancedParens(name).replace(/^[\s,;:|·•–—-]+/, '').replace(/^@/, '').trim();
  if (!name || !/\p{L}/u.test(name)) return null;
  // Longer than a name: a sentence, a tagline or a whole byline block.
  if (name.length > 80 || name.split(' ').length > 6) return null;
  if (ROLE.test(name) || MONTH_ONLY.test(name)) return null;
  return name;
}

const MONTH_ONLY = new RegExp(`^${MONTH_NAME}$`, 'i');
const DATE_TAIL = new RegExp(`(?:(?:^|\\s)(?:${MONTH_NAME}|on|at|updated|published|posted),?)*\\s*\\d.*$`, 'i');

/** Brackets left unbalanced by the splitting above ("Jane Doe (photos") are removed. */
function stripUnbalancedParens(text: string): string {
  const opens = (text.match(/\(/g) ?? []).length;
  const closes = (text.match(/\)/g) ?? []).length;
  const balanced = opens === closes ? text : text.replace(/[()]/g, ' ');
  return normalizeSpace(balanced.replace(/\(\s*\)/g, ' '));
}
