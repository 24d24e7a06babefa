/**
 * Stories laid out in tables: an older page sets its text in table cells, one item or one part of
 * the story per cell (a catalogue's entries, a page of puzzles, a firm's pages of prose around its
 * menus), each a bold title and a run of text, often without a single <p>. Readability scores
 * one cell (or one table) and takes it; the rest of the story is in the cells beside it.
 *
 * By structure only. Before Readability, the page's prose is read as runs of phrasing content
 * (text, links, bold, font, line breaks) between block boundaries; a run of PROSE_MIN_WORDS
 * words, mostly unlinked, is prose. Where most of the page's prose words sit in table cells (the
 * page is laid out with tables) and the chosen content is one part of that prose (the prose holds
 * most of the content, the content under half of the prose, and the prose at most a dozen times
 * the content), the content becomes the page's prose runs, each a paragraph, in page order.
 */
import { containment, shingles } from './agreement.js';
import { PHRASING, textOf } from './dom.js';
import { collapseSpace } from '../../text/index.js';
import type { Document, Element, Node } from '../dom.js';

/** A run of prose says something: a sentence or two (a menu line, a caption or a date says less). */
const PROSE_MIN_WORDS = 20;
/** Prose is mostly unlinked text (a row of links is a menu, whatever its length). */
const PROSE_MAX_LINK_SHARE = 0.3;
/** Share of the page's prose words inside table cells for the page to be laid out with tables. */
const TABLE_LAID_SHARE = 0.6;
/** The chosen content holds under this share of the page's prose shingles: it took one part of it. */
const CONTENT_HOLDS_PART = 0.5;
/**
 * Share of the content's own shingles the page's prose must hold for the content to be one part of
 * it (one cell's item); content that is something else (a story of short lines, a form) is kept.
 */
const CONTENT_IS_PART = 0.5;
/** Words of prose it takes to stand in for the content (a few lines around the menus are no story). */
const MIN_PROSE_WORDS = 150;

/**
 * The page's prose may be at most this many times the content's words: a content of one item among
 * a dozen is a part of the page's story; a short story on a page of far more prose in other cells
 * (a directory's descriptions, a list of other pages' abstracts) is a story of its own.
 */
const MAX_PROSE_TO_CONTENT = 12;

/** Subtrees whose text is never prose: form controls and their options. */
const NEVER_PROSE = new Set(['SELECT', 'OPTION', 'TEXTAREA', 'BUTTON', 'NOSCRIPT', 'TEMPLATE']);

/** The page's runs of prose, copied as paragraphs (null when the page is not laid out with tables). */
export interface TableProse {
  paragraphs: Element[];
  words: number;
}

/** Reads the page's prose runs (call on the cleaned page, before Readability changes it). */
export function tableProse(document: Document): TableProse | null {
  const body = document.body;
  // Most pages have no table at all: nothing to read.
  if (!body || !body.querySelector('td')) return null;
  const holdsBlock = new Set<Element>();
  markBlockHolders(body, holdsBlock);
  const runs: Run[] = [];
  collectRuns(body, false, holdsBlock, runs);
  const prose: Node[][] = [];
  let total = 0;
  let inCells = 0;
  for (const { nodes, inCell } of runs) {
    const text = collapseSpace(nodes.map((node) => node.textContent ?? '').join(''));
    // A run too short to hold PROSE_MIN_WORDS words is not counted (most runs: labels, links).
    if (text.length < 2 * PROSE_MIN_WORDS) continue;
    const count = wordCount(text);
    if (count < PROSE_MIN_WORDS || linkedShare(nodes, text) >= PROSE_MAX_LINK_SHARE) continue;
    total += count;
    if (inCell) inCells += count;
    prose.push(nodes);
  }
  if (total < MIN_PROSE_WORDS || inCells < TABLE_LAID_SHARE * total) return null;
  // Copied now: Readability takes the page apart afterwards.
  const paragraphs = prose.map((nodes) => {
    const p = document.createElement('p');
    for (const node of nodes) p.append(node.cloneNode(true));
    return p;
  });
  return { paragraphs, words: total };
}

/**
 * The page's prose in place of the content when the content is one part of it; else null (the
 * content is the story, or a story of its own beside the prose, or the page is not laid out with
 * tables). `contentText` is the content's text as the decision reads it (the pipeline passes it as
 * it was before the trimming).
 */
export function proseInstead(content: Element, prose: TableProse | null, contentText: string = textOf(content)): Element | null {
  if (!prose) return null;
  // The cheap test first: most content is far more than a twelfth of the page's prose.
  if (prose.words > MAX_PROSE_TO_CONTENT * wordCount(contentText)) return null;
  const proseShingles = shingles(prose.paragraphs.map((p) => textOf(p)).join(' '));
  const contentShingles = shingles(contentText);
  if (containment(proseShingles, contentShingles) >= CONTENT_HOLDS_PART) return null;
  if (containment(contentShingles, proseShingles) < CONTENT_IS_PART) return null;
  const root = content.ownerDocument.createElement('div');
  for (const p of prose.paragraphs) root.append(p.cloneNode(true));
  return root;
}

/** Post-order: every element whose subtree holds a block (anything but phrasing content). */
function markBlockHolders(element: Element, holders: Set<Element>): boolean {
  let holds = false;
  // Siblings followed one by one: no array per element (this walk reads every element of the page).
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if (child.nodeType !== 1) continue;
    if (markBlockHolders(child as Element, holders) || !PHRASING.has((child as Element).tagName)) holds = true;
  }
  if (holds) holders.add(element);
  return holds;
}

/** A run of inline nodes, and whether it sits in a table cell. */
interface Run {
  nodes: Node[];
  inCell: boolean;
}

/** Pre-order, in page order: the maximal runs of inline nodes (text, phrasing without blocks) under each element. */
function collectRuns(element: Element, inCell: boolean, holdsBlock: ReadonlySet<Element>, runs: Run[]): void {
  let nodes: Node[] = [];
  const close = () => {
    if (nodes.length > 0) runs.push({ nodes, inCell });
    nodes = [];
  };
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) {
      nodes.push(child);
      continue;
    }
    if (child.nodeType !== 1) continue;
    const tag = (child as Element).tagName;
    if (NEVER_PROSE.has(tag)) {
      close();
      continue;
    }
    if (PHRASING.has(tag) && !holdsBlock.has(child as Element)) {
      nodes.push(child);
      continue;
    }
    close();
    collectRuns(child as Element, inCell || tag === 'TD' || tag === 'TH', holdsBlock, runs);
  }
  close();
}

/** Words of a collapsed text, as spaces separate them (cheaper than words(): read for every run of the page). */
function wordCount(text: string): number {
  let count = text ? 1 : 0;
  for (let at = text.indexOf(' '); at >= 0; at = text.indexOf(' ', at + 1)) count++;
  return count;
}

/** Share of a run's text inside links. */
function linkedShare(run: readonly Node[], text: string): number {
  if (!text) return 0;
  let linked = 0;
  for (const node of run) {
    if (node.nodeType !== 1) continue;
    const element = node as Element;
    if (element.tagName === 'A') linked += textOf(element).length;
    else for (const link of Array.from(element.querySelectorAll('a'))) linked += textOf(link).length;
  }
  return Math.min(1, linked / text.length);
}
