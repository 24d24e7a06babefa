/** Small DOM measurements shared by the quality rules (no layout, no computed styles). */
import { collapseSpace } from '../../text/index.js';
import type { Element, Node } from '../dom.js';

import { MARK_ATTRIBUTE } from '../markers.js';

export { MARK_ATTRIBUTE };

/** Collapsed text of a node. */
export function textOf(node: Node): string {
  return collapseSpace(node.textContent);
}

/** Whether a node holds any non-blank text (cheaper than `textOf` for a yes/no). */
export function hasText(node: Node): boolean {
  return /\S/.test(node.textContent ?? '');
}

/** Share of an element's text that sits inside links (0 for an element without text). */
export function linkDensity(element: Element, text: string = textOf(element)): number {
  if (!text) return 0;
  let linked = 0;
  for (const link of Array.from(element.querySelectorAll('a'))) linked += textOf(link).length;
  if (element.tagName === 'A') linked = text.length;
  return Math.min(1, linked / text.length);
}


/** Tags whose content is a unit of the story for the trimming rules. */
export const LEAF_BLOCKS = new Set([
  'P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'DT', 'DD', 'BLOCKQUOTE', 'PRE', 'FIGURE', 'TABLE', 'DL',
  'FIGCAPTION', 'ADDRESS', 'HR',
]);
const CONTAINERS = new Set(['DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'UL', 'OL', 'SPAN', 'FORM', 'CENTER']);
/** Blocks kept whole: their inside belongs to them. */
const ATOMIC = new Set(['FIGURE', 'TABLE', 'PRE', 'BLOCKQUOTE', 'DL']);

/** A heading element, h1 to h6. */
export function isHeading(element: Element): boolean {
  return /^H[1-6]$/.test(element.tagName);
}

/**
 * The story's blocks in document order: paragraphs, headings, list items, figures, tables,
 * embed placeholders, and text-bearing containers without block children.
 */
export function leafBlocks(root: Element, isPlaceholder: (e: Element) => boolean): Element[] {
  const out: Element[] = [];
  const visit = (element: Element): void => {
    for (const child of Array.from(element.children)) {
      const tag = child.tagName;
      if (isPlaceholder(child) || ATOMIC.has(tag)) {
        out.push(child);
      } else if (LEAF_BLOCKS.has(tag)) {
        if (tag === 'LI' && hasBlockChild(child)) visit(child);
        else out.push(child);
      } else if (CONTAINERS.has(tag)) {
        if (hasBlockChild(child)) visit(child);
        else if (hasText(child)) out.push(child);
      } else if (hasText(child) || child.querySelector('img')) {
        out.push(child);
      }
    }
  };
  visit(root);
  return out;
}

/** A block child; a <span> is inline unless it holds blocks itself. */
function hasBlockChild(element: Element): boolean {
  for (const child of Array.from(element.children)) {
    if (LEAF_BLOCKS.has(child.tagName)) return true;
    if (CONTAINERS.has(child.tagName) && (child.tagName !== 'SPAN' || hasBlockChild(child))) return true;
  }
  return false;
}

/**
 * Removes an element and then every ancestor up to `root` left empty (no child element, no
 * text). Only childless ancestors are tested, so the cost does not grow with the content.
 */
export function removeWithEmptyAncestors(element: Element, root: Element): void {
  let parent: Element | null = element.parentElement;
  element.remove();
  while (parent && parent !== root && parent.children.length === 0 && !(parent.textContent ?? '').trim()) {
    const next: Element | null = parent.parentElement;
    parent.remove();
    parent = next;
  }
}

/** Phrasing content: what a paragraph is made of (HTML's content model, plus <font>). */
export const PHRASING = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'BR', 'CITE', 'CODE', 'DATA', 'DEL', 'DFN', 'EM', 'FONT', 'I', 'IMG', 'INS', 'KBD',
  'LABEL', 'MARK', 'PICTURE', 'Q', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'U', 'VAR', 'WBR',
]);

/** How far a run of phrasing content is followed on each side of an element. */
const MAX_RUN_SIBLINGS = 500;

/** A paragraph around phrasing content: its block, and the run of phrasing inside it (null when the run is the whole block). */
export interface Paragraph {
  block: Element;
  run: Node[] | null;
  text: string;
}
/** Paragraphs already measured, by each node of their run: one pass per run, however many named elements it holds. */
export type ParagraphCache = Map<Node, Paragraph>;

/**
 * The paragraph a piece of phrasing content stands in: its nearest non-phrasing ancestor when
 * that holds nothing else, else the run of phrasing siblings around it (what Readability would
 * wrap in a <p>) and the text of that run. Null for an element that is no phrasing content.
 */
export function paragraphAround(element: Element, cache?: ParagraphCache): Paragraph | null {
  if (!PHRASING.has(element.tagName)) return null;
  let top = element;
  while (top.parentElement && PHRASING.has(top.parentElement.tagName)) top = top.parentElement;
  const block = top.parentElement;
  if (!block) return null;
  const known = cache?.get(top);
  if (known && known.block === block) return known;
  const inRun = (node: Node) => node.nodeType === 3 || (node.nodeType === 1 && PHRASING.has((node as Element).tagName));
  // Bounded, so that a hostile page of endless named spans costs linear time, not quadratic.
  let first: Node = top;
  for (let n = 0; n < MAX_RUN_SIBLINGS && first.previousSibling && inRun(first.previousSibling); n++) first = first.previousSibling;
  let last: Node = top;
  for (let n = 0; n < MAX_RUN_SIBLINGS && last.nextSibling && inRun(last.nextSibling); n++) last = last.nextSibling;
  const run: Node[] = [];
  for (let node: Node | null = first; node; node = node.nextSibling) {
    run.push(node);
    if (node === last) break;
  }
  const text = collapseSpace(run.map((node) => node.textContent ?? '').join(''));
  const wholeBlock = first === block.firstChild && last === block.lastChild;
  const paragraph = { block, run: wholeBlock ? null : run, text };
  if (cache) for (const node of run) cache.set(node, paragraph);
  return paragraph;
}

/**
 * The element to act on for phrasing content whose names speak for its paragraph: the block
 * itself, or the run of phrasing around it wrapped in a new <p> (as Readability would wrap it).
 */
export function paragraphElement(paragraph: Paragraph, cache?: ParagraphCache): Element {
  if (!paragraph.run) return paragraph.block;
  const p = paragraph.block.ownerDocument.createElement('p');
  paragraph.block.insertBefore(p, paragraph.run[0]!);
  for (const node of paragraph.run) {
    p.append(node);
    cache?.delete(node);
  }
  return p;
}
