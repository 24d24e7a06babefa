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
  const readabilityTitle = preferHeadline(readability?.title?.trim(), harvested, siteName);
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

/** What sits between the parts of a <title>: "Story | Site", "Site » Section » Story". */
const SEPARATOR_CHARS = '|\\-–—·:•»/>';
const TITLE_SEPARATOR = `[${SEPARATOR_CHARS}]`;
/** A separator ending what comes before a part, opening what comes after it, and any of them in a rest. */
const SEPARATOR_BEFORE = new RegExp(`\\s${TITLE_SEPARATOR}\\s+$`);
const SEPARATOR_AFTER = new RegExp(`^\\s+${TITLE_SEPARATOR}\\s`);
const SEPARATORS = new RegExp(`(^|\\s)${TITLE_SEPARATOR}(?=\\s|$)`, 'g');
/** "Title | Site": the title's last part and what comes before it. */
const LAST_PART = new RegExp(`^(.+?)\\s+${TITLE_SEPARATOR}\\s+([^${SEPARATOR_CHARS}]+)$`);
/** An <h1> shorter than this is as likely the site's name as a headline. */
const MIN_HEADING_WORDS = 4;
/** What the <title> holds beside an <h1> is a site's or section's name only when this short… */
const MAX_SITE_NAME_WORDS = 3;
/** …and the <h1> at least this many times longer (a blog's name as <h1> beside a short post title is not). */
const HEADLINE_TO_SITE_WORDS = 2;

/**
 * Readability's title is sometimes the page's <title> or a cut of it ("Headline – Site", or
 * "Site » Archive" from "Site » Archive » Headline"). The page's own headline takes its place
 * when it is one whole part of that <title> and not what Readability chose: JSON-LD's headline,
 * or an <h1> when what the <title> holds beside it reads as a site's name (the site's name, or
 * a few words beside a far longer <h1>: blogs put their own name in the <h1>).
 */
function preferHeadline(readabilityTitle: string | undefined, harvested: HarvestedMetadata, siteName: string | null): string | undefined {
  if (!readabilityTitle) return readabilityTitle;
  // The whole <title> is read only when Readability's title came from it (all of it, or a cut).
  const documentTitle = harvested.documentTitle ? collapseSpace(decodeEntities(harvested.documentTitle)) : null;
  const fromDocumentTitle = documentTitle && (sameText(documentTitle, readabilityTitle) || titleRest(documentTitle, readabilityTitle) !== null);
  const titles = fromDocumentTitle ? [readabilityTitle, documentTitle] : [readabilityTitle];
  const isHeadline = (candidate: string | undefined, besideIt: (rest: string, headline: string) => boolean): candidate is string => {
    const headline = candidate ? collapseSpace(candidate) : '';
    if (!headline || sameText(headline, readabilityTitle)) return false;
    return titles.some((title) => {
      const rest = titleRest(title, headline);
      return rest !== null && besideIt(rest, headline);
    });
  };

  const jsonLdHeadline = harvested.title.find((candidate) => candidate.source === 'json-ld')?.value;
  if (isHeadline(jsonLdHeadline, () => true)) return collapseSpace(jsonLdHeadline);
  const heading = harvested.topHeadings.find((candidate) => wordCount(candidate) >= MIN_HEADING_WORDS && isHeadline(candidate, readsAsSiteName(siteName)));
  return heading ? collapseSpace(heading) : readabilityTitle;
}

function readsAsSiteName(siteName: string | null): (rest: string, headline: string) => boolean {
  return (rest, headline) => {
    if (siteName && sameName(rest, siteName)) return true;
    if (siteName && sameName(headline, siteName)) return false;
    const restWords = wordCount(rest);
    return restWords <= MAX_SITE_NAME_WORDS && wordCount(headline) >= HEADLINE_TO_SITE_WORDS * restWords;
  };
}

/**
 * What `title` holds beside `part` when `part` is one whole separator-delimited part (or run of
 * parts) of it, not all of it; null otherwise.
 */
function titleRest(title: string, part: string): string | null {
  const at = title.indexOf(part);
  if (at < 0) return null;
  const before = title.slice(0, at);
  const after = title.slice(at + part.length);
  if (!before && !after) return null;
  const joined = (!before || SEPARATOR_BEFORE.test(before)) && (!after || SEPARATOR_AFTER.test(after));
  return joined ? collapseSpace(`${before} ${after}`.replace(SEPARATORS, ' ')) : null;
}

/** Words, separators between a <title>'s parts aside. */
function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

function sameText(a: string, b: string): boolean {
  return collapseSpace(a).toLowerCase() === collapseSpace(b).toLowerCase();
}

/** "Title | Site" → "Title" when "Site" is the site's name; otherwise the title is left whole. */
function trimSiteSuffix(title: string, siteName: string | null): string {
  if (!siteName) return title;
  const match = LAST_PART.exec(title);
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
