import type { Element } from './dom.js';
/**
 * The names clipfile writes into a page's DOM while it extracts, all in one place: what the
 * stages leave in the content for each other is listed here and nowhere else.
 *
 * - The embed placeholder element stands where an embed goes, from placement to rendering; its
 *   `data-index` is the embed's index among the page's embeds, given once when they are found.
 * - The embed token is the text that marks where an embed stood while Readability runs.
 * - The mark attribute carries what the cleaning found (a byline line, a credit, a caption) to
 *   the trimming after Readability; it is removed before rendering.
 * - The set-aside attributes hold the class and id of phrasing content while Readability runs.
 * - The embed class names the blockquote an embed becomes in the HTML output.
 */

/** The element that stands for an embed inside the article DOM until rendering (upper case, as tagName reads it). */
export const EMBED_PLACEHOLDER_TAG = 'CLIPFILE-EMBED';
/** A CSS selector matching the placeholders. */
export const EMBED_PLACEHOLDER_SELECTOR = 'clipfile-embed';
/** The attribute of a placeholder that names its embed. */
export const EMBED_INDEX_ATTRIBUTE = 'data-index';
/** The start of the token that marks an embed's place while Readability runs. */
export const EMBED_TOKEN_PREFIX = 'clipfileembed';
/** Marks the quality rules leave on elements for the stages after Readability. */
export const MARK_ATTRIBUTE = 'data-clipfile-mark';
/** Where the class and id of phrasing content wait while Readability runs. */
export const SET_ASIDE_ATTRIBUTES = { class: 'data-clipfile-class', id: 'data-clipfile-id' } as const;
/** The class of the blockquote an embed becomes in the HTML output. */
export const EMBED_HTML_CLASS = 'clipfile-embed';

export function isEmbedPlaceholder(element: Element): boolean {
  return element.tagName === EMBED_PLACEHOLDER_TAG;
}

/** The index of the embed a placeholder stands for. */
export function placeholderIndex(placeholder: Element): number {
  return Number(placeholder.getAttribute(EMBED_INDEX_ATTRIBUTE));
}
