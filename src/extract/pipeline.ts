import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { SCHEMA_VERSION, type Article, type Embed } from '../article.js';
import { SourceError } from '../errors.js';
import { renderEmbedHtml } from './embed-html.js';
import { findEmbeds } from './embeds.js';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_ELEMENTS, DEFAULT_MAX_MARKUP_CHARS, PageTooComplexError } from './limits.js';
import { renderMarkdown } from './markdown.js';
import { canonicalUrlOf, harvestMetadata, mergeMetadata } from './metadata.js';
import { adoptPageUrl, copyDocument, parseHtml } from './parse.js';
import { sanitizeArticleHtml } from './sanitize.js';
import { findQuotes } from './quotes/index.js';
import { takeComments } from './comments/index.js';
import { EMBED_PLACEHOLDER_TAG, markEmbeds, normalizeSpace, placeEmbeds, stripTokens } from './placement.js';
import {
  articleBodyCovered,
  articleBodyText,
  candidate,
  choose,
  cleanBeforeReadability,
  computeConfidence,
  confirmWithArticleBody,
  contentFromText,
  densestBlock,
  isSuspicious,
  MARK_ATTRIBUTE,
  restorePhrasingNames,
  textOf,
  trimContent,
  type Candidate,
} from './quality/index.js';
import { countWords, renderText } from './text.js';
import { resolveUrls } from './urls.js';

export interface PageInput {
  html: string;
  /** The page's URL: links, images and metadata are resolved against it. */
  url: string | null;
  /** How the user named the page, for error messages (defaults to the URL). */
  source?: string;
  /** Longest the markup may be, scripts and styles aside (default DEFAULT_MAX_MARKUP_CHARS); past it, `too-complex`. */
  maxMarkupChars?: number;
  /** Most elements the page may have (default DEFAULT_MAX_ELEMENTS); past it, `too-complex`. */
  maxElements?: number;
  /** Deepest the page's elements may nest (default DEFAULT_MAX_DEPTH); past it, `too-complex`. */
  maxDepth?: number;
}

export interface ExtractOptions {
  /** Readability's minimum article length in characters (default 500). */
  charThreshold?: number;
}

/**
 * The extraction pipeline for one page: parse → harvest → extract → place embeds → render.
 * Synchronous and free of I/O.
 */
export function extractArticle(page: PageInput, options: ExtractOptions = {}): Article {
  const source = page.source ?? page.url ?? 'input';
  let document: Document;
  try {
    document = parseHtml(page.html, page.url, {
      maxMarkupChars: page.maxMarkupChars ?? DEFAULT_MAX_MARKUP_CHARS,
      maxElements: page.maxElements ?? DEFAULT_MAX_ELEMENTS,
      maxDepth: page.maxDepth ?? DEFAULT_MAX_DEPTH,
    });
  } catch (error) {
    if (error instanceof PageTooComplexError) throw new SourceError(source, 'too-complex', `too complex to extract: ${error.message}`);
    throw new SourceError(source, 'parse-failed', `could not parse HTML: ${oneLine(error)}`, { cause: error });
  }
  const harvested = harvestMetadata(document, page.url);
  // A saved page read without --url lives at its canonical URL: links and images resolve against it.
  const canonicalUrl = page.url ? null : canonicalUrlOf(harvested, null);
  if (canonicalUrl) adoptPageUrl(document, canonicalUrl);
  // Reader comments leave the page before anything reads the story, so they never mix with it.
  const comments = takeComments(document);
  const marks = markEmbeds(document, findEmbeds(document));
  const readerable = isProbablyReaderable(document);
  const holdsEmbed = (text: string) => text.search(marks.tokenPattern) >= 0;

  // Quality, before Readability: what is never story goes; other strategies' candidates are
  // taken while the document is whole.
  const cleaning = cleanBeforeReadability(document, holdsEmbed);
  const densest = densestBlock(document);
  const articleBody = articleBodyText(harvested.articleBody);
  // Readability changes the document it reads; where it is likely to fail (the page does not
  // look like an article), a copy (a DOM copy, not a second parse) lets it try again with
  // other flags. The copy costs about half a Readability run, so only those pages pay it.
  const spare = readerable ? null : copyDocument(document);

  let result;
  try {
    result = new Readability<Element>(document, {
      serializer: (node) => node as Element,
      charThreshold: options.charThreshold,
    }).parse();
  } catch (error) {
    throw new SourceError(source, 'parse-failed', `extraction failed: ${oneLine(error)}`, { cause: error });
  }

  const metadata = mergeMetadata(
    harvested,
    {
      title: stripTokens(result?.title, marks),
      byline: stripTokens(result?.byline, marks),
      excerpt: stripTokens(result?.excerpt, marks),
      siteName: stripTokens(result?.siteName, marks),
      publishedTime: result?.publishedTime ?? null,
      lang: result?.lang ?? null,
    },
    page.url,
  );

  // Candidates and agreement: Readability's content unless it is empty, very short or
  // mostly links; then whichever other candidate agrees best (the JSON-LD body decides).
  const trimContext = { isPlaceholder: isEmbedPlaceholder, authors: authorNames(metadata), markedTexts: cleaning.markedTexts };
  const prepare = (element: Element): Element => {
    // Readability restores the page through innerHTML when it retries with other flags, and
    // linkedom's fragment parser makes a text node of each piece between entities; merged
    // again, so markdown escaping sees whole runs of text.
    element.normalize();
    trimContent(element, trimContext);
    return element;
  };
  const readabilityContent = result?.content ? prepare(result.content) : null;
  const first = readabilityContent ? candidate('readability', readabilityContent, textOf(readabilityContent)) : null;
  const others: Candidate[] = [];
  if (densest) others.push(candidate('densest-block', densest, textOf(prepare(densest))));
  if (articleBody) others.push(candidate('json-ld', null, articleBody));
  if (spare && isSuspicious(first, others)) {
    const relaxed = relaxedReadability(spare, options);
    if (relaxed) others.push(candidate('readability-relaxed', relaxed, textOf(prepare(relaxed))));
  }
  const choice = choose(first, others);
  if (!choice) throw new SourceError(source, 'no-article', 'no article found in the page');
  const content = choice.chosen.element ?? contentFromText(document, choice.chosen.text);

  let embeds = placeEmbeds(content, marks);
  // Where the JSON-LD body is the whole story, paragraphs it does not have are not story.
  if (articleBody && choice.chosen.name !== 'json-ld') confirmWithArticleBody(content, articleBody, isEmbedPlaceholder);
  embeds = embedsStillPlaced(content, embeds);
  dropHeadingRepeatingTitle(content, metadata.title);

  const text = storyText(content, embeds);
  if (!text && embeds.length === 0) {
    throw new SourceError(source, 'no-article', 'no article text found in the page');
  }
  const confidence = computeConfidence({
    readerable,
    content,
    agreement: choice.agreement,
    confirmedByArticleBody: articleBodyCovered(content, articleBody),
    replaced: choice.replaced !== null,
  });
  for (const marked of Array.from(content.querySelectorAll(`[${MARK_ATTRIBUTE}]`))) marked.removeAttribute(MARK_ATTRIBUTE);
  restorePhrasingNames(content);
  const warnings: string[] = [];
  const { relative } = resolveUrls(content, knownBaseUrl(document));
  if (relative > 0) warnings.push(relativeUrlsWarning(relative));
  const body = renderMarkdown(content, embeds);
  const markdown = metadata.title ? `# ${escapeHeading(metadata.title)}\n\n${body}` : body;
  const html = renderHtml(content, embeds);

  return {
    schemaVersion: SCHEMA_VERSION,
    url: page.url,
    ...metadata,
    readerable,
    confidence,
    wordCount: countWords(text),
    text,
    markdown,
    html,
    embeds,
    quotes: findQuotes(text, { content, lang: metadata.lang }),
    comments,
    warnings,
  };
}

