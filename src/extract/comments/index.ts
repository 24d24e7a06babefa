/**
 * Reader comments: found on the whole page before the story is extracted, and taken out of it
 * so that they never mix with the story's text (src/extract/comments/find.ts tells how).
 */
import type { ReaderComment } from '../../article.js';
import { findCommentBlocks } from './find.js';
import { jsonLdComments } from './json-ld.js';
import type { Document, Element } from '../dom.js';

export { commentsMarkdown, withCommentsInMarkdown } from './markdown.js';

/**
 * The page's reader comments; their blocks are removed from `document`. `embeds` (the page's
 * embedded posts) are never taken, nor any block that holds one.
 */
export function takeComments(document: Document, embeds: readonly Element[] = []): ReaderComment[] {
  const found = findCommentBlocks(document, embeds);
  for (const block of found.blocks) block.remove();
  return found.comments.length > 0 ? found.comments : jsonLdComments(document);
}
