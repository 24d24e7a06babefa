import type { Embed } from '../article.js';
import { renderEmbedText } from './embeds/index.js';
import { EMBED_PLACEHOLDER_TAG, placeholderIndex } from './markers.js';
import type { Element, Node } from './dom.js';

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI',
  'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'THEAD', 'TFOOT',
  'TR', 'UL', 'CAPTION',
]);
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IMG', 'SVG', 'BUTTON', 'SELECT', 'TEXTAREA']);
const CELL_TAGS = new Set(['TD', 'TH']);

/**
 * The article as plain text: one blank line between blocks (paragraphs, headings, list items,
 * table rows, embeds), whitespace inside a block collapsed, no URLs. `skip` leaves out an element
 * with its children; `until` ends the text at the first element it accepts.
 *
 * Whole on purpose: one visitor over the tree sharing the line being built, the blocks done and
 * the end mark; split up, each part would pass all three back and forth.
 */
export function renderText(
  content: Element,
  embeds: Embed[],
  options: { skip?: (element: Element) => boolean; until?: (element: Element) => boolean } = {},
): string {
  const blocks: string[] = [];
  let line = '';
  // Set at the first element `until` accepts: nothing from there on is rendered.
  let ended = false;

  const flush = () => {
    const text = line
      .split('\n')
      .map((part) =>
        part
          .replace(/[ \f\r\v\u00a0]+/g, ' ')
          .replace(/ *\t[\t ]*/g, '\t')
          .replace(/^[\t ]+|[\t ]+$/g, ''),
      )
      .filter(Boolean)
      .join('\n');
    if (text) blocks.push(text);
    line = '';
  };

  const visit = (node: Node): void => {
    if (ended) return;
    if (node.nodeType === 3 /* text */) {
      // Source line breaks and tabs are just spaces; only <br> breaks a line, only a cell ends in a tab.
      line += (node.nodeValue ?? '').replace(/[\n\r\t]+/g, ' ');
      return;
    }
    if (node.nodeType !== 1 /* element */) return;
    const element = node as Element;
    const tag = element.nodeName;
    if (options.until?.(element)) ended = true;
    if (ended || SKIPPED_TAGS.has(tag) || options.skip?.(element)) return;
    if (tag === EMBED_PLACEHOLDER_TAG) {
      flush();
      const embed = embeds[placeholderIndex(element)];
      const embedText = embed ? renderEmbedText(embed) : '';
      if (embedText) blocks.push(embedText);
      return;
    }
    if (tag === 'BR') {
      line += '\n';
      return;
    }
    if (tag === 'PRE') {
      flush();
      const pre = (element.textContent ?? '').replace(/^\n+|\s+$/g, '');
      if (pre) blocks.push(pre);
      return;
    }
    const isBlock = BLOCK_TAGS.has(tag);
    if (isBlock) flush();
    if (CELL_TAGS.has(tag) && line && !/\s$/.test(line)) line += '\t';
    for (const child of Array.from(element.childNodes)) visit(child);
    if (CELL_TAGS.has(tag)) line += '\t';
    if (isBlock) flush();
  };

  visit(content);
  flush();
  return blocks.join('\n\n');
}
