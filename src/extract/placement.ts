import type { Embed } from '../article.js';
import type { FoundEmbed } from './embeds.js';
import { comesBefore } from './tree-order.js';

/** The element that stands for an embed inside the article DOM until rendering. */
export const EMBED_PLACEHOLDER_TAG = 'CLIPFILE-EMBED';

const ANCHOR_BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, pre, figcaption';
// Short blocks ("Advertisement", "Share") repeat across a page and would anchor anywhere.
const MIN_ANCHOR_LENGTH = 25;

interface MarkedEmbed {
  embed: Embed;
  token: string;
  /** Text of the nearest story-like block before and after the embed in the original page. */
  anchorBefore: string | null;
  anchorAfter: string | null;
}

/** What `markEmbeds` left in the document, needed to put embeds back after Readability. */
export interface EmbedMarks {
  marks: MarkedEmbed[];
  tokenPattern: RegExp;
}

export function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Replaces every embed with a small text paragraph carrying a unique token. Readability keeps
 * text paragraphs where it would drop an iframe or a widget blockquote, so the token marks
 * where the embed stood; the neighbouring paragraphs' texts are a second way to find the place
 * when Readability drops the token's container anyway.
 */
export function markEmbeds(document: Document, found: FoundEmbed[]): EmbedMarks {
  // Most pages have no embed: no anchors to collect, and a pattern that never matches.
  if (found.length === 0) return { marks: [], tokenPattern: /(?!)/g };
  const nonce = Math.random().toString(36).slice(2, 10);
  const embedElements = found.map((f) => f.element);
  const blocks = Array.from(document.querySelectorAll(ANCHOR_BLOCKS)).filter(
    (block) =>
      !embedElements.some((e) => e.contains(block)) &&
      normalizeSpace(block.textContent ?? '').length >= MIN_ANCHOR_LENGTH,
  );

  const marks = found.map(({ element, embed }, index): MarkedEmbed => {
    const token = `clipfileembed${nonce}x${index}`;
    const before = lastBlockBefore(blocks, element);
    const after = firstBlockAfter(blocks, element);
    const inline = element.parentElement?.closest('p') != null;
    const marker = document.createElement(inline ? 'span' : 'p');
    marker.textContent = ` ${token} `;
    element.replaceWith(marker);
    return {
      embed,
      token,
      anchorBefore: before ? normalizeSpace(before.textContent ?? '') : null,
      anchorAfter: after ? normalizeSpace(after.textContent ?? '') : null,
    };
  });
  return { marks, tokenPattern: new RegExp(`\\s*clipfileembed${nonce}x\\d+\\s*`, 'g') };
}

function lastBlockBefore(blocks: Element[], element: Element): Element | null {
  let found: Element | null = null;
  for (const block of blocks) {
    if (comesBefore(block, element)) found = block;
    else break;
  }
  return found;
}

function firstBlockAfter(blocks: Element[], element: Element): Element | null {
  return (
    blocks.find(
      (block) =>
        comesBefore(element, block) && !element.contains(block),
    ) ?? null
  );
}

/** Removes leftover tokens from a string Readability derived from the marked document. */
export function stripTokens(text: string | null | undefined, marks: EmbedMarks): string | null {
  if (text == null) return null;
  return normalizeSpace(text.replace(marks.tokenPattern, ' ')) || null;
}

/**
 * Puts each embed back into the article content as a placeholder element: where its token
 * survived, else right after (or before) the paragraph it followed (preceded) in the page.
 * Embeds whose place is not part of the story (sidebars, footers) are left out.
 * Returns the embeds placed, in article order.
 */
export function placeEmbeds(content: Element, marks: EmbedMarks): Embed[] {
  const document = content.ownerDocument;
  const placed = new Set<number>();
  const tokenIndex = new Map(marks.marks.map((mark, index) => [mark.token, index]));

  for (const textNode of textNodesOf(content)) {
    const value = textNode.nodeValue ?? '';
    if (!value.includes('clipfileembed')) continue;
    marks.tokenPattern.lastIndex = 0;
    for (const match of value.matchAll(marks.tokenPattern)) {
      const index = tokenIndex.get(match[0].trim());
      if (index === undefined || placed.has(index)) continue;
      placed.add(index);
      const carrier = textNode.parentElement;
      const placeholder = createPlaceholder(document, index);
      // A token alone in its paragraph becomes the block; one inside running text goes after it.
      if (carrier && normalizeSpace(carrier.textContent ?? '') === match[0].trim()) {
        carrier.replaceWith(placeholder);
      } else {
        (carrier?.closest('p, li, blockquote, div') ?? carrier ?? content).after(placeholder);
      }
    }
  }
  for (const textNode of textNodesOf(content)) {
    const value = textNode.nodeValue ?? '';
    if (value.includes('clipfileembed')) textNode.nodeValue = value.replace(marks.tokenPattern, ' ');
  }

  const contentBlocks = Array.from(content.querySelectorAll(ANCHOR_BLOCKS));
  const findBlock = (anchor: string | null) =>
    anchor == null ? undefined : contentBlocks.find((b) => normalizeSpace(b.textContent ?? '') === anchor);

  // Unplaced embeds go after their preceding anchor; walk backwards so that consecutive
  // embeds sharing one anchor keep their page order.
  for (let index = marks.marks.length - 1; index >= 0; index--) {
    if (placed.has(index)) continue;
    const mark = marks.marks[index]!;
    const before = findBlock(mark.anchorBefore);
    const after = before ? undefined : findBlock(mark.anchorAfter);
    if (before) before.after(createPlaceholder(document, index));
    else if (after) after.before(createPlaceholder(document, index));
    else continue;
    placed.add(index);
  }
  // Tokens of a run of embeds may land after the anchor in reverse; the DOM order decides.
  return Array.from(content.querySelectorAll(EMBED_PLACEHOLDER_TAG)).map((el, order) => {
    const index = Number(el.getAttribute('data-index'));
    el.setAttribute('data-index', String(order));
    return marks.marks[index]!.embed;
  });
}

function createPlaceholder(document: Document, index: number): Element {
  const placeholder = document.createElement(EMBED_PLACEHOLDER_TAG.toLowerCase());
  placeholder.setAttribute('data-index', String(index));
  // Text keeps turndown from treating the element as blank.
  placeholder.textContent = 'embed';
  return placeholder;
}

function textNodesOf(root: Element): Text[] {
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  return nodes;
}
