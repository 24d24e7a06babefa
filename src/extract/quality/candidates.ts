/**
 * Other strategies than Readability, and the choice between them by agreement:
 * - the densest text block of the cleaned page (the container whose paragraphs hold the most
 *   unlinked text), taken before Readability changes the document;
 * - the JSON-LD `articleBody` the page declares.
 */
import { agreement, containment, shingles, words } from './agreement.js';
import { leafBlocks, linkDensity, removeWithEmptyAncestors, textOf } from './dom.js';
import { collapseSpace } from '../../text/index.js';
import type { Document, Element } from '../dom.js';

/**
 * The container whose direct paragraphs carry the most unlinked text, copied (a subtree copy,
 * not a second parse) so that Readability's changes to the document do not reach it.
 */
export function densestBlock(document: Document): Element | null {
  const body = document.body;
  if (!body) return null;
  const scores = new Map<Element, number>();
  for (const p of Array.from(body.querySelectorAll('p'))) {
    const parent = p.parentElement;
    if (!parent) continue;
    const text = textOf(p);
    if (text.length < 25) continue;
    const value = text.length * (1 - linkDensity(p, text));
    scores.set(parent, (scores.get(parent) ?? 0) + value);
    const grand = parent.parentElement;
    if (grand && grand !== body) scores.set(grand, (scores.get(grand) ?? 0) + value / 2);
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const [element, score] of scores) {
    if (score > bestScore) {
      best = element;
      bestScore = score;
    }
  }
  return best && bestScore >= 250 ? (best.cloneNode(true) as Element) : null;
}

/** Plain text of a JSON-LD articleBody (some pages put HTML in it). */
export function articleBodyText(body: string | null): string | null {
  if (!body) return null;
  const text = collapseSpace(body.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' '));
  return words(text).length >= 30 ? text : null;
}

export interface Candidate {
  name: 'readability' | 'densest-block' | 'json-ld';
  /** The candidate's DOM (null for the JSON-LD text, which has none). */
  element: Element | null;
  text: string;
  shingles: Set<string>;
}

export function candidate(name: Candidate['name'], element: Element | null, text: string): Candidate {
  return { name, element, text, shingles: shingles(text) };
}

export interface Choice {
  chosen: Candidate;
  /** Agreement of the chosen candidate with the others (0..1; null when it stands alone). */
  agreement: number | null;
  /** Why another candidate replaced Readability's, or null when Readability's was kept. */
  replaced: string | null;
  /**
   * Against the best other candidate with a DOM (the densest block): the share of the chosen
   * text's shingles it lacks (extra) and of its own the chosen text lacks (missing); null when
   * there is none.
   */
  bounds: { extra: number; missing: number } | null;
}

/** Why Readability's result is not to be trusted as it is (empty, very short, mostly links), or null. */
export function isSuspicious(readability: Candidate | null, others: readonly Candidate[]): string | null {
  if (!readability || readability.text.length === 0) return 'empty';
  const count = words(readability.text).length;
  const longest = Math.max(0, ...others.map((o) => words(o.text).length));
  if (count < 40 && longest >= 4 * Math.max(count, 25)) return isAddressBlock(readability.text) ? 'address block' : 'very short';
  if (readability.element && readability.text.length > 0 && linkDensity(readability.element, readability.text) > 0.5) {
    return 'mostly links';
  }
  return null;
}

/**
 * Readability's own minimum article length: below it, left to itself, it retries without its name
 * rules and returns the longest text it found.
 */
const READABILITY_OWN_THRESHOLD = 500;

/** A telephone number as address blocks write it: "727-821-9494", "(020) 7946 0018", "+44 20 7946 0018". */
const PHONE_NUMBER = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)|\d{2,5})[\s.-]\d{3,4}[\s.-]\d{3,4}\b/;

/**
 * A short text that is a postal address or contact block (a street line and a phone number):
 * Readability's pick on a page whose story it missed, never a story of its own.
 */
function isAddressBlock(text: string): boolean {
  return PHONE_NUMBER.test(text) && /\d+\s+\p{L}/u.test(text.replace(PHONE_NUMBER, ''));
}

/**
 * Chooses among the candidates: Readability's unless suspicious; then the candidate that agrees
 * best with the others (the JSON-LD body decides when present).
 */
