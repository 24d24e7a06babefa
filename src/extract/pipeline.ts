import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { SCHEMA_VERSION, type Article, type ArticleMetadata, type Embed } from '../article.js';
import { SourceError } from '../errors.js';
import { collapseSpace, countWords, oneLine } from '../text/index.js';
import { findEmbeds, renderEmbedHtml } from './embeds/index.js';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_ELEMENTS, DEFAULT_MAX_MARKUP_CHARS, PageTooComplexError } from './limits.js';
import { renderMarkdown } from './markdown.js';
import { EMBED_PLACEHOLDER_SELECTOR, isEmbedPlaceholder, MARK_ATTRIBUTE, placeholderIndex } from './markers.js';
import { canonicalUrlOf, harvestMetadata, mergeMetadata, type HarvestedMetadata } from './metadata/index.js';
import { adoptPageUrl, parseHtml, type DomEngine } from './parse.js';
import { embedsInPlace, markEmbeds, placeEmbeds, stripTokens, type EmbedMarks } from './placement.js';
import {
  articleBodyCovered,
  articleBodyText,
  candidate,
  choose,
  cleanBeforeReadability,
  confidenceSignals,
  confirmWithArticleBody,
  contentFromText,
  densestBlock,
  restorePhrasingNames,
  scoreSignals,
  textOf,
  trimContent,
  type Candidate,
  type Choice,
  type ConfidenceInput,
  type ConfidenceSignals,
} from './quality/index.js';
import { firstPassInstead, headlinePassInstead, recordFirstPass } from './quality/first-pass.js';
import { dropHeadingRepeatingTitle, headlineLead, headlineSaysTitle, pageHeadings } from './quality/headline.js';
import { markPosts, unmarkPosts, withEveryPost } from './quality/posts.js';
import { proseInstead, tableProse } from './quality/table-prose.js';
import { findQuotes, type QuotedElement } from './quotes/index.js';
import { takeComments } from './comments/index.js';
import { withTextLengthsKept } from './readability-text-lengths.js';
import { sanitizeArticleHtml } from './sanitize.js';
import { pageStatements } from './page-genre.js';
import { renderText } from './text.js';
import { resolveUrls } from './urls.js';
import type { Document, Element } from './dom.js';

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
  /** The DOM to run on (default linkedom; a page that throws on linkedom is retried on jsdom). */
  dom?: DomEngine;
  /**
   * Parts of the Article the caller never reads, left empty: `html` ('') and `quotes` ([]).
   * `extract` to Markdown or text prints neither, and they were a tenth of a one-page run.
   */
  omit?: { html?: boolean; quotes?: boolean };
  /** Given the signals confidence was computed from (bench/fit-confidence.ts fits the model on them). */
  observeConfidence?: (signals: ConfidenceSignals | null) => void;
}

/**
 * The extraction pipeline for one page, synchronous and free of I/O. Each stage takes the
 * values the earlier ones returned:
 *
 *   parse → harvest metadata → find and mark embeds → clean → Readability and the other
 *   candidates → choose → place embeds → finish the content (article-body check, title
 *   heading, marks, URLs) → render text, Markdown and HTML (reading only) → quotes.
 *
 * Until `finishContent`, stages change the page's DOM (Readability itself does); from the
 * renderers on, nothing does.
 */
export function extractArticle(page: PageInput, options: ExtractOptions = {}): Article {
  const engine = options.dom ?? 'linkedom';
  if (engine === 'jsdom') return extractOn('jsdom', page, options);
  try {
    return extractOn('linkedom', page, options);
  } catch (error) {
    if (!failedOnDomGap(error)) throw error;
    // linkedom is a partial DOM: what throws on it is tried on the reference DOM, and said so.
    const article = extractOn('jsdom', page, options);
    const cause = error instanceof SourceError && error.cause !== undefined ? error.cause : error;
    article.warnings.push(`extracted with jsdom: linkedom failed on this page (${oneLine(cause)})`);
    return article;
  }
}

/**
 * Whether an extraction failed in the DOM rather than on the page: a throw that is not a
 * verdict on the page (too complex, no article), such as Readability or a rule meeting a DOM
 * method linkedom lacks.
 */
function failedOnDomGap(error: unknown): boolean {
  if (!(error instanceof SourceError)) return true;
  return error.code === 'parse-failed';
}

