/**
 * Page metadata, harvested from the untouched DOM (JSON-LD, <meta>, <link>, <time>, <html lang>)
 * before Readability mutates it; merge.ts then merges it with what Readability found.
 *
 * harvestMetadata only collects: every field is a list of found values in priority order, each
 * tagged with where it came from. Each source is a file of its own (jsonld.ts, meta-tags.ts,
 * page-elements.ts) read by one line below; adding one is a new file, a line reading it, and its
 * values placed in the priority lists of the fields it knows.
 */
import { emptyJsonLd, readJsonLd } from './jsonld.js';
import { parselyPage, readMetaTags, twitterLabelledAuthors } from './meta-tags.js';
import { baseUrlOf, emptyPageElements, readPageElements } from './page-elements.js';
import { attempt } from './values.js';
import type { Document } from '../dom.js';

/** One value found in the page and where it came from, e.g. "json-ld", "og:title". */
export interface FoundValue {
  value: string;
  source: string;
}

export interface FoundAuthor extends FoundValue {
  /** True when JSON-LD types it as an Organization (not a person). */
  organization: boolean;
  /** True when the value is known to name exactly one person (JSON-LD Person, citation_author): never split it. */
  single: boolean;
}

/** Everything harvestMetadata found; every list is in priority order (best first). */
export interface HarvestedMetadata {
  title: FoundValue[];
  /** The <title> text, for the last-resort title. */
  documentTitle: string | null;
  /** The page's first <h1> texts: a headline the <title> may carry between a site's names. */
  topHeadings: string[];
  authors: FoundAuthor[];
  /** Names of the publishing organisation(s): never authors unless nobody else is. */
  publishers: string[];
  siteName: FoundValue[];
  /** Read after Readability's siteName. */
  applicationName: string | null;
  publishedTime: FoundValue[];
  modifiedTime: FoundValue[];
  lang: FoundValue[];
  excerpt: FoundValue[];
  /** Raw hrefs; resolved in mergeMetadata. */
  canonicalUrl: FoundValue[];
  image: FoundValue[];
  /** Each candidate may still hold a comma-separated list. */
  tags: FoundValue[];
  section: FoundValue[];
  /** The URL relative hrefs resolve against: <base href> over the page URL, or the page URL. */
  baseUrl: string | null;
  articleBody: string | null;
  /** The byline element's text, for when Readability (run after cleaning) finds none. */
  bylineElement: string | null;
  /** What the page says it is: every JSON-LD @type on it, and its og:type (lower case). */
  pageTypes: { jsonLd: string[]; ogType: string | null };
}

/**
 * Whole on purpose (longer than 60 lines): the body is one table, field by field, of which
 * sources count and in what priority; split up, the priorities could no longer be read side by side.
 */
export function harvestMetadata(document: Document, pageUrl: string | null): HarvestedMetadata {
  // Each source is read on its own: a surprise in one must not cost the others.
  const jsonLd = attempt(() => readJsonLd(document)) ?? emptyJsonLd();
  const meta = attempt(() => readMetaTags(document)) ?? new Map<string, string[]>();
  const page = attempt(() => readPageElements(document)) ?? emptyPageElements();
  const parsely = parselyPage(meta.get('parsely-page')?.[0]);

  const fromMeta = (...keys: string[]): FoundValue[] =>
    keys.flatMap((key) => (meta.get(key) ?? []).map((value) => ({ value, source: key })));
  const from = (source: string, ...values: Array<string | null | undefined>): FoundValue[] =>
    values.filter((value): value is string => !!value && !!value.trim()).map((value) => ({ value, source }));
  const authorsFromMeta = (key: string, single: boolean): FoundAuthor[] =>
    fromMeta(key).map((candidate) => ({ ...candidate, organization: false, single }));

  return {
    title: [
      ...from('json-ld', jsonLd.headline),
      ...fromMeta('og:title', 'twitter:title', 'citation_title', 'dc.title', 'parsely-title'),
      ...from('parsely-page', parsely?.title),
    ],
    documentTitle: page.documentTitle,
    topHeadings: page.topHeadings,
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
    bylineElement: page.bylineElement,
    pageTypes: { jsonLd: jsonLd.types, ogType: meta.get('og:type')?.[0]?.trim().toLowerCase() || null },
  };
}