export function choose(readability: Candidate | null, others: readonly Candidate[]): Choice | null {
  const all = [readability, ...others].filter((c): c is Candidate => c !== null && c.text.length > 0);
  if (all.length === 0) return null;
  const agreementOf = (c: Candidate): number | null => {
    const rest = all.filter((o) => o !== c);
    return rest.length ? Math.max(...rest.map((o) => agreement(c.shingles, o.shingles))) : null;
  };
  const boundsOf = (c: Candidate): Choice['bounds'] => {
    const other = all.find((o) => o !== c && o.element !== null);
    return other ? { extra: 1 - containment(c.shingles, other.shingles), missing: 1 - containment(other.shingles, c.shingles) } : null;
  };
  const chosen = (c: Candidate, replaced: string | null): Choice => ({ chosen: c, agreement: agreementOf(c), replaced, bounds: boundsOf(c) });
  const why = isSuspicious(readability, others);
  if (!why && readability) return chosen(readability, null);

  const jsonLd = others.find((o) => o.name === 'json-ld');
  const withDom = all.filter((c) => c.element !== null && words(c.text).length >= 20);
  let best: Candidate | null = null;
  let bestScore = -1;
  for (const c of withDom) {
    // A candidate that is mostly links is no story, whoever found it.
    if (c.element && linkDensity(c.element, c.text) > 0.5) continue;
    let score: number;
    if (jsonLd) score = containment(jsonLd.shingles, c.shingles);
    else {
      // Without a JSON-LD body to decide, a short Readability result is replaced only by a
      // candidate that contains it (the rest of the same story), never by an unrelated block.
      // Below Readability's own threshold the result may be its first pass only (the pipeline
      // keeps a short first pass, quality/first-pass.ts): Readability alone would have gone on to
      // its longest text, so may we.
      const guarded = why === 'very short' && readability !== null && readability.text.length >= READABILITY_OWN_THRESHOLD;
      if (c !== readability && readability && guarded && containment(readability.shingles, c.shingles) < 0.5) continue;
      score = (agreementOf(c) ?? 0) + Math.min(1, words(c.text).length / 500);
    }
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  // The JSON-LD body itself when no DOM candidate holds most of it.
  if (jsonLd && (!best || bestScore < 0.5)) best = jsonLd;
  if (!best) return readability ? chosen(readability, null) : null;
  return chosen(best, best === readability ? null : why);
}

/** Builds article content from the JSON-LD text: one paragraph per line. */
export function contentFromText(document: Document, text: string): Element {
  const root = document.createElement('div');
  for (const line of text.split(/\n+/)) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const p = document.createElement('p');
    p.textContent = trimmed;
    root.append(p);
  }
  return root;
}

/**
 * Where the page's JSON-LD articleBody is the whole story (the content holds nearly all of it),
 * blocks of the content that share nothing with it are not story: leading and trailing ones
 * whatever they are, inner ones when they are plain paragraphs or list items. Headings,
 * figures, tables, quotations and embeds stay (the articleBody leaves them out).
 */
export function confirmWithArticleBody(
  content: Element,
  bodyText: string,
  isPlaceholder: (e: Element) => boolean,
): number {
  const body = shingles(bodyText);
  const contentShingles = shingles(textOf(content));
  if (containment(body, contentShingles) < 0.85) return 0;
  if (words(bodyText).length < 0.5 * words(textOf(content)).length) return 0;
  const blocks = leafBlocks(content, isPlaceholder);
  const foreign = blocks.map((block) => {
    if (isPlaceholder(block)) return false;
    const text = textOf(block);
    if (words(text).length < 4) return false;
    return containment(shingles(text), body) < 0.1;
  });
  // A body that leaves out much of the content is an excerpt, not the whole story.
  const contentWords = words(textOf(content)).length;
  const foreignWords = blocks.reduce((sum, block, i) => sum + (foreign[i] ? words(textOf(block)).length : 0), 0);
  if (foreignWords > 0.3 * contentWords) return 0;
  // Inside the story only plain text blocks go: headings, figures, quotations and tables are
  // part of it even though the articleBody leaves them out.
  const innerRemovable = new Set(['P', 'LI', 'DIV', 'SPAN', 'DD', 'DT']);
  let removed = 0;
  let first = foreign.findIndex((f, i) => !f && words(textOf(blocks[i]!)).length >= 4);
  let last = foreign.length - 1 - [...foreign].reverse().findIndex((f, i) => !f && words(textOf(blocks[foreign.length - 1 - i]!)).length >= 4);
  if (first < 0) first = blocks.length;
  if (last >= blocks.length) last = -1;
  blocks.forEach((block, i) => {
    if (!foreign[i] || !content.contains(block)) return;
    const outside = i < first || i > last;
    if (!outside && !innerRemovable.has(block.tagName)) return;
    // A long paragraph inside the story is kept even so: bodies are sometimes abridged.
    if (!outside && textOf(block).length > 400 && linkDensity(block) < 0.3) return;
    if (outside && ['FIGURE', 'TABLE'].includes(block.tagName)) return;
    removeWithEmptyAncestors(block, content);
    removed++;
  });
  return removed;
}

/** The content holds nearly all of the JSON-LD articleBody. */
export function articleBodyCovered(content: Element, bodyText: string | null): boolean {
  if (!bodyText) return false;
  return containment(shingles(bodyText), shingles(textOf(content))) >= 0.85;
}