function extractOn(engine: DomEngine, page: PageInput, options: ExtractOptions): Article {
  const source = page.source ?? page.url ?? 'input';
  const document = parsePage(page, source, engine);
  const harvested = harvestMetadata(document, page.url);
  // A saved page read without --url lives at its canonical URL: links and images resolve against it.
  const canonicalUrl = page.url ? null : canonicalUrlOf(harvested, null);
  if (canonicalUrl) adoptPageUrl(document, canonicalUrl);
  // Reader comments leave the page before anything reads the story, so they never mix with it.
  const embedsFound = findEmbeds(document);
  const comments = takeComments(document, embedsFound.map((found) => found.element));
  const marks = markEmbeds(document, embedsFound);
  const readerable = isProbablyReaderable(document as unknown as ReadabilityDocument);

  const story = findStory(document, harvested, marks, options, source, page.url);
  const placed = placeEmbeds(story.content, marks);
  const found = marks.marks.map((mark) => mark.embed);
  const finished = finishContent(story, placed, found, document);
  const text = renderText(finished.content, found, { skip: (element) => finished.captions.has(element) });
  if (!text && finished.embeds.length === 0) {
    throw new SourceError(source, 'no-article', 'no article text found in the page');
  }
  const body = renderMarkdown(finished.content, found);
  const title = story.metadata.title;
  const confidenceInput: ConfidenceInput = {
    readerable,
    content: finished.content,
    agreement: story.choice.agreement,
    confirmedByArticleBody: finished.confirmedByArticleBody,
    pageChars: story.pageChars,
    headlineFound: headlineSaysTitle(story.headings, title),
    comments: comments.length,
    bounds: story.choice.bounds,
    cleanedBlocks: story.cleanedBlocks,
    trimmedBlocks: story.choice.chosen.element ? (story.trimmedBlocks.get(story.choice.chosen.element) ?? 0) : 0,
  };
  const signals = confidenceSignals(confidenceInput);
  options.observeConfidence?.(signals);
  return {
    schemaVersion: SCHEMA_VERSION,
    url: page.url,
    ...story.metadata,
    readerable,
    confidence: signals ? scoreSignals(signals) : 0,
    wordCount: countWords(text),
    text,
    markdown: title ? `# ${escapeHeading(title)}\n\n${body}` : body,
    html: options.omit?.html ? '' : renderHtml(finished.content, found),
    embeds: finished.embeds,
    quotes: options.omit?.quotes ? [] : findQuotes(text, { quoted: quotedElements(finished.content), lang: story.metadata.lang }),
    comments,
    warnings: finished.warnings,
    ...pageStatements(harvested, { ...story.metadata, readerable }),
  };
}

function parsePage(page: PageInput, source: string, engine: DomEngine): Document {
  try {
    const limits = {
      maxMarkupChars: page.maxMarkupChars ?? DEFAULT_MAX_MARKUP_CHARS,
      maxElements: page.maxElements ?? DEFAULT_MAX_ELEMENTS,
      maxDepth: page.maxDepth ?? DEFAULT_MAX_DEPTH,
    };
    return parseHtml(page.html, page.url, limits, engine);
  } catch (error) {
    if (error instanceof PageTooComplexError) throw new SourceError(source, 'too-complex', `too complex to extract: ${error.message}`);
    throw new SourceError(source, 'parse-failed', `could not parse HTML: ${oneLine(error)}`, { cause: error });
  }
}

/** What Readability and the quality layer agree the story is. */
interface Story {
  content: Element;
  choice: Choice;
  metadata: ArticleMetadata;
  /** The JSON-LD articleBody as plain text, when long enough to judge the content by. */
  articleBody: string | null;
  /** Characters of the page's text once cleaned, before Readability. */
  pageChars: number;
  /** The page's h1 and h2 texts before Readability (at most MAX_HEADINGS). */
  headings: string[];
  /** Blocks the cleaning removed before Readability. */
  cleanedBlocks: number;
  /** Blocks the trimming removed, per candidate content. */
  trimmedBlocks: Map<Element, number>;
}

/**
 * Cleaning, Readability and the other candidates, and the choice among them: Readability's
 * content unless it is empty, very short or mostly links; then whichever other candidate
 * agrees best (the JSON-LD body decides).
 */
