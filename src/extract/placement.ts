import type { Embed } from '../article.js';
import type { FoundEmbed } from './embeds/index.js';
import {
  EMBED_INDEX_ATTRIBUTE,
  EMBED_PLACEHOLDER_SELECTOR,
  EMBED_PLACEHOLDER_TAG,
  EMBED_TOKEN_PREFIX,
  placeholderIndex,
} from './markers.js';
import { walkElements } from './tree-order.js';
import { collapseSpace } from '../text/index.js';
import type { Document, Element, Text } from './dom.js';


const ANCHOR_BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, pre, figcaption';
const ANCHOR_TAGS = new Set(ANCHOR_BLOCKS.split(', '));
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
  /** One per embed found, in page order: a placeholder's index points into this list. */
  marks: MarkedEmbed[];
  tokenPattern: RegExp;
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
  const places = embedPlaces(document, found);

  const marks = found.map(({ element, embed }, index): MarkedEmbed => {
    const token = `${EMBED_TOKEN_PREFIX}${nonce}x${index}`;
    const { before, after, inParagraph } = places.get(element)!;
    const marker = document.createElement(inParagraph ? 'span' : 'p');
    marker.textContent = ` ${token} `;
    element.replaceWith(marker);
    return {
      embed,
      token,
      anchorBefore: before ? collapseSpace(before.textContent ?? '') : null,
      anchorAfter: after ? collapseSpace(after.textContent ?? '') : null,
    };
  });
  return { marks, tokenPattern: new RegExp(`\\s*${EMBED_TOKEN_PREFIX}${nonce}x\\d+\\s*`, 'g') };
}

interface EmbedPlace {
  /** The last anchor block before the embed in document order (an ancestor block counts). */
  before: Element | null;
  /** The first anchor block after the embed's end. */
  after: Element | null;
  /** Whether the embed stands inside a paragraph, so its marker must be inline. */
  inParagraph: boolean;
}

/**
 * Where each embed stands among the page's anchor blocks, in one walk of the document: blocks
 * inside an embed are not anchors, and each embed's neighbours are the anchor blocks met just
 * before and just after it. Linear, however many embeds a page has.
 */
function embedPlaces(document: Document, found: FoundEmbed[]): Map<Element, EmbedPlace> {
  const embedElements = new Set(found.map((f) => f.element));
  const places = new Map<Element, EmbedPlace>();
  let lastAnchor: Element | null = null;
  let awaitingAfter: EmbedPlace[] = [];
  let embedDepth = 0;
  let paragraphDepth = 0;
  walkElements(
    document,
    (element) => {
      if (embedElements.has(element)) {
        const place: EmbedPlace = { before: lastAnchor, after: null, inParagraph: paragraphDepth > 0 };
        places.set(element, place);
        awaitingAfter.push(place);
        embedDepth++;
      } else if (embedDepth === 0 && isAnchorBlock(element)) {
        for (const place of awaitingAfter) place.after = element;
        awaitingAfter = [];
        lastAnchor = element;
      }
      if (element.localName === 'p') paragraphDepth++;
    },
    (element) => {
      if (embedElements.has(element)) embedDepth--;
      if (element.localName === 'p') paragraphDepth--;
    },
  );
  return places;
}

function isAnchorBlock(element: Element): boolean {
  return (
    ANCHOR_TAGS.has(element.localName) && collapseSpace(element.textContent ?? '').length >= MIN_ANCHOR_LENGTH
  );
}

/** Removes leftover tokens from a string Readability derived from the marked document. */
export function stripTokens(text: string | null | undefined, marks: EmbedMarks): string | null {
  if (text == null) return null;
  return collapseSpace(text.replace(marks.tokenPattern, ' ')) || null;
}

/**
 * Puts each embed back into the article content as a placeholder element: where its token
 * survived, else right after (or before) the paragraph it followed (preceded) in the page.
 * Embeds whose place is not part of the story (sidebars, footers) are left out. Returns the
 * embeds placed, in article order (the placeholders keep the index they were found with).
 */
export function placeEmbeds(content: Element, marks: EmbedMarks): Embed[] {
  const document = content.ownerDocument;
  const placed = new Set<number>();
  const tokenIndex = new Map(marks.marks.map((mark, index) => [mark.token, index]));

  for (const textNode of textNodesOf(content)) {
    const value = textNode.nodeValue ?? '';
    if (!value.includes(EMBED_TOKEN_PREFIX)) continue;
    marks.tokenPattern.lastIndex = 0;
    for (const match of value.matchAll(marks.tokenPattern)) {
      const index = tokenIndex.get(match[0].trim());
      if (index === undefined || placed.has(index)) continue;
      placed.add(index);
      const carrier = textNode.parentElement;
      const placeholder = createPlaceholder(document, index);
      // A token alone in its paragraph becomes the block; one inside running text goes after it.
      if (carrier && collapseSpace(carrier.textContent ?? '') === match[0].trim()) {
        carrier.replaceWith(placeholder);
      } else {
        (carrier?.closest('p, li, blockquote, div') ?? carrier ?? content).after(placeholder);
      }
    }
  }
  for (const textNode of textNodesOf(content)) {
    const value = textNode.nodeValue ?? '';
    if (value.includes(EMBED_TOKEN_PREFIX)) textNode.nodeValue = value.replace(marks.tokenPattern, ' ');
  }

  const findBlock = blockFinder(content, marks.marks.length > placed.size);

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
  return embedsInPlace(content, marks.marks.map((mark) => mark.embed));
}

/** The embeds whose placeholders stand in `content`, in its order; `found` is indexed as the placeholders are. */
export function embedsInPlace(content: Element, found: readonly Embed[]): Embed[] {
  return Array.from(content.querySelectorAll(EMBED_PLACEHOLDER_SELECTOR)).map((el) => found[placeholderIndex(el)]!);
}

/**
 * Finds the article's first anchor block with a given text. The blocks' texts are read once
 * (and only when some embed still needs its anchor), not once per embed.
 */
function blockFinder(content: Element, needed: boolean): (anchor: string | null) => Element | undefined {
  const byText = new Map<string, Element>();
  if (needed) {
    for (const block of content.querySelectorAll(ANCHOR_BLOCKS)) {
      const text = collapseSpace(block.textContent ?? '');
      if (!byText.has(text)) byText.set(text, block);
    }
  }
  return (anchor) => (anchor == null ? undefined : byText.get(anchor));
}

function createPlaceholder(document: Document, index: number): Element {
  const placeholder = document.createElement(EMBED_PLACEHOLDER_TAG.toLowerCase());
  placeholder.setAttribute(EMBED_INDEX_ATTRIBUTE, String(index));
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
