/**
 * Cleaning before Readability: removes what is never story, recognised by structure (class and
 * id names, ARIA roles, nav elements), and marks bylines, date lines, captions and credits for
 * the stages after Readability. One pass over the elements; no layout, no computed styles.
 */
import { chromeKind, markKind, type ChromeKind, type MarkKind } from './vocabulary.js';
import { MARK_ATTRIBUTE, paragraphAround, paragraphElement, textOf, type ParagraphCache } from './dom.js';
import { INLINE_SHARE_FOR_PARAGRAPH, shieldPhrasingNames } from './shield.js';
import type { Document, Element } from '../dom.js';

export interface CleanReport {
  /** Elements removed, by kind. */
  removed: Partial<Record<ChromeKind, number>>;
  /** Elements marked (meta, caption, credit). */
  marked: number;
  /**
   * The texts of the marked elements: Readability rebuilds some elements (a <div> around a
   * single <p> is replaced by the <p>, loose text is wrapped in new paragraphs), and the mark
   * goes with them; the text is how the trimming finds them again.
   */
  markedTexts: Record<MarkKind, string[]>;
}

/** Marked texts longer than this are not kept for matching (they are no byline or caption). */
const MAX_MARKED_TEXT = 400;

/** Chrome this large is a wrapper of the page that happens to carry a chrome name. */
const MAX_SHARE_OF_PARAGRAPH_TEXT = 0.5;
/** Small chrome (share bars, bios, tags, breadcrumbs) holds little text. */
const SMALL_KINDS = new Set<ChromeKind>(['share', 'breadcrumbs', 'tags', 'hidden', 'notice', 'advert', 'newsletter']);
const MAX_SMALL_TEXT = 1500;
const NEVER_REMOVED = new Set(['HTML', 'BODY', 'MAIN', 'TABLE', 'TBODY', 'THEAD', 'TR', 'TD', 'TH']);

/**
 * Cleans `document` in place. `isProtected` tells which elements must stay whole (the embed
 * markers): an element containing one is never removed.
 */
export function cleanBeforeReadability(document: Document, isProtected: (text: string) => boolean): CleanReport {
  const report: CleanReport = { removed: {}, marked: 0, markedTexts: { meta: [], caption: [], credit: [] } };
  const mark = (element: Element, kind: MarkKind) => {
    element.setAttribute(MARK_ATTRIBUTE, kind);
    report.marked++;
    const text = textOf(element);
    if (text.length >= 8 && text.length <= MAX_MARKED_TEXT) report.markedTexts[kind].push(text);
  };
  const body = document.body;
  if (!body) return report;

  let paragraphText = 0;
  for (const p of Array.from(body.querySelectorAll('p'))) paragraphText += (p.textContent ?? '').length;

  const all = Array.from(body.querySelectorAll('*'));
  const removed = new Set<Element>();
  const paragraphs: ParagraphCache = new Map();
  for (const element of all) {
    if (NEVER_REMOVED.has(element.tagName)) continue;
    // Inside an element already removed: nothing to do.
    if (!element.isConnected) continue;
    const kind = chromeKind(element);
    const kindOfMark = kind ? null : markKind(element);
    if (!kind && !kindOfMark) continue;
    const target = elementToActOn(element, paragraphs);
    if (!target) continue;
    if (kind === 'author-bio' && textOf(target).length < 100) {
      // A short "author" block is the byline Readability reads; it is trimmed after Readability.
      mark(target, 'meta');
      continue;
    }
    if (kind) {
      if (canRemove(target, kind, paragraphText, isProtected)) {
        target.remove();
        removed.add(target);
        report.removed[kind] = (report.removed[kind] ?? 0) + 1;
      }
      continue;
    }
    if (kindOfMark && !target.closest(`[${MARK_ATTRIBUTE}]`)) mark(target, kindOfMark);
  }
  shieldPhrasingNames(document);
  return report;
}

/**
 * Rules act on blocks, never on words inside a paragraph: the names of phrasing content (a
 * link, a span) speak for its paragraph only when it is most of that paragraph ("By <a
 * class=author>…</a>"), and then the paragraph is what is removed or marked. A name inside a
 * sentence ("on <a class=meta-loc>Sudan</a> and") says nothing about the sentence.
 */
function elementToActOn(element: Element, paragraphs: ParagraphCache): Element | null {
  const paragraph = paragraphAround(element, paragraphs);
  if (!paragraph) return element;
  if (textOf(element).length < INLINE_SHARE_FOR_PARAGRAPH * paragraph.text.length) return null;
  if (!paragraph.run && NEVER_REMOVED.has(paragraph.block.tagName)) return element;
  return paragraphElement(paragraph, paragraphs);
}

function canRemove(
  element: Element,
  kind: ChromeKind,
  paragraphText: number,
  isProtected: (text: string) => boolean,
): boolean {
  const text = element.textContent ?? '';
  if (isProtected(text)) return false;
  if (SMALL_KINDS.has(kind) && textOf(element).length > MAX_SMALL_TEXT) return false;
  // A story inside a wrapper whose name says "related" or "comments" would go with it.
  if (paragraphText > 0) {
    let inside = 0;
    for (const p of Array.from(element.querySelectorAll('p'))) inside += (p.textContent ?? '').length;
    if (inside > MAX_SHARE_OF_PARAGRAPH_TEXT * paragraphText && inside > 500) return false;
  }
  // Article elements and headings of the page are kept whatever their names.
  if (element.tagName === 'ARTICLE' && text.length > 2000) return false;
  return true;
}