function findStory(
  document: Document,
  harvested: HarvestedMetadata,
  marks: EmbedMarks,
  options: ExtractOptions,
  source: string,
  pageUrl: string | null,
): Story {
  // Before Readability: what is never story goes; the densest block is taken while the document is whole.
  const holdsEmbed = (text: string) => text.search(marks.tokenPattern) >= 0;
  const cleaning = cleanBeforeReadability(document, holdsEmbed);
  const densest = densestBlock(document);
  const articleBody = articleBodyText(harvested.articleBody);
  const pageChars = document.body ? textOf(document.body).length : 0;
  const headings = pageHeadings(document);
  const prose = tableProse(document);
  const posts = markPosts(document);
  const result = runReadability(document, options, source, pageTitlesOf(harvested));
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
    pageUrl,
  );
  const trimContext = { isPlaceholder: isEmbedPlaceholder, authors: authorNames(metadata), markedTexts: cleaning.markedTexts };
  const trimmedBlocks = new Map<Element, number>();
  const untrimmedTexts = new Map<Element, string>();
  const prepare = (element: Element): Element => {
    // linkedom's fragment parser makes a text node of each piece between entities; merged
    // again, so markdown escaping sees whole runs of text.
    element.normalize();
    // Read only where the page is laid out with tables (proseInstead needs it).
    if (prose) untrimmedTexts.set(element, textOf(element));
    trimmedBlocks.set(element, sumOf(trimContent(element, trimContext).removed));
    return element;
  };
  const readabilityContent = result?.content ? prepare(withEveryPost(result.content, posts)) : null;
  const first = readabilityContent ? candidate('readability', readabilityContent, textOf(readabilityContent)) : null;
  const others: Candidate[] = [];
  if (densest) others.push(candidate('densest-block', densest, textOf(prepare(densest))));
  if (articleBody) others.push(candidate('json-ld', null, articleBody));
  const choice = choose(first, others);
  if (!choice) throw new SourceError(source, 'no-article', 'no article found in the page');
  const chosenContent = choice.chosen.element ?? contentFromText(document, choice.chosen.text);
  // Whether the content is one part of the page's prose is read before the trimming: what the
  // trimming took (a list of other stories' summaries) must not bring the page's prose back.
  const content = proseInstead(chosenContent, prose, untrimmedTexts.get(chosenContent)) ?? chosenContent;
  const cleanedBlocks = sumOf(cleaning.removed);
  return { content, choice, metadata, articleBody, pageChars, headings, cleanedBlocks, trimmedBlocks };
}

function sumOf(counts: Partial<Record<string, number>>): number {
  return Object.values(counts).reduce<number>((sum, n) => sum + (n ?? 0), 0);
}

/**
 * Readability's types name the browser's whole Document; it runs on the pipeline's DOM (linkedom
 * or jsdom), which holds what it uses (the corpus runs on both), so the document is passed as one.
 */
type ReadabilityDocument = ConstructorParameters<typeof Readability>[0];

/** What the page calls itself, for finding its headline: the <title> and the first title its metadata declares (og:title, …). */
function pageTitlesOf(harvested: HarvestedMetadata): string[] {
  return [harvested.documentTitle, harvested.title[0]?.value].filter((title): title is string => Boolean(title));
}

function runReadability(document: Document, options: ExtractOptions, source: string, pageTitles: readonly string[]) {
  try {
    const reader = withTextLengthsKept(
      new Readability<Element>(document as unknown as ReadabilityDocument, {
        serializer: (node) => node as unknown as Element,
        charThreshold: options.charThreshold,
      }),
    );
    const firstPass = recordFirstPass(reader);
    const result = reader.parse();
    if (!result) return result;
    // A short story its first pass found, where Readability went on to another region.
    const first = firstPassInstead(reader, firstPass(), result.content ?? null);
    // Every pass short: the one under the headline rather than the longest. Readability left the
    // page as it was before its passes, headline included.
    const content = first ?? result.content ?? null;
    const underHeadline = headlinePassInstead(reader, content, () => {
      // linkedom's document.body throws once a page's root element is gone (some pages lose it).
      const body = document.documentElement ? document.body : null;
      return body ? headlineLead(body, pageTitles) : null;
    });
    const instead = underHeadline ?? first;
    return instead ? { ...result, content: instead } : result;
  } catch (error) {
    throw new SourceError(source, 'parse-failed', `extraction failed: ${oneLine(error)}`, { cause: error });
  }
}

