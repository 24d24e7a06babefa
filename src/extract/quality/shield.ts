/**
 * Readability removes elements by their class and id names ("comment", "popup", "share", …)
 * wherever they stand, a link or a span inside a sentence included: a pronunciation in a
 * span named "nopopups", a footnote mark whose id holds "commentary". Words inside a paragraph
 * are story whatever the markup calls them, so before Readability runs, the names of phrasing
 * content that is a small part of its paragraph are set aside, and given back after.
 */
import { Readability } from '@mozilla/readability';
import { SET_ASIDE_ATTRIBUTES } from '../markers.js';
import { MARK_ATTRIBUTE, PHRASING, textOf } from './dom.js';
import { collapseSpace } from '../../text/index.js';
import type { Document, Element } from '../dom.js';

/**
 * The name rules Readability applies to every element: unlikely candidates, share widgets and
 * bylines (it removes a byline it finds). Read from Readability itself so they stay its own;
 * should a version stop exposing them, every name inside prose is set aside.
 */
const READABILITY_NAME_RULES: readonly RegExp[] = (() => {
  const rules = (Readability.prototype as unknown as { REGEXPS?: Record<string, RegExp> }).REGEXPS;
  const wanted = [rules?.['unlikelyCandidates'], rules?.['shareElements'], rules?.['byline']];
  return wanted.every((rule) => rule instanceof RegExp) ? (wanted as RegExp[]) : [/./];
})();

function readabilityWouldRemove(element: Element): boolean {
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
  return READABILITY_NAME_RULES.some((rule) => rule.test(names));
}

const SET_ASIDE = SET_ASIDE_ATTRIBUTES;
/** Phrasing content below this share of its paragraph's text is words of the paragraph, not a block of its own. */
export const INLINE_SHARE_FOR_PARAGRAPH = 0.5;
/**
 * Shorter runs are lines, not prose (a byline "By <span class=author>…</span> | <time>…"), and
 * keep their names: Readability reads bylines by them.
 */
const MIN_PROSE_LENGTH = 100;
/** Phrasing content without words: Readability reads images' classes ("lazy"), and they carry no words to lose. */
const WORDLESS = new Set(['IMG', 'PICTURE', 'BR', 'WBR']);

/** Sets aside the class and id of phrasing content inside paragraphs. One pass over the elements. */
export function shieldPhrasingNames(document: Document): void {
  const body = document.body;
  if (!body) return;
  for (const parent of [body, ...Array.from(body.querySelectorAll('*'))]) {
    // The children of phrasing content belong to the run of the block around it; inside a
    // byline or date line the cleaning marked, Readability reads the names (it finds the byline by them).
    if (PHRASING.has(parent.tagName) || parent.closest(`[${MARK_ATTRIBUTE}]`)) continue;
    let run: Element[] = [];
    let text = '';
    const flush = () => {
      const length = collapseSpace(text).length;
      if (length >= MIN_PROSE_LENGTH) for (const element of run) shieldWithin(element, length);
      run = [];
      text = '';
    };
    for (const child of Array.from(parent.childNodes)) {
      if (child.nodeType === 3) text += child.nodeValue ?? '';
      else if (child.nodeType === 1 && PHRASING.has((child as Element).tagName)) {
        run.push(child as Element);
        text += child.textContent ?? '';
      } else if (child.nodeType === 1) flush();
    }
    flush();
  }
}

function shieldWithin(element: Element, paragraphLength: number): void {
  for (const inner of selfAndDescendants(element)) {
    if (!inner.hasAttribute('class') && !inner.hasAttribute('id')) continue;
    if (!PHRASING.has(inner.tagName) || WORDLESS.has(inner.tagName) || inner.hasAttribute(MARK_ATTRIBUTE)) continue;
    if (!readabilityWouldRemove(inner)) continue;
    if (textOf(inner).length >= INLINE_SHARE_FOR_PARAGRAPH * paragraphLength) continue;
    for (const [name, aside] of Object.entries(SET_ASIDE)) {
      const value = inner.getAttribute(name);
      if (value === null) continue;
      inner.setAttribute(aside, value);
      inner.removeAttribute(name);
    }
  }
}

function selfAndDescendants(element: Element): Element[] {
  const out = [element];
  for (let i = 0; i < out.length; i++) out.push(...Array.from(out[i]!.children));
  return out;
}

/**
 * Gives the ids back (in-page links point at them); classes stay off, as Readability leaves
 * every class off its result.
 */
export function restorePhrasingNames(content: Element): void {
  for (const element of Array.from(content.querySelectorAll(`[${SET_ASIDE.class}], [${SET_ASIDE.id}]`))) {
    const id = element.getAttribute(SET_ASIDE.id);
    if (id !== null) element.setAttribute('id', id);
    element.removeAttribute(SET_ASIDE.id);
    element.removeAttribute(SET_ASIDE.class);
  }
}
