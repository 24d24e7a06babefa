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


/** Inline wrappers a headline link may sit in at the head of a block (bold, italic, a font). */
const LINK_WRAPPERS = new Set(['B', 'STRONG', 'EM', 'I', 'SPAN', 'FONT', 'BIG', 'U']);

/**
 * The link a block opens with, before any text of its own ("<b><a>Headline</a></b><br>summary"),
 * or null: an item of a list of other pages, as a headline and its summary are set.
 */
export function leadingLink(block: Element): Element | null {
  let node = block.firstChild;
  while (node) {
    if (node.nodeType === 3) {
      if (hasText(node)) return null;
      node = node.nextSibling;
      continue;
    }
    if (node.nodeType !== 1) {
      node = node.nextSibling;
      continue;
    }
    const element = node as Element;
    if (element.tagName === 'A') return hasText(element) ? element : null;
    if (element.tagName === 'BR') {
      node = node.nextSibling;
      continue;
    }
    if (!LINK_WRAPPERS.has(element.tagName)) return null;
    // Into the wrapper; text after it that comes before any link is the block's own.
    if (!hasText(element)) {
      node = node.nextSibling;
      continue;
    }
    node = element.firstChild;
  }
  return null;
}

/** Whether a line break follows an element in its block, with nothing but blanks between (a line of its own). */
export function endsLine(element: Element, block: Element): boolean {
  let node: Node = element;
  for (;;) {
    let next = node.nextSibling;
    while (next && next.nodeType !== 1 && !hasText(next)) next = next.nextSibling;
    if (next) return next.nodeType === 1 && (next as Element).tagName === 'BR';
    const parent = node.parentElement;
    if (!parent || parent === block) return false;
    node = parent;
  }
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

/** A table cell holding this much text is a column of a page laid out with tables, not a datum. */
const DATA_CELL_CHARS = 400;

/**
 * A table that lays out a page rather than holding data: one of its own cells holds a run of
 * text no datum has. Its cells are containers like any other.
 */
export function isLayoutTable(table: Element): boolean {
  return ownCells(table).some((cell) => textOf(cell).length >= DATA_CELL_CHARS);
}

/** The cells of a table's own rows (not those of tables nested in it). */
function ownCells(table: Element): Element[] {
  return Array.from(table.querySelectorAll('td, th')).filter((cell) => cell.closest('table') === table);
}

export interface LeafBlockOptions {
  /**
   * Read the cells of layout tables as containers (isLayoutTable), and the rows and cells of a
   * table whose <table> is gone (Readability makes its top candidate a <div>); else every table
   * is one block.
   */
  intoLayoutTables?: boolean;
}

/** Parts of a table, found outside one where Readability renamed the <table> of its pick. */
const TABLE_PARTS = new Set(['TBODY', 'THEAD', 'TFOOT', 'TR', 'TD', 'TH']);

/**
 * The story's blocks in document order: paragraphs, headings, list items, figures, tables,
 * embed placeholders, and text-bearing containers without block children.
 */
export function leafBlocks(root: Element, isPlaceholder: (e: Element) => boolean, options: LeafBlockOptions = {}): Element[] {
  const out: Element[] = [];
  const intoTables = options.intoLayoutTables === true;
  const visitContainer = (container: Element): void => {
    if (hasBlockChild(container, intoTables)) visit(container);
    else if (hasText(container)) out.push(container);
  };
  const visit = (element: Element): void => {
    for (const child of Array.from(element.children)) {
      const tag = child.tagName;
      if (tag === 'TABLE' && intoTables && !isPlaceholder(child) && isLayoutTable(child)) {
        for (const cell of ownCells(child)) visitContainer(cell);
      } else if (isPlaceholder(child) || ATOMIC.has(tag)) {
        out.push(child);
      } else if (LEAF_BLOCKS.has(tag)) {
        if (tag === 'LI' && hasBlockChild(child, intoTables)) visit(child);
        else out.push(child);
      } else if (CONTAINERS.has(tag) || (intoTables && TABLE_PARTS.has(tag))) {
        visitContainer(child);
      } else if (hasText(child) || child.querySelector('img')) {
        out.push(child);
      }
    }
  };
  visit(root);
  return out;
}

/** A block child; a <span> is inline unless it holds blocks itself. `tableParts`: a row or a cell is one too. */
function hasBlockChild(element: Element, tableParts = false): boolean {
  for (const child of Array.from(element.children)) {
    if (LEAF_BLOCKS.has(child.tagName) || (tableParts && TABLE_PARTS.has(child.tagName))) return true;
    if (CONTAINERS.has(child.tagName) && (child.tagName !== 'SPAN' || hasBlockChild(child, tableParts))) return true;
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