/** The story ready to render: the last rules applied, marks gone, URLs absolute. */
interface FinishedContent {
  content: Element;
  /** The embeds still placed, in article order. */
  embeds: Embed[];
  /** Captions, which the text leaves out. */
  captions: Set<Element>;
  confirmedByArticleBody: boolean;
  warnings: string[];
}

/**
 * `placed` are the embeds placeEmbeds put in the content; `found`, every embed of the page,
 * indexed as the placeholders are.
 */
function finishContent(story: Story, placed: Embed[], found: readonly Embed[], document: Document): FinishedContent {
  const { content, articleBody } = story;
  let embeds = placed;
  // Where the JSON-LD body is the whole story, paragraphs it does not have are not story.
  if (articleBody && story.choice.chosen.name !== 'json-ld') {
    confirmWithArticleBody(content, articleBody, isEmbedPlaceholder);
    embeds = embedsInPlace(content, found);
  }
  dropHeadingRepeatingTitle(content, story.metadata.title);
  const confirmedByArticleBody = articleBodyCovered(content, articleBody);
  // Read before the marks go: a caption the cleaning marked is one.
  const captions = captionsOf(content);
  for (const marked of Array.from(content.querySelectorAll(`[${MARK_ATTRIBUTE}]`))) marked.removeAttribute(MARK_ATTRIBUTE);
  unmarkPosts(content);
  restorePhrasingNames(content);
  const warnings: string[] = [];
  const { relative } = resolveUrls(content, knownBaseUrl(document));
  if (relative > 0) warnings.push(relativeUrlsWarning(relative));
  return { content, embeds, captions, confirmedByArticleBody, warnings };
}

/** The document's base URL, or null for a page read without a URL that declares none. */
function knownBaseUrl(document: Document): string | null {
  return document.baseURI && document.baseURI !== 'about:blank' ? document.baseURI : null;
}

function relativeUrlsWarning(count: number): string {
  const what = count === 1 ? '1 link or image' : `${count} links and images`;
  return `${what} kept relative: the page declares no URL of its own; give --url to make them absolute`;
}

/** The names a closing author bio would start with. */
function authorNames(metadata: { authors: string[]; byline: string | null }): string[] {
  const names = [...metadata.authors];
  if (metadata.byline && metadata.byline.length <= 60) names.push(metadata.byline.replace(/^by\s+/i, ''));
  return names;
}

/**
 * The captions the story's text leaves out (they stay beside their figure in the Markdown and
 * the HTML): the body text is what the story says, as the reader reads it through.
 */
function captionsOf(content: Element): Set<Element> {
  return new Set(
    Array.from(content.querySelectorAll(`figcaption, [${MARK_ATTRIBUTE}="caption"]`)).filter(
      (caption) => caption.tagName === 'FIGCAPTION' || textOf(caption).length <= 400,
    ),
  );
}

/**
 * The story's own quotation elements, for the quotes stage: `<blockquote>` (not one inside
 * another) and `<q>`, in document order. Embeds are placeholders here, never blockquotes.
 */
function quotedElements(content: Element): QuotedElement[] {
  const quoted: QuotedElement[] = [];
  for (const element of Array.from(content.querySelectorAll('blockquote, q'))) {
    if (element.tagName === 'BLOCKQUOTE') {
      if (element.parentElement?.closest('blockquote')) continue;
      const paragraphs = Array.from(element.querySelectorAll('p')).map((p) => collapseSpace(p.textContent)).filter(Boolean);
      quoted.push({ kind: 'blockquote', paragraphs: paragraphs.length ? paragraphs : [collapseSpace(element.textContent)] });
    } else {
      quoted.push({ kind: 'q', text: collapseSpace(element.textContent) });
    }
  }
  return quoted;
}

/** The cleaned article HTML, with each embed as a small self-contained blockquote, sanitized. */
function renderHtml(content: Element, embeds: readonly Embed[]): string {
  // On a copy: the content stays as the other renderers and the quotes stage read it.
  const copy = content.cloneNode(true) as Element;
  for (const placeholder of Array.from(copy.querySelectorAll(EMBED_PLACEHOLDER_SELECTOR))) {
    const embed = embeds[placeholderIndex(placeholder)];
    if (embed) placeholder.replaceWith(renderEmbedHtml(content.ownerDocument, embed));
    else placeholder.remove();
  }
  return sanitizeArticleHtml(copy.innerHTML);
}

function escapeHeading(title: string): string {
  return title.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>])/g, '\\$1');
}