/**
 * Readability with other flags, on the spare copy: more top candidates to merge siblings from
 * and a low length threshold, for pages where the defaults found little or only links.
 */
function relaxedReadability(spare: Document, options: ExtractOptions): Element | null {
  try {
    const result = new Readability<Element>(spare, {
      serializer: (node) => node as Element,
      charThreshold: Math.min(options.charThreshold ?? 500, 100),
      nbTopCandidates: 10,
    }).parse();
    return result?.content ?? null;
  } catch {
    return null;
  }
}

/** The document's base URL, or null for a page read without a URL that declares none. */
function knownBaseUrl(document: Document): string | null {
  return document.baseURI && document.baseURI !== 'about:blank' ? document.baseURI : null;
}

function relativeUrlsWarning(count: number): string {
  const what = count === 1 ? '1 link or image' : `${count} links and images`;
  return `${what} kept relative: the page declares no URL of its own; give --url to make them absolute`;
}

function isEmbedPlaceholder(element: Element): boolean {
  return element.tagName === EMBED_PLACEHOLDER_TAG;
}

/** The embeds whose placeholders the quality rules left in place, renumbered in order. */
function embedsStillPlaced(content: Element, embeds: Embed[]): Embed[] {
  return Array.from(content.querySelectorAll(EMBED_PLACEHOLDER_TAG)).map((el, order) => {
    const embed = embeds[Number(el.getAttribute('data-index'))]!;
    el.setAttribute('data-index', String(order));
    return embed;
  });
}

/** The names a closing author bio would start with. */
function authorNames(metadata: { authors: string[]; byline: string | null }): string[] {
  const names = [...metadata.authors];
  if (metadata.byline && metadata.byline.length <= 60) names.push(metadata.byline.replace(/^by\s+/i, ''));
  return names;
}

/**
 * The story's text leaves captions out (they stay beside their figure in the Markdown and the
 * HTML): the body text is what the story says, as the reader reads it through.
 */
function storyText(content: Element, embeds: Embed[]): string {
  const captions = new Set(
    Array.from(content.querySelectorAll(`figcaption, [${MARK_ATTRIBUTE}="caption"]`)).filter(
      (caption) => caption.tagName === 'FIGCAPTION' || textOf(caption).length <= 400,
    ),
  );
  return renderText(content, embeds, { skip: (element) => captions.has(element) });
}

/**
 * Readability drops a leading heading that repeats the title only when its word-similarity
 * test matches, which fails for non-Latin scripts; the Markdown carries the title already.
 */
function dropHeadingRepeatingTitle(content: Element, title: string | null): void {
  const heading = content.querySelector('h1, h2');
  if (!heading || !title) return;
  const headingText = normalizeSpace(heading.textContent ?? '');
  const leadsTheArticle = normalizeSpace(content.textContent ?? '').startsWith(headingText);
  if (leadsTheArticle && headingText.toLowerCase() === normalizeSpace(title).toLowerCase()) heading.remove();
}

/** The cleaned article HTML, with each embed as a small self-contained blockquote, sanitized. */
function renderHtml(content: Element, embeds: Embed[]): string {
  for (const placeholder of Array.from(content.querySelectorAll(EMBED_PLACEHOLDER_TAG))) {
    const embed = embeds[Number(placeholder.getAttribute('data-index'))];
    if (embed) placeholder.replaceWith(renderEmbedHtml(content.ownerDocument, embed));
    else placeholder.remove();
  }
  return sanitizeArticleHtml(content.innerHTML);
}

function escapeHeading(title: string): string {
  return title.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>])/g, '\\$1');
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 200);
}
