import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { SCHEMA_VERSION, type Article, type Embed } from '../article.js';
import { SourceError } from '../errors.js';
import { renderEmbedHtml } from './embed-html.js';
import { findEmbeds } from './embeds.js';
import { renderMarkdown } from './markdown.js';
import { harvestMetadata, mergeMetadata } from './metadata.js';
import { parseHtml } from './parse.js';
import { EMBED_PLACEHOLDER_TAG, markEmbeds, normalizeSpace, placeEmbeds, stripTokens } from './placement.js';
import { countWords, renderText } from './text.js';

export interface PageInput {
  html: string;
  /** The page's URL: links, images and metadata are resolved against it. */
  url: string | null;
  /** How the user named the page, for error messages (defaults to the URL). */
  source?: string;
}

export interface ExtractOptions {
  /** Readability's minimum article length in characters (default 500). */
  charThreshold?: number;
}

/**
 * The extraction pipeline for one page: parse → harvest → extract → place embeds → render.
 * Synchronous and free of I/O; callers that loop over pages must yield to the event loop
 * between them so jsdom can release closed windows.
 */
export function extractArticle(page: PageInput, options: ExtractOptions = {}): Article {
  const source = page.source ?? page.url ?? 'input';
  let parsed;
  try {
    parsed = parseHtml(page.html, page.url);
  } catch (error) {
    throw new SourceError(source, 'parse-failed', `could not parse HTML: ${oneLine(error)}`, { cause: error });
  }
  try {
    const { document } = parsed;
    const harvested = harvestMetadata(document, page.url);
    const marks = markEmbeds(document, findEmbeds(document));
    const readerable = isProbablyReaderable(document);

    let result;
    try {
      result = new Readability<Element>(document, {
        serializer: (node) => node as Element,
        charThreshold: options.charThreshold,
      }).parse();
    } catch (error) {
      throw new SourceError(source, 'parse-failed', `extraction failed: ${oneLine(error)}`, { cause: error });
    }
    const content = result?.content;
    if (!result || !content) {
      throw new SourceError(source, 'no-article', 'no article found in the page');
    }

    const embeds = placeEmbeds(content, marks);
    const metadata = mergeMetadata(
      harvested,
      {
        title: stripTokens(result.title, marks),
        byline: stripTokens(result.byline, marks),
        excerpt: stripTokens(result.excerpt, marks),
        siteName: stripTokens(result.siteName, marks),
        publishedTime: result.publishedTime ?? null,
        lang: result.lang ?? null,
      },
      page.url,
    );
    dropHeadingRepeatingTitle(content, metadata.title);
    const text = renderText(content, embeds);
    if (!text && embeds.length === 0) {
      throw new SourceError(source, 'no-article', 'no article text found in the page');
    }
    const body = renderMarkdown(content, embeds);
    const markdown = metadata.title ? `# ${escapeHeading(metadata.title)}\n\n${body}` : body;
    const html = renderHtml(content, embeds);

    return {
      schemaVersion: SCHEMA_VERSION,
      url: page.url,
      ...metadata,
      readerable,
      wordCount: countWords(text),
      text,
      markdown,
      html,
      embeds,
      quotes: [],
    };
  } finally {
    parsed.close();
  }
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

/** The cleaned article HTML, with each embed as a small self-contained blockquote. */
function renderHtml(content: Element, embeds: Embed[]): string {
  for (const placeholder of Array.from(content.querySelectorAll(EMBED_PLACEHOLDER_TAG))) {
    const embed = embeds[Number(placeholder.getAttribute('data-index'))];
    if (embed) placeholder.replaceWith(renderEmbedHtml(content.ownerDocument, embed));
    else placeholder.remove();
  }
  return content.innerHTML.trim();
}

function escapeHeading(title: string): string {
  return title.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>])/g, '\\$1');
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 200);
}
