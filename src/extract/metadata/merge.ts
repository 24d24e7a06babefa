/**
 * The merge: what the harvest found and what Readability found, cleaned, validated and picked
 * into ArticleMetadata. Never throws.
 */
import type { ArticleMetadata } from '../../article.js';
import { collapseSpace } from '../../text/index.js';
import { mergeAuthors, sameName } from './authors.js';
import { normalizeDate } from './dates.js';
import type { FoundValue, HarvestedMetadata } from './harvest.js';
import { absoluteUrl, attempt, decodeEntities, firstText, firstValid, PLACEHOLDER } from './values.js';

export interface ReadabilityMetadata {
  title?: string | null;
  byline?: string | null;
  excerpt?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
  lang?: string | null;
}

/** The page's canonical URL, absolute (as `mergeMetadata` gives it), from the harvest alone. */
export function canonicalUrlOf(harvested: HarvestedMetadata, pageUrl: string | null): string | null {
  return firstValid(harvested.canonicalUrl, (href) => absoluteUrl(href, harvested.baseUrl ?? pageUrl, true));
}

export function mergeMetadata(
  harvested: HarvestedMetadata,
  readability: ReadabilityMetadata | null,
  pageUrl: string | null,
): ArticleMetadata {
  const fromReadability = (value: string | null | undefined, source = 'readability'): FoundValue[] =>
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
  // Readability runs after cleaning, which may have taken the byline element away: the one the
  // whole page showed stands in.
  const pageByline = readability?.byline?.trim() || harvested.bylineElement;
  const authors = attempt(() => mergeAuthors(harvested.authors, pageByline ?? null, publishers)) ?? [];
  const readabilityByline = pageByline ? collapseSpace(decodeEntities(pageByline)) : '';
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

function mergeTags(candidates: FoundValue[]): string[] {
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    // Commas, full-width commas and semicolons: CJK and some CMSes list keywords that way.
    for (const piece of decodeEntities(candidate.value).split(/[,;，、；]/)) {
      const tag = collapseSpace(piece);
      const key = tag.toLowerCase();
      if (!tag || seen.has(key) || PLACEHOLDER.test(tag)) continue;
      seen.add(key);
      tags.push(tag);
    }
  }
  return tags;
}
